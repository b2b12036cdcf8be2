import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { updateUser } from "@/lib/users/update-user";

type Params = { id: string };
// updateUser parses its input itself; the wrapper reads it.
const body = z.unknown();

// PATCH /api/users/[id] – change name, role, active flag or password: { revision, … } (administrators)
export const PATCH = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => ({
  user: await updateUser({ actor, userId: params.id, input: body }),
}));
