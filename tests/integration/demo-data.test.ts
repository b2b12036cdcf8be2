import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { listRecords } from "@/lib/records/list-records";
import { validateData } from "@/lib/schema/validate";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { Cleanup, customerData, expectDomainError, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(async () => {
  await cleanup.run();
  await AuditEventModel.deleteMany({ action: "template.demoLoad", entityId: key });
});

type Data = Record<string, Record<string, unknown>>;
const seq = (value: unknown, prefix: string) => Number(String(value).slice(prefix.length));

describe("loadDemoData", () => {
  it("creates 20 valid records through createRecord, each audited", async () => {
    const admin = await makeActor("admin", cleanup);
    const progress: number[] = [];
    expect(await loadDemoData({ actor: admin, templateKey: key, count: 20, seed: 1, onProgress: (n) => progress.push(n) })).toEqual({ created: 20 });
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    const docs = await RecordModel.find({ templateKey: key, createdBy: admin.id }).lean();
    expect(docs).toHaveLength(20);
    const { content } = await getPublishedTemplate(admin, key);
    for (const d of docs) {
      expect(validateData(content.schema, d.data)).toEqual([]);
      expect(d).toMatchObject({ revision: 1, ownerId: admin.id, templateVersion: 1, deletedAt: null });
    }
    expect(await AuditEventModel.countDocuments({ action: "record.create", actorId: admin.id, entityId: { $in: docs.map((d) => String(d._id)) } })).toBe(20);
    expect(await AuditEventModel.findOne({ action: "template.demoLoad", entityId: key }).lean()).toMatchObject({ actorId: admin.id, meta: { count: 20, created: 20 } });

    // A populated list: the demo records show up with masked personal data.
    const { page } = await listRecords({ actor: admin, templateKey: key, searchParams: new URLSearchParams("f.policy.policyNo.contains=0086&size=50") });
    expect(page.total).toBeGreaterThanOrEqual(20);
    expect(page.rows.every((r) => !/^\d{17}[\dX]$/.test(String(r.cells["basic.idNumber"] ?? "")))).toBe(true);
  });

  it("continues sequence numbers after the records already there", async () => {
    const admin = await makeActor("admin", cleanup);
    await loadDemoData({ actor: admin, templateKey: key, count: 3, seed: 2 });
    const first = await RecordModel.find({ createdBy: admin.id }).lean();
    const firstNos = first.map((d) => seq((d.data as Data).policy.policyNo, "0086")).sort((a, b) => a - b);
    expect(firstNos[2] - firstNos[0]).toBe(2);
    await loadDemoData({ actor: admin, templateKey: key, count: 2, seed: 2 });
    const all = await RecordModel.find({ createdBy: admin.id }).lean();
    const nos = all.map((d) => seq((d.data as Data).policy.policyNo, "0086")).sort((a, b) => a - b);
    expect(nos).toEqual([...firstNos, firstNos[2] + 1, firstNos[2] + 2]);
    for (const d of all) {
      const data = d.data as Data;
      expect(data.policy.policyNo).toMatch(/^0086\d{10}$/);
      // Both sequence hints of a record share its number.
      if (data.basic.customerNo) expect(seq(data.basic.customerNo, "KH")).toBe(seq(data.policy.policyNo, "0086"));
    }
  });

  it("skips numbers that are taken meanwhile: two loads at once give distinct policy numbers", async () => {
    const admin = await makeActor("admin", cleanup);
    const results = await Promise.all([
      loadDemoData({ actor: admin, templateKey: key, count: 5, seed: 3 }),
      loadDemoData({ actor: admin, templateKey: key, count: 5, seed: 4 }),
    ]);
    expect(results).toEqual([{ created: 5 }, { created: 5 }]);
    const docs = await RecordModel.find({ createdBy: admin.id }).lean();
    expect(docs).toHaveLength(10);
    expect(new Set(docs.map((d) => (d.data as Data).policy.policyNo)).size).toBe(10);
  });

  it("continues after numbers written by hand in the same format", async () => {
    const admin = await makeActor("admin", cleanup);
    await loadDemoData({ actor: admin, templateKey: key, count: 1, seed: 5 });
    const [doc] = await RecordModel.find({ createdBy: admin.id }).lean();
    const next = seq((doc.data as Data).policy.policyNo, "0086") + 10;
    const { createRecord } = await import("@/lib/records/create-record");
    await createRecord({ actor: admin, templateKey: key, input: customerData({ policy: { policyNo: `0086${String(next).padStart(10, "0")}` } }) });
    await loadDemoData({ actor: admin, templateKey: key, count: 1, seed: 6 });
    const newest = await RecordModel.find({ createdBy: admin.id }).sort({ createdAt: -1, _id: -1 }).limit(1).lean();
    expect(seq((newest[0].data as Data).policy.policyNo, "0086")).toBe(next + 1);
  });

  it("is for administrators only, and checks the count", async () => {
    const admin = await makeActor("admin", cleanup);
    for (const role of ["viewer", "agent", "reviewer"] as const) {
      const actor = await makeActor(role, cleanup);
      await expectDomainError(loadDemoData({ actor, templateKey: key, count: 5 }), "FORBIDDEN");
    }
    await expectDomainError(loadDemoData({ actor: null, templateKey: key, count: 5 }), "UNAUTHENTICATED");
    for (const count of [0, -1, 1001, 2.5, Number.NaN]) await expectDomainError(loadDemoData({ actor: admin, templateKey: key, count }), "BAD_REQUEST");
    await expectDomainError(loadDemoData({ actor: admin, templateKey: "no-such-template", count: 1 }), "NOT_FOUND");
    expect(await RecordModel.countDocuments({ createdBy: { $in: cleanup.users } })).toBe(0);
  });
});
