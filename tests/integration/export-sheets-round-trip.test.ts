import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { ImportModel, ImportRowModel } from "@/lib/db/models/import";
import { RecordModel } from "@/lib/db/models/record";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { exportRecords } from "@/lib/exports/export-records";
import { createImport } from "@/lib/imports/create-import";
import { startImport } from "@/lib/imports/start-import";
import { ROW_SPAN } from "@/lib/imports/sheet-joins";
import { updateImport } from "@/lib/imports/update-import";
import { errorSheet } from "@/lib/imports/write-error-sheet";
import { createRecord } from "@/lib/records/create-record";
import { importEnded } from "./support/import-jobs";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
const dirs: string[] = [];
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(async () => {
  const templates = [...cleanup.templates];
  await cleanup.run();
  const imports = await ImportModel.find({ templateKey: { $in: templates } }, { _id: 1, filePath: 1 }).lean();
  await ImportRowModel.deleteMany({ importId: { $in: imports.map((i) => i._id) } });
  await ImportModel.deleteMany({ _id: { $in: imports.map((i) => i._id) } });
  await Promise.all([...imports.map((i) => i.filePath), ...dirs.splice(0)].map((p) => rm(p, { recursive: true, force: true })));
});

/** A customer whose tables have several rows each, with 备注 in the record and in a claim (the same plain title on two sheets). */
function customer(policyNo: string, n: number) {
  return {
    basic: { customerNo: unique("C"), name: `钱${n}号`, gender: "女", birthDate: "1985-03-12", idNumber: residentId("19850312", 20 + 2 * n), mobile: "13912345678", address: "上海市浦东新区世纪大道 100 号" },
    policy: { policyNo, productName: "'=金福年金险", insuranceType: "年金险", applicationDate: "2023-12-20", sumInsured: 1000000, premium: 36000.5, paymentMethod: "年缴", startDate: "2024-01-01", endDate: "2044-01-01" },
    policyholder: { relation: "父母", name: "钱老爷", idNumber: residentId("19600101", 11), contact: "021-12345678" },
    beneficiary: {
      isLegal: false,
      list: [
        { name: "钱小一", idNumber: residentId("20100505", 31), contact: "13700000001", relation: "子女", share: 60 },
        { name: "钱小二", idNumber: residentId("20120606", 42), relation: "子女", share: 40 },
      ],
    },
    status: { state: "生效", changedAt: "2024-01-01" },
    payments: [
      { date: "2024-01-01", amount: 36000.5, method: "银行转账", status: "已缴费" },
      { date: "2025-01-01", amount: 36000.5, method: "微信支付", status: "逾期" },
      { date: "2026-01-01", amount: 36000.5, method: "银行转账", status: "未缴费" },
    ],
    claims: [
      { applyDate: "2025-06-01", amount: 8000, reason: "住院", status: "待审核", remark: `理赔备注 ${n}` },
      { applyDate: "2025-07-01", amount: 900, reason: "门诊", status: "已赔付", remark: "=补材料" },
    ],
    communications: [
      { date: "2025-06-02", method: "电话", content: "+ 客户要求加保", needFollowUp: true, followUpItem: "寄送材料", followUpDate: "2025-06-10" },
      // Its own apostrophe before a + kept (the import takes off the one the export adds; round 9 P1-1).
      { date: "2025-06-12", method: "微信", content: "'+已寄出", needFollowUp: false },
    ],
    notes: { remarks: `客户备注 ${n}：\n每年一月续费` },
  };
}

async function exportSheets(actor: Actor, templateKey: string): Promise<{ filePath: string; fileName: string }> {
  const out = await exportRecords({ actor, templateKey, searchParams: new URLSearchParams({ format: "xlsx", columns: "all", tables: "sheets", personal: "1" }), locale: "zh" });
  const bytes = Buffer.from(await new Response(out.stream).arrayBuffer());
  const dir = await mkdtemp(path.join(tmpdir(), "dossier-sheets-"));
  dirs.push(dir);
  const filePath = path.join(dir, out.fileName);
  await writeFile(filePath, bytes);
  return { filePath, fileName: out.fileName };
}

