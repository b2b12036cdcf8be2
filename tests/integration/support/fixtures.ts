import { Types } from "mongoose";
import { expect } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import type { Role } from "@/lib/shared/role";
import { connectDb } from "@/lib/db/connect";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel, RevisionClaimModel, UniqueClaimModel } from "@/lib/db/models/record";
import { TeamModel } from "@/lib/db/models/team";
import { TemplateModel, TemplateVersionModel } from "@/lib/db/models/template";
import { JobModel } from "@/lib/db/models/job";
import { TemplateMigrationModel } from "@/lib/db/models/template-migration";
import { LoginFailureModel, UserModel } from "@/lib/db/models/user";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { residentIdCheckChar } from "@/lib/schema/cn-id";
import { seedTemplates } from "@/lib/templates/seed-templates";

export const TEMPLATE = "customer-archive";

/** Seeds the shipped templates (idempotent) and returns the default template's key. */
export async function withSeededTemplates(): Promise<string> {
  await connectDb();
  await seedTemplates();
  return TEMPLATE;
}

/**
 * An actor of the given role backed by a real user document, so that services that look users
 * up find them. Each call makes a new user; `cleanup` removes them.
 */
export async function makeActor(role: Role, cleanup: Cleanup): Promise<Actor> {
  await connectDb();
  const id = new Types.ObjectId();
  const email = `${role}-${id}@test.local`;
  await UserModel.create({ _id: id, email, name: `测试${role}`, role, passwordHash: "x", active: true });
  cleanup.users.push(String(id));
  return { id: String(id), name: `测试${role}`, email, role };
}

/**
 * Puts actors in one new team, for tests where a reviewer works agents' records: the shipped
 * archive scopes reviewers to their team's records (issue 11). `cleanup` removes the team.
 */
export async function sameTeam(cleanup: Cleanup, ...actors: Actor[]): Promise<string> {
  await connectDb();
  const team = await TeamModel.create({ name: `团队-${new Types.ObjectId()}` });
  const id = String(team._id);
  cleanup.teams.push(id);
  await UserModel.updateMany({ _id: { $in: actors.map((a) => a.id) } }, { $set: { teamId: id } });
  return id;
}

/** A user who can sign in: a real password hash (cheap bcrypt cost in tests). */
export async function makeUser(params: { role: Role; password: string; active?: boolean; cleanup: Cleanup }): Promise<Actor> {
  await connectDb();
  const id = new Types.ObjectId();
  const email = `${params.role}-${id}@test.local`;
  await UserModel.create({ _id: id, email, name: `用户${params.role}`, role: params.role, passwordHash: await hashPassword(params.password), active: params.active ?? true });
  params.cleanup.users.push(String(id));
  params.cleanup.loginKeys.push(`email:${email}`);
  return { id: String(id), name: `用户${params.role}`, email, role: params.role };
}

/**
 * What a test created, removed after it with `cleanup.run()`. Records made by the test's users
 * are removed too, so a test that fails half-way leaves nothing behind.
 */
export class Cleanup {
  records: string[] = [];
  users: string[] = [];
  loginKeys: string[] = [];
  /** Teams made by sameTeam. */
  teams: string[] = [];
  /** Template keys: the templates, their versions, jobs (migrations), records and audit events go. */
  templates: string[] = [];

  async run(): Promise<void> {
    await connectDb();
    if (this.templates.length) {
      const keys = { $in: this.templates };
      const ids = (await RecordModel.find({ templateKey: keys }, { _id: 1 }).lean()).map((r) => String(r._id));
      this.records.push(...ids);
      await Promise.all([
        TemplateModel.deleteMany({ _id: keys }),
        TemplateVersionModel.deleteMany({ templateKey: keys }),
        JobModel.deleteMany({ templateKey: keys }),
        TemplateMigrationModel.deleteMany({ templateKey: keys }),
        UniqueClaimModel.deleteMany({ templateKey: keys }),
        AuditEventModel.deleteMany({ templateKey: keys }),
      ]);
      this.templates = [];
    }
    const byUsers = this.users.length ? await RecordModel.find({ createdBy: { $in: this.users } }, { _id: 1 }).lean() : [];
    const records = [...new Set([...this.records, ...byUsers.map((r) => String(r._id))])];
    if (records.length) {
      await RecordModel.deleteMany({ _id: { $in: records } });
      await UniqueClaimModel.deleteMany({ recordId: { $in: records } });
      await RevisionClaimModel.deleteMany({ entity: "record", entityId: { $in: records } });
      await AuditEventModel.deleteMany({ entity: "record", entityId: { $in: records } });
    }
    if (this.users.length) {
      await UserModel.deleteMany({ _id: { $in: this.users } });
      await AuditEventModel.deleteMany({ entity: "user", entityId: { $in: this.users } });
    }
    if (this.loginKeys.length) await LoginFailureModel.deleteMany({ key: { $in: this.loginKeys } });
    if (this.teams.length) await TeamModel.deleteMany({ _id: { $in: this.teams } });
    this.teams = [];
    this.records = [];
    this.users = [];
    this.loginKeys = [];
  }
}

let counter = 0;

/** A value no other test uses: for policy numbers, customer numbers, emails. */
export function unique(prefix = "T"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`.toUpperCase();
}

/** A valid resident ID for a birth date (YYYYMMDD) and sequence; odd sequences are men. */
export function residentId(birth: string, sequence = 1, region = "110105"): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/** A valid record of the default template; override parts with `patch`. */
export function customerData(patch: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  const base: Record<string, Record<string, unknown>> = {
    basic: { name: "张三", idNumber: "11010519491231002X", mobile: "13800138000" },
    policy: { policyNo: unique("P"), insuranceType: "人寿险", startDate: "2024-01-01", endDate: "2034-01-01", sumInsured: 500000, premium: 12000, paymentMethod: "年缴" },
    policyholder: { relation: "本人" },
    beneficiary: { isLegal: true },
    status: { state: "生效" },
  };
  for (const [k, v] of Object.entries(patch)) base[k] = { ...(base[k] ?? {}), ...v };
  return base;
}

/** Awaits a promise that must fail with a DomainError of `code`, and returns the error. */
export async function expectDomainError(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  let error: unknown;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  expect(error, `expected a DomainError ${code}`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code, (error as Error).message).toBe(code);
  return error as DomainError;
}

/** A unique template key for a test (keys are never reused: published versions are cached per process). */
export function testKey(prefix = "t"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** A fresh copy of the default template (published as version 1) that the test may change freely. */
export async function cloneArchive(admin: Actor, cleanup: Cleanup, name = "测试档案"): Promise<string> {
  const { cloneTemplate } = await import("@/lib/templates/clone-template");
  const key = testKey("arc");
  cleanup.templates.push(key);
  await cloneTemplate({ actor: admin, input: { source: TEMPLATE, name, key } });
  return key;
}
