import { readJson, withRoute } from "@/lib/api/with-route";
import { deleteTeam } from "@/lib/users/delete-team";
import { renameTeam } from "@/lib/users/rename-team";

// PATCH /api/teams/[id] – rename a team: { name, revision } (administrators)
export const PATCH = withRoute<{ id: string }>(async ({ req, params, actor }) => ({
  team: await renameTeam({ actor, teamId: params.id, input: await readJson(req) }),
}));

// DELETE /api/teams/[id] – delete a team: { revision }; its members are in no team afterwards (administrators)
export const DELETE = withRoute<{ id: string }>(async ({ req, params, actor }) => deleteTeam({ actor, teamId: params.id, input: await readJson(req) }));