const upload = (actor: Actor, templateKey: string, file: { filePath: string; fileName: string }) =>
  createImport({ actor, templateKey, fileName: file.fileName, body: Readable.toWeb(createReadStream(file.filePath)) as ReadableStream<Uint8Array> });

/** Checks an import, runs it, and returns both results. */
async function checkAndRun(actor: Actor, templateKey: string, id: string) {
  await startImport({ actor, templateKey, id, phase: "check" });
  const checked = await importEnded(actor, templateKey, id, "check");
  await startImport({ actor, templateKey, id, phase: "run" });
  const ran = await importEnded(actor, templateKey, id, "run");
  return { check: checked.check!, run: ran.run! };
}

/** Every live record's data by policy number, and the time it was last changed. */
async function byPolicy(templateKey: string) {
  const docs = await RecordModel.find({ templateKey, deletedAt: null }).lean();
  return Object.fromEntries(docs.map((d) => [(d.data as { policy: { policyNo: string } }).policy.policyNo, { data: d.data, revision: d.revision }]));
}
const dataOnly = (records: Record<string, { data: unknown }>) => Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.data]));

describe("an export with a sheet per table, imported back", () => {
  it("restores every record with all its tables in a clone, and changes nothing in the same template", async () => {
    const admin = await makeActor("admin", cleanup);
    const source = await cloneArchive(admin, cleanup, "源档案");
    const target = await cloneArchive(admin, cleanup, "目标档案");
    await loadDemoData({ actor: admin, templateKey: source, count: 30, seed: 7 });
    for (let n = 1; n <= 3; n++) await createRecord({ actor: admin, templateKey: source, input: customer(unique("SH"), n) });
    await createRecord({ actor: admin, templateKey: source, input: customerData({ basic: { name: "孙简单" } }) });
    const before = await byPolicy(source);
    const count = Object.keys(before).length;
    expect(count).toBe(34);
    // Several table rows per record, beneficiaries among them.
    const rowsOf = (table: string) => Object.values(before).reduce((n, r) => n + (((r.data as Record<string, unknown>)[table] as unknown[] | undefined)?.length ?? 0), 0);
    expect(rowsOf("payments")).toBeGreaterThan(count);
    expect(rowsOf("claims")).toBeGreaterThan(3);

    const file = await exportSheets(admin, source);

    // Into a clone: one upload reads the records' sheet with the four table sheets joined by
    // 保单号, proposes add-and-update by it, and restores every record whole.
    const created = await upload(admin, target, file);
    expect(created.keyField).toBe("policy.policyNo");
    expect(created.mode).toBe("upsert");
    const into = await checkAndRun(admin, target, created.id);
    expect(dataOnly(await byPolicy(target))).toEqual(dataOnly(before));
    expect(into.check.rows?.reject ?? 0).toBe(0);
    expect(into.check.rows?.duplicate ?? 0).toBe(0);
    expect(into.run.records).toEqual({ created: count });
    expect(created.sheet).toBe("源档案");
    expect(created.joins).toEqual(["指定受益人", "缴费记录", "理赔记录", "沟通记录"]);
    // Each table sheet's plain titles fill that table: its 备注 is the claim's, not the customer's.
    expect(created.mapping[created.headers.indexOf("理赔记录·备注")]).toBe("claims.remark");
    expect(created.mapping[created.headers.indexOf("备注")]).toBe("notes.remarks");
    expect(created.mapping[created.headers.indexOf("缴费记录·缴费方式")]).toBe("payments.method");
    // Left out: the record properties and the sheets' copies of the record title.
    expect(created.headers.filter((_, i) => created.mapping[i] === null)).toEqual(["创建时间", "更新时间", "负责人", "指定受益人·客户姓名", "缴费记录·客户姓名", "理赔记录·客户姓名", "沟通记录·客户姓名"]);

    // Into the same template, add and update: every record 未变, nothing written.
    const again = await upload(admin, source, file);
    expect(again.joins).toHaveLength(4);
    expect(again.mode).toBe("upsert");
    const same = await checkAndRun(admin, source, again.id);
    expect(Object.keys(same.check.rows ?? {})).toEqual(["unchanged"]);
    expect(same.run.records).toMatchObject({ created: 0, unchanged: count });
    expect(await byPolicy(source)).toEqual(before);
  });

  it("a table's sheet chosen on its own means that table's columns by their plain titles", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const source = await cloneArchive(admin, cleanup, "源档案");
    for (let n = 1; n <= 2; n++) await createRecord({ actor: agent, templateKey: source, input: customer(unique("SH"), n) });
    const before = await byPolicy(source);
    const file = await exportSheets(agent, source);

    const created = await upload(agent, source, file);
    const claims = await updateImport({ actor: agent, templateKey: source, id: created.id, input: { sheet: "理赔记录" } });
    expect(claims.headers).toEqual(["保单号", "客户姓名", "理赔申请日期", "理赔金额", "理赔原因", "理赔状态", "备注"]);
    expect(claims.mapping).toEqual(["policy.policyNo", "basic.name", "claims.applyDate", "claims.amount", "claims.reason", "claims.status", "claims.remark"]);
    expect(claims.keyField).toBe("policy.policyNo");
    expect(claims.joins).toEqual([]);
    const run = await checkAndRun(agent, source, claims.id);
    expect(run.run.records).toMatchObject({ created: 0, unchanged: 2 });
    expect(await byPolicy(source)).toEqual(before);

    // Reading the records' sheet alone again, without its table sheets.
    const other = await upload(agent, source, file);
    const alone = await updateImport({ actor: agent, templateKey: source, id: other.id, input: { joinSheets: false } });
    expect(alone.joins).toEqual([]);
    expect(alone.joinSheets).toBe(false);
    expect(alone.headers).not.toContain("理赔记录·备注");
  });

  it("names a table sheet's refused row by its sheet, and keeps the join column as the record key", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const source = await cloneArchive(admin, cleanup, "源档案");
    const target = await cloneArchive(admin, cleanup, "目标档案");
    const policyNo = unique("SH");
    await createRecord({ actor: agent, templateKey: source, input: customer(policyNo, 1) });
    const file = await exportSheets(agent, source);
    // The second payment's 缴费状态 made unreadable (row 3 of 缴费记录).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file.filePath);
    const payments = wb.getWorksheet("缴费记录")!;
    payments.getRow(3).getCell((payments.getRow(1).values as unknown[]).indexOf("缴费状态")).value = "不知道";
    await wb.xlsx.writeFile(file.filePath);

    const created = await upload(agent, target, file);
    expect(created.joins).toEqual(["指定受益人", "缴费记录", "理赔记录", "沟通记录"]);
    // Table rows join by 保单号: with another key (none), the check is refused, saying why.
    const keyless = await updateImport({ actor: agent, templateKey: target, id: created.id, input: { keyField: null, mode: "create" } });
    const refused = await expectDomainError(startImport({ actor: agent, templateKey: target, id: keyless.id, phase: "check" }), "BAD_REQUEST");
    expect(refused.message).toContain("保单号");
    await updateImport({ actor: agent, templateKey: target, id: created.id, input: { keyField: "policy.policyNo", mode: "upsert" } });
    await startImport({ actor: agent, templateKey: target, id: created.id, phase: "check" });
    const checked = (await importEnded(agent, target, created.id, "check")).check!;
    expect(checked.rows?.create ?? 0).toBe(0);
    const first = checked.samples!.find((x) => x.row === 2)!;
    // In words (before: "与第 缴费记录!3 行属于同一条记录", tester9 P2-4).
    expect(first.reason).toContain("与「缴费记录」表第 3 行属于同一条记录");
    const culprit = checked.samples!.find((x) => x.row === ROW_SPAN * 2 + 3)!;
    expect(culprit.reason).toContain("缴费状态");
    // The API says which sheet and row (before: only 20000003).
    expect(culprit).toMatchObject({ sheet: "缴费记录", sheetRow: 3 });
    // The rows sent back name it the same way.
    const sheet = await errorSheet({ actor: agent, templateKey: target, id: created.id, phase: "check", locale: "zh" });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await new Response(sheet.stream).arrayBuffer()) as ArrayBuffer);
    const rowColumn = back.worksheets[0].getColumn(created.headers.length + 2).values.slice(2);
    expect(rowColumn).toContain("缴费记录!3");
    expect(rowColumn).toContain(2);
  });
});
