import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { hashPassword, passwordRule } from "../auth/password";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { parseInput } from "../validation/parse-input";
import { toUserView } from "./map-user";
import { weakPassword } from "./weak-password";
import type { UserView } from "./types";
import { createUserInput } from "./user-input";

/** Creates a user (administrators only). Emails are unique, case-insensitively. */
export async function createUser({ actor, input }: { actor: Actor | null; input: unknown }): Promise<UserView> {
  assertCan(actor, "user.manage");
  const data = parseInput(createUserInput, input);
  const weak = passwordRule(data.password);
  if (weak) throw weakPassword(weak);
  await connectDb();
  try {
    const doc = await UserModel.create({ email: data.email, name: data.name, role: data.role, passwordHash: await hashPassword(data.password) });
    const view = toUserView(doc.toObject());
    await writeAuditEvent({ id: `user:${view.id}:1`, actor, action: "user.create", entity: "user", entityId: view.id, meta: { email: view.email, role: view.role } });
    return view;
  } catch (err) {
    if ((err as { code?: number }).code === 11000)
      throw new DomainError("CONFLICT", msg("users.emailTaken"), { fieldErrors: [{ path: "/email", label: msg("users.emailLabel"), message: msg("users.emailTaken"), keyword: "unique" }] });
    throw err;
  }
}
