import { readJson, withRoute } from "@/lib/api/with-route";
import { createTeam } from "@/lib/users/create-team";
import { listTeams } from "@/lib/users/list-teams";

// GET /api/teams – all teams (administrators)
export const GET = withRoute(async ({ actor }) => ({ teams: await listTeams({ actor }) }));

// POST /api/teams – add a team: { name } (administrators)
export const POST = withRoute(async ({ req, actor }) => {
  const team = await createTeam({ actor, input: await readJson(req) });
  return Response.json({ team }, { status: 201 });
});
