import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { deleteTeam } from "@/lib/users/delete-team";
import { renameTeam } from "@/lib/users/rename-team";

type Params = { id: string };
// renameTeam and deleteTeam parse their input themselves; the wrapper reads it.
const body = z.unknown();

// PATCH /api/teams/[id] – rename a team: { name, revision } (administrators)
export const PATCH = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => ({
  team: await renameTeam({ actor, teamId: params.id, input: body }),
}));

// DELETE /api/teams/[id] – delete a team: { revision }; its members are in no team afterwards (administrators)
export const DELETE = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => deleteTeam({ actor, teamId: params.id, input: body }));
