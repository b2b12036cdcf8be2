/**
 * An office re-imports its spreadsheet every month (issue 7): a table row whose row key
 * (x-rowKey: 缴费 by 缴费日期, 沟通 by 沟通日期 + 沟通方式) matches a stored row updates it instead of
 * adding a second one. The first four failed on the code before row keys (a second payment was
 * added; conflicting and ambiguous rows were taken); the last keeps whole-row matching for a table
 * without a key.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { ImportRowModel } from "@/lib/db/models/import";
import { RecordModel } from "@/lib/db/models/record";
import { startImport } from "@/lib/imports/start-import";
import { undoImport } from "@/lib/imports/undo-import";
import { updateImport } from "@/lib/imports/update-import";
import { createRecord } from "@/lib/records/create-record";
import { recordHistory } from "@/lib/records/record-history";
import { updateField } from "@/lib/template-model/model-paths";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { saveDraft } from "@/lib/templates/save-draft";
import { upload, xlsxFile } from "./support/import-files";
import { importEnded } from "./support/import-jobs";
import { Cleanup, cloneArchive, customerData, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const HEADER = ["客户姓名", "身份证号码", "保单号", "保险类型", "缴费方式", "缴费金额", "缴费日期", "缴费状态", "沟通日期", "沟通方式", "沟通内容"];
const ID = residentId("19800101", 7);
/** A seed-shaped row of policy `pno`; `patch` sets cells by column index. */
const rec = (pno: string, patch: Record<number, unknown> = {}) => {
  const r: unknown[] = ["张三", ID, pno, "人寿险", "年缴", 12000, "2024-01-15", "未缴费", "2024-01-10", "电话", "提醒缴费"];
  for (const [k, v] of Object.entries(patch)) r[Number(k)] = v;
  return r;
};

/** Upload → add-and-update by 保单号 → check → run; verdict counts, the rows kept with reasons and the check's sample verdicts. */
async function go(actor: Actor, key: string, rows: unknown[][]) {
  const view = await upload(actor, key, await xlsxFile(rows, HEADER));
  await updateImport({ actor, templateKey: key, id: view.id, input: { keyField: "policy.policyNo", mode: "upsert" } });
  await startImport({ actor, templateKey: key, id: view.id, phase: "check" });
  const checked = await importEnded(actor, key, view.id, "check");
  const checkKept = await ImportRowModel.find({ importId: view.id, phase: "check" }).sort({ row: 1 }).lean();
  await startImport({ actor, templateKey: key, id: view.id, phase: "run" });
  const ran = await importEnded(actor, key, view.id, "run");
  return { id: view.id, check: checked.check!.rows, checkKept, samples: checked.check!.samples ?? [], run: ran.run!.rows, notices: checked.check!.noticeRows };
}
const recordOf = (key: string, policyNo: string) => RecordModel.findOne({ templateKey: key, "data.policy.policyNo": policyNo, deletedAt: null }).lean();
type Data = { payments: Record<string, unknown>[]; communications: Record<string, unknown>[] };

async function setup() {
  const admin = await makeActor("admin", cleanup);
  const agent = await makeActor("agent", cleanup);
  return { admin, agent, key: await cloneArchive(admin, cleanup) };
}

