/**
 * Spreadsheets for import tests and the round of an import through its phases: upload, settings,
 * check and run, as the wizard drives them.
 */
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ImportRowModel } from "@/lib/db/models/import";
import { RecordModel } from "@/lib/db/models/record";
import { createImport } from "@/lib/imports/create-import";
import type { ImportView } from "@/lib/imports/import-view";
import { startImport } from "@/lib/imports/start-import";
import { updateImport } from "@/lib/imports/update-import";
import type { Actor } from "@/lib/auth/roles";
import { importEnded } from "./import-jobs";
import { cloneArchive, makeActor, residentId, type Cleanup } from "./fixtures";

/** The seed's one-row-per-customer sheet, as an office would have it. */
export const SEED_HEADER = ["客户姓名", "身份证号码", "联系方式", "地址", "保单号", "保险产品名称", "保险金额", "保险起始日期", "保险到期日期", "缴费方式", "缴费金额", "缴费日期", "缴费状态", "理赔申请日期", "理赔金额", "理赔状态", "沟通日期", "沟通方式", "沟通内容", "后续跟进"];
export const SEED_ID = residentId("19800101", 1);
/** A valid seed-shaped row; `patch` sets cells by column index. */
export const seedRow = (policyNo: string, patch: Record<number, unknown> = {}) => {
  const r: unknown[] = ["张三", SEED_ID, "13800138000", "北京", policyNo, "金福", 500000, "2023-01-01", "2033-01-01", "年缴", 12000, "2023-01-15", "已缴费", null, null, null, null, null, null, null];
  for (const [k, v] of Object.entries(patch)) r[Number(k)] = v;
  return r;
};
/** The archive's policy type, which the seed's sheet has no column for: a fixed value fills it. */
export const SEED_CONSTANTS = { constants: { "policy.insuranceType": "人寿险" } };

export async function tempFile(name: string): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), "dossier-import-")), name);
}

/** An .xlsx with one sheet 客户档案, built by `build`. */
export async function workbookFile(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const file = await tempFile("客户.xlsx");
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("客户档案"), wb);
  await wb.xlsx.writeFile(file);
  return file;
}

/** An .xlsx of rows under a header (the seed's unless given; null: none). */
export const xlsxFile = (rows: unknown[][], header: unknown[] | null = SEED_HEADER, build?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) =>
  workbookFile((ws, wb) => {
    if (header) ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    build?.(ws, wb);
  });

/** Rewrites one part of an .xlsx (its raw XML), as other programs than exceljs write it. */
export async function patchPart(file: string, part: string, edit: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(file));
  zip.file(part, edit(await zip.file(part)!.async("string")));
  await writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

export async function textFile(content: string | Buffer, name = "客户.csv"): Promise<string> {
  const file = await tempFile(name);
  await writeFile(file, content);
  return file;
}

export const upload = (actor: Actor, templateKey: string, file: string) =>
  createImport({ actor, templateKey, fileName: path.basename(file), body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array> });

/** An agent and a clone of the archive to import into. */
export async function importSetup(cleanup: Cleanup) {
  const admin = await makeActor("admin", cleanup);
  const agent = await makeActor("agent", cleanup);
  return { admin, agent, key: await cloneArchive(admin, cleanup) };
}

/** Upload → settings → check (→ run): each phase's verdict counts and the rows it kept (not taken), in row order. */
export async function importFile(
  actor: Actor,
  key: string,
  file: string,
  input: Record<string, unknown> | ((view: ImportView) => Record<string, unknown>) = SEED_CONSTANTS,
  run = true,
) {
  const view = await upload(actor, key, file);
  await updateImport({ actor, templateKey: key, id: view.id, input: typeof input === "function" ? input(view) : input });
  const kept = (phase: "check" | "run") => ImportRowModel.find({ importId: view.id, phase }).sort({ row: 1 }).lean();
  await startImport({ actor, templateKey: key, id: view.id, phase: "check" });
  const checked = await importEnded(actor, key, view.id, "check");
  const check = { rows: checked.check!.rows, kept: await kept("check") };
  if (!run) return { view, check, run: null };
  await startImport({ actor, templateKey: key, id: view.id, phase: "run" });
  const ran = await importEnded(actor, key, view.id, "run");
  return { view, check, run: { rows: ran.run!.rows, kept: await kept("run") } };
}

/** importFile with the seed's fixed value, each phase's kept rows shortened to row and reason. */
export async function importRead(actor: Actor, key: string, file: string, run: boolean) {
  const r = await importFile(actor, key, file, SEED_CONSTANTS, run);
  const short = (p: { rows: unknown; kept: { row: number; reason?: string | null }[] }) => ({ rows: p.rows, kept: p.kept.map((k) => ({ row: k.row, reason: k.reason })) });
  return { view: r.view, check: short(r.check), run: r.run ? short(r.run) : undefined };
}

/** The data of the live record of a template with a 保单号 (the seed sheet's key), or undefined. */
export const storedPolicy = async (key: string, policyNo: string) =>
  ((await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": policyNo, deletedAt: null }).lean()) as { data: Record<string, Record<string, unknown>> } | null)?.data;
