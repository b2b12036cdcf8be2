import { afterEach, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { UserModel } from "@/lib/db/models/user";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { updateUser } from "@/lib/users/update-user";
import { Cleanup, expectDomainError, makeActor, unique } from "./support/fixtures";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const email = () => `${unique("u").toLowerCase()}@test.local`;

describe("user administration", () => {
  it("an admin creates a user: hashed password, audited, never returned", async () => {
    const admin = await makeActor("admin", cleanup);
    const address = email();
    const user = await createUser({ actor: admin, input: { email: ` ${address.toUpperCase()} `, name: "新同事", role: "agent", password: "Secret123" } });
    cleanup.users.push(user.id);
    expect(user).toMatchObject({ email: address, name: "新同事", role: "agent", active: true, revision: 1, lastLoginAt: null });
    expect(JSON.stringify(user)).not.toMatch(/Secret123|passwordHash/);
    const stored = await UserModel.findById(user.id).lean();
    expect(stored?.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(await AuditEventModel.findById(`user:${user.id}:1`).lean()).toMatchObject({ action: "user.create", actorId: admin.id, meta: { email: address, role: "agent" } });
    expect((await listUsers({ actor: admin })).map((u) => u.id)).toContain(user.id);
  });

  it("refuses a second user with the same email, whatever its case", async () => {
    const admin = await makeActor("admin", cleanup);
    const address = email();
    cleanup.users.push((await createUser({ actor: admin, input: { email: address, name: "甲", role: "viewer", password: "Secret123" } })).id);
    const err = await expectDomainError(createUser({ actor: admin, input: { email: address.toUpperCase(), name: "乙", role: "agent", password: "Secret123" } }), "CONFLICT");
    expect(err.fieldErrors).toEqual([{ path: "/email", label: "邮箱", message: "该邮箱已被使用", keyword: "unique" }]);
    expect(await UserModel.countDocuments({ email: address })).toBe(1);
  });

  it.each([
    ["too short", "Ab1", "密码至少 8 位"],
    ["no digit", "abcdefgh", "密码需同时包含字母和数字"],
    ["no letter", "12345678", "密码需同时包含字母和数字"],
  ])("refuses a weak password (%s)", async (_why, password, message) => {
    const admin = await makeActor("admin", cleanup);
    const address = email();
    const err = await expectDomainError(createUser({ actor: admin, input: { email: address, name: "甲", role: "agent", password } }), "VALIDATION");
    expect(err.fieldErrors?.[0]).toMatchObject({ path: "/password", message });
    expect(await UserModel.countDocuments({ email: address })).toBe(0);
  });

  it("refuses malformed input with BAD_REQUEST", async () => {
    const admin = await makeActor("admin", cleanup);
    await expectDomainError(createUser({ actor: admin, input: { email: "not-an-email", name: "甲", role: "agent", password: "Secret123" } }), "BAD_REQUEST");
    await expectDomainError(createUser({ actor: admin, input: { email: email(), name: "甲", role: "root", password: "Secret123" } }), "BAD_REQUEST");
    const extra = await expectDomainError(createUser({ actor: admin, input: { email: email(), name: "甲", role: "agent", password: "Secret123", isAdmin: true } }), "BAD_REQUEST");
    expect(extra.message).toContain("isAdmin");
  });

  it("updates with the current revision and refuses a stale one", async () => {
    const admin = await makeActor("admin", cleanup);
    const user = await createUser({ actor: admin, input: { email: email(), name: "甲", role: "agent", password: "Secret123" } });
    cleanup.users.push(user.id);
    const renamed = await updateUser({ actor: admin, userId: user.id, input: { revision: 1, name: "甲乙", role: "reviewer" } });
    expect(renamed).toMatchObject({ name: "甲乙", role: "reviewer", revision: 2 });
    const err = await expectDomainError(updateUser({ actor: admin, userId: user.id, input: { revision: 1, active: false } }), "CONFLICT");
    expect(err.status).toBe(409);
    expect((await UserModel.findById(user.id).lean())?.active).toBe(true);
    const event = await AuditEventModel.findById(`user:${user.id}:2`).lean();
    expect(event?.meta).toEqual({ name: "甲乙", role: "reviewer", passwordChanged: false });
  });

  it("two edits from the same revision: exactly one lands", async () => {
    const admin = await makeActor("admin", cleanup);
    const user = await createUser({ actor: admin, input: { email: email(), name: "丙", role: "agent", password: "Secret123" } });
    cleanup.users.push(user.id);
    const results = await Promise.allSettled([
      updateUser({ actor: admin, userId: user.id, input: { revision: 1, role: "viewer" } }),
      updateUser({ actor: admin, userId: user.id, input: { revision: 1, name: "丙丁" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const stored = await UserModel.findById(user.id).lean();
    expect(stored?.revision).toBe(2);
    // Whichever won, the loser's change is not half-applied.
    expect(stored?.role === "viewer" ? stored?.name : stored?.role).toBe(stored?.role === "viewer" ? "丙" : "agent");
  });

  it("an administrator cannot demote or deactivate themselves", async () => {
    const admin = await makeActor("admin", cleanup);
    await expectDomainError(updateUser({ actor: admin, userId: admin.id, input: { revision: 1, role: "agent" } }), "BAD_REQUEST");
    await expectDomainError(updateUser({ actor: admin, userId: admin.id, input: { revision: 1, active: false } }), "BAD_REQUEST");
    expect((await UserModel.findById(admin.id).lean())?.role).toBe("admin");
    // Renaming oneself is fine.
    expect((await updateUser({ actor: admin, userId: admin.id, input: { revision: 1, name: "管理员甲" } })).name).toBe("管理员甲");
  });

  it("only administrators manage users", async () => {
    const admin = await makeActor("admin", cleanup);
    for (const role of ["agent", "reviewer", "viewer"] as const) {
      const actor = await makeActor(role, cleanup);
      await expectDomainError(createUser({ actor, input: { email: email(), name: "甲", role: "admin", password: "Secret123" } }), "FORBIDDEN");
      await expectDomainError(updateUser({ actor, userId: actor.id, input: { revision: 1, role: "admin" } }), "FORBIDDEN");
      await expectDomainError(listUsers({ actor }), "FORBIDDEN");
    }
    await expectDomainError(updateUser({ actor: admin, userId: "000000000000000000000000", input: { revision: 1, name: "x" } }), "NOT_FOUND");
    await expectDomainError(listUsers({ actor: null }), "UNAUTHENTICATED");
  });
});
