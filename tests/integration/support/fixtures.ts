import { Types } from "mongoose";
import type { Actor, Role } from "@/lib/auth/roles";
import { connectDb } from "@/lib/db/connect";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel, UniqueClaimModel } from "@/lib/db/models/record";
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

  async run(): Promise<void> {
    await connectDb();
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
