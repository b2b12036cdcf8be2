import { readJson, withRoute } from "@/lib/api/with-route";
import { updateUser } from "@/lib/users/update-user";

// PATCH /api/users/[id] – change name, role, active flag or password: { revision, … } (administrators)
export const PATCH = withRoute<{ id: string }>(async ({ req, params, actor }) => ({
  user: await updateUser({ actor, userId: params.id, input: await readJson(req) }),
}));
