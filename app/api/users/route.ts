import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

// createUser parses its input itself; the wrapper reads it.
const body = z.unknown();

// GET /api/users – all users (administrators)
export const GET = withRoute(async ({ actor }) => ({ users: await listUsers({ actor }) }));

// POST /api/users – add a user: { email, name, role, password } (administrators)
export const POST = withRoute({ body }, async ({ body, actor }) => {
  const user = await createUser({ actor, input: body });
  return Response.json({ user }, { status: 201 });
});
