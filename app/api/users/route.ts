import { readJson, withRoute } from "@/lib/api/with-route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

// GET /api/users – all users (administrators)
export const GET = withRoute(async ({ actor }) => ({ users: await listUsers({ actor }) }));

// POST /api/users – add a user: { email, name, role, password } (administrators)
export const POST = withRoute(async ({ req, actor }) => {
  const user = await createUser({ actor, input: await readJson(req) });
  return Response.json({ user }, { status: 201 });
});
