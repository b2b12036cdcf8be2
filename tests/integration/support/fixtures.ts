import { Types } from "mongoose";
import type { Actor, Role } from "@/lib/auth/roles";
import { connectDb } from "@/lib/db/connect";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel, UniqueClaimModel } from "@/lib/db/models/record";
import { TemplateModel, TemplateVersionModel } from "@/lib/db/models/template";
import { TemplateMigrationModel } from "@/lib/db/models/template-migration";
import { UserModel } from "@/lib/db/models/user";
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

/** What a test created, removed after it with `cleanup.run()`. */
export class Cleanup {
  records: string[] = [];
  users: string[] = [];
  /** Template keys: the templates, their versions, migrations, records and audit events go. */
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
        TemplateMigrationModel.deleteMany({ templateKey: keys }),
        UniqueClaimModel.deleteMany({ templateKey: keys }),
        AuditEventModel.deleteMany({ templateKey: keys }),
      ]);
      this.templates = [];
    }
    if (this.records.length) {
      await RecordModel.deleteMany({ _id: { $in: this.records } });
      await UniqueClaimModel.deleteMany({ recordId: { $in: this.records } });
      await AuditEventModel.deleteMany({ entity: "record", entityId: { $in: this.records } });
    }
    if (this.users.length) await UserModel.deleteMany({ _id: { $in: this.users } });
    this.records = [];
    this.users = [];
  }
}

/** A valid record of the default template; override parts with `patch`. */
export function customerData(patch: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  const unique = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const base: Record<string, Record<string, unknown>> = {
    basic: { name: "张三", idNumber: "11010519491231002X", mobile: "13800138000" },
    policy: { policyNo: `P${unique}`, insuranceType: "人寿险", startDate: "2024-01-01", endDate: "2034-01-01", sumInsured: 500000, premium: 12000, paymentMethod: "年缴" },
    policyholder: { relation: "本人" },
    beneficiary: { isLegal: true },
    status: { state: "生效" },
  };
  for (const [k, v] of Object.entries(patch)) base[k] = { ...(base[k] ?? {}), ...v };
  return base;
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