describe("re-importing a sheet whose table rows changed", () => {
  it("a payment that went from 未缴费 to 已缴费 updates the stored row: one row, its cell in the verdict and history; the same file again is 未变; undo sets it back", async () => {
    const { agent, key } = await setup();
    const P = unique("RK");
    const first = await go(agent, key, [rec(P)]);
    expect(first.run).toEqual({ create: 1 });
    const created = await recordOf(key, P);

    const second = await go(agent, key, [rec(P, { 7: "已缴费" })]);
    // Before: a second payment of 2024-01-15 was added (缴费记录 第 2 行 › 缴费日期：— → 2024-01-15 …).
    expect(second.check).toEqual({ update: 1 });
    expect(second.samples.map((r) => [r.verdict, r.reason])).toEqual([["update", "缴费记录 第 1 行 › 缴费状态：未缴费 → 已缴费"]]);
    expect(second.run).toEqual({ update: 1 });
    const updated = await recordOf(key, P);
    expect((updated!.data as Data).payments).toEqual([{ amount: 12000, date: "2024-01-15", status: "已缴费" }]);
    expect((updated!.data as Data).communications).toHaveLength(1);
    expect(updated!.revision).toBe(created!.revision + 1);
    // The record's history shows the import's edit of that one cell.
    const history = await recordHistory({ actor: agent, templateKey: key, recordId: String(updated!._id) });
    const edit = history.find((h) => h.action === "record.update");
    expect(edit!.changes).toEqual([{ path: "/payments/0/status", label: "缴费记录 第 1 行 › 缴费状态", before: "未缴费", after: "已缴费" }]);
    expect(await AuditEventModel.countDocuments({ entityId: String(updated!._id), action: "record.update", "meta.importId": second.id })).toBe(1);

    const third = await go(agent, key, [rec(P, { 7: "已缴费" })]);
    expect([third.check, third.run]).toEqual([{ unchanged: 1 }, { unchanged: 1 }]);

    await undoImport({ actor: agent, templateKey: key, id: second.id });
    expect((await importEnded(agent, key, second.id, "undo")).undo).toMatchObject({ reverted: 1, kept: 0 });
    const reverted = await recordOf(key, P);
    expect(reverted!.data).toEqual(created!.data);
  });

  it("blank cells leave a stored row's values alone, and a new 沟通日期 + 沟通方式 is a new row", async () => {
    const { agent, key } = await setup();
    const P = unique("RK");
    await go(agent, key, [rec(P)]);
    const r = await go(agent, key, [rec(P, { 4: null, 5: null, 7: "已缴费", 10: null }), rec(P, { 0: null, 1: null, 4: null, 5: null, 6: null, 7: null, 9: "微信", 10: "已收到" })]);
    expect(r.check).toEqual({ update: 2 });
    const data = (await recordOf(key, P))!.data as Data;
    expect(data.payments).toEqual([{ amount: 12000, date: "2024-01-15", status: "已缴费" }]);
    expect(data.communications).toEqual([
      { date: "2024-01-10", method: "电话", content: "提醒缴费" },
      { date: "2024-01-10", method: "微信", content: "已收到" },
    ]);
  });

  it("two rows of one record giving one 缴费日期 different states are refused, naming the row and column", async () => {
    const { agent, key } = await setup();
    const P = unique("RK");
    const r = await go(agent, key, [rec(P), rec(P, { 7: "已缴费" })]);
    // Before: both rows were taken (create 2): one record with two payments of 2024-01-15.
    expect(r.check).toEqual({ reject: 2 });
    expect(r.checkKept.map((k) => [k.row, k.reason])).toEqual([
      [2, "与第 3 行属于同一条记录，一并退回"],
      [3, "与第 2 行是「缴费记录」中的同一行（缴费日期 2024-01-15），但「缴费状态」不同（未缴费 / 已缴费）"],
    ]);
    expect(await recordOf(key, P)).toBeNull();
  });

  it("two payments of one 缴费日期 with different amounts and two calls of one day by phone are all kept; the same file again is 未变", async () => {
    // Tester round 6 (P2): the premium and a rider's paid the same day refused the whole customer.
    const { agent, key } = await setup();
    const P = unique("RK");
    const file = [rec(P), rec(P, { 5: 800, 10: "再次提醒" })];
    const r = await go(agent, key, file);
    expect(r.check).toEqual({ create: 2 });
    const data = (await recordOf(key, P))!.data as Data;
    expect(data.payments).toEqual([
      { amount: 12000, date: "2024-01-15", status: "未缴费" },
      { amount: 800, date: "2024-01-15", status: "未缴费" },
    ]);
    expect(data.communications.map((c) => c.content)).toEqual(["提醒缴费", "再次提醒"]);
    // Said under 请注意, both on the row that made the second rows.
    expect(r.notices).toEqual([
      {
        row: 3,
        reason:
          "与第 2 行同为「缴费记录」的 缴费日期 2024-01-15，但「缴费金额」不同：作为另一行导入（如是同一行，请改成一致）；与第 2 行同为「沟通记录」的 沟通日期 2024-01-10、沟通方式 电话，但「沟通内容」不同：作为另一行导入（如是同一行，请改成一致）",
      },
    ]);
    const again = await go(agent, key, file);
    expect(again.check).toEqual({ unchanged: 2 });
    expect(again.notices).toBeUndefined();
    // The rider's payment comes in: that one changes, the premium stays.
    const paid = await go(agent, key, [rec(P), rec(P, { 5: 800, 7: "已缴费", 10: "再次提醒" })]);
    expect(paid.check).toEqual({ unchanged: 1, update: 1 });
    expect(((await recordOf(key, P))!.data as Data).payments.map((p) => p.status)).toEqual(["未缴费", "已缴费"]);
  });

  it("a stored record with two payments of one 缴费日期 is refused rather than guessed at", async () => {
    const { agent, key } = await setup();
    const P = unique("RK");
    const twice = [
      { date: "2024-01-15", amount: 6000, status: "未缴费" },
      { date: "2024-01-15", amount: 6000, status: "未缴费" },
    ];
    const made = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { name: "张三", idNumber: ID }, policy: { policyNo: P } }) });
    const stored = await RecordModel.findById(made.id).lean();
    await RecordModel.updateOne({ _id: made.id }, { $set: { "data.payments": twice } });
    const r = await go(agent, key, [rec(P, { 7: "已缴费", 8: null, 9: null, 10: null })]);
    expect(r.check).toEqual({ reject: 1 });
    expect(r.checkKept[0].reason).toBe("记录中「缴费记录」有 2 行都是 缴费日期 2024-01-15，且都与文件中的这一行不同，无法确定该更新哪一行：请在记录中直接修改这几行，或让文件中的这一行与其中一行一致");
    expect((await RecordModel.findById(made.id).lean())!.revision).toBe(stored!.revision);
  });

  it("a table whose row key the admin cleared in the designer matches rows whole again", async () => {
    const { admin, agent, key } = await setup();
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    expect(opened.model.sections.find((f) => f.key === "payments")?.rowKey).toEqual(["date"]);
    const model = updateField(opened.model, "payments", (f) => ({ ...f, rowKey: undefined }));
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
    await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
    const P = unique("RK");
    await go(agent, key, [rec(P)]);
    await go(agent, key, [rec(P, { 7: "已缴费" })]);
    expect(((await recordOf(key, P))!.data as Data).payments.map((p) => p.status)).toEqual(["未缴费", "已缴费"]);
  });
});
