import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { createTeam } from "@/lib/users/create-team";
import { listTeams } from "@/lib/users/list-teams";

// createTeam parses its input itself; the wrapper reads it.
const body = z.unknown();

// GET /api/teams – all teams (administrators)
export const GET = withRoute(async ({ actor }) => ({ teams: await listTeams({ actor }) }));

// POST /api/teams – add a team: { name } (administrators)
export const POST = withRoute({ body }, async ({ body, actor }) => {
  const team = await createTeam({ actor, input: body });
  return Response.json({ team }, { status: 201 });
});
