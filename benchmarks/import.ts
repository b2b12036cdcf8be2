// npm run bench:import [-- --records 100000] [-- --seed-shape 1]
// A spreadsheet in the seed's one-row shape (every field, tables flattened: the export of the
// seeded archive) imported into a clone of the template through the import service: the check
// (dry run) and the run, both as the background job the app runs, against a raw insertMany of the
// same stored documents. With --seed-shape 1 the file is the issue's own workload instead: as many
// rows as --records, each one customer in the seed table's 20 columns (generated, nothing seeded).
// Started by benchmarks/run.mjs with MONGODB_URI set to a throwaway FerretDB. See README.md.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
import mongoose from "mongoose";
import { ImportRowModel } from "../lib/db/models/import";
import { exportRecords } from "../lib/exports/export-records";
import { createImport } from "../lib/imports/create-import";
import { getImport } from "../lib/imports/load-import";
import { startImport } from "../lib/imports/start-import";
import { updateImport } from "../lib/imports/update-import";
import { generateRecord } from "../lib/demo/generate-record";
import { getIn } from "../lib/imports/convert-cells";
import { importTargets, suggestMapping } from "../lib/imports/targets";
import { listFields } from "../lib/schema/fields";
import { cloneTemplate } from "../lib/templates/clone-template";
import type { PublishedTemplate } from "../lib/templates/types";
import type { Actor } from "../lib/auth/roles";
import { cpuNow, cpuPer, machine, rssSampler, setting, since, table } from "./lib/measure";
import { seedArchive } from "./lib/seed-archive";
import { rawInsertRate, rawReplayRate } from "./lib/seed-records";
import { recordsPerBatch } from "../lib/imports/batch-size";

const TEMPLATE = "customer-archive";
const RECORDS = setting("RECORDS", 20_000);
const SEED = setting("SEED", 1);
const SHARED_STRINGS = setting("SHARED_STRINGS", 0) === 1;
const SEED_SHAPE = setting("SEED_SHAPE", 0) === 1;
/** The seed table's columns (issue 7): one row per customer and policy. */
const SEED_HEADER = ["客户姓名", "身份证号码", "联系方式", "地址", "保单号", "保险产品名称", "保险金额", "保险起始日期", "保险到期日期", "缴费方式", "缴费金额", "缴费日期", "缴费状态", "理赔申请日期", "理赔金额", "理赔状态", "沟通日期", "沟通方式", "沟通内容", "后续跟进"];
const say = (s: string) => console.log(s);

/** Rewrites an .xlsx of one sheet with its text in a shared-strings table, as Excel saves it (benchmarks/lib/shared-strings.ts, in a process without the heap limit). */
async function withSharedStrings(file: string) {
  const t = performance.now();
  const env = { ...process.env, NODE_OPTIONS: "" };
  const code = await new Promise<number | null>((resolve) => spawn(process.execPath, ["--import", "tsx", path.join("benchmarks", "lib", "shared-strings.ts"), file], { stdio: "inherit", env }).on("exit", resolve));
  if (code !== 0) throw new Error(`rewriting the file with shared strings failed (${code})`);
  console.error(`[bench] file rewritten with shared strings in ${(since(t) / 1000).toFixed(0)} s`);
}

/** JSON with object keys sorted, so equal data hashes equal whatever order its keys were stored in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

async function untilDone(actor: Actor, templateKey: string, id: string, phase: "check" | "run") {
  for (;;) {
    const view = await getImport({ actor, templateKey, id });
    const job = view[phase];
    if (job && ["done", "failed", "cancelled"].includes(job.progress.status)) {
      if (job.progress.status !== "done") throw new Error(`import ${phase} ended ${job.progress.status}`);
      return view;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The seed table as an office keeps it: `count` rows of 20 columns, one generated customer each
 * (a table's first row fills its columns; 后续跟进 is a note no field takes). Streamed to the file.
 */
async function seedShapedFile(file: string, template: PublishedTemplate, count: number): Promise<number> {
  const { schema, uiSchema, demo } = template.content;
  const targets = importTargets(listFields(schema, uiSchema));
  const columns = suggestMapping(SEED_HEADER, targets).map((p) => targets.find((t) => t.path === p) ?? null);
  const today = new Date().toISOString().slice(0, 10);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet("客户档案");
  ws.addRow(SEED_HEADER).commit();
  for (let i = 0; i < count; i++) {
    const data = generateRecord({ schema, hints: demo, seed: SEED + i * 7919, sequence: i + 1, today });
    const cells = columns.map((t, c) => {
      if (!t) return c === SEED_HEADER.length - 1 ? ((getIn(data, ["communications"]) as { followUpItem?: string }[] | undefined)?.[0]?.followUpItem ?? null) : null;
      const value = t.table ? getIn((getIn(data, t.table.split(".")) as unknown[] | undefined)?.[0], t.segments) : getIn(data, t.segments);
      return value === undefined ? null : (value as ExcelJS.CellValue);
    });
    ws.addRow(cells).commit();
  }
  ws.commit();
  await wb.commit();
  return count;
}

async function main() {
  say(`\n## bench:import — ${new Date().toISOString()}\n\nmachine: ${await machine()}\n`);
  const { actor, seeded, template } = await seedArchive({ templateKey: TEMPLATE, count: SEED_SHAPE ? 0 : RECORDS, seed: SEED });
  if (!SEED_SHAPE) say(`seeded ${seeded.inserted} records in ${(seeded.ms / 1000).toFixed(0)} s (fixture)`);

  // The file: the archive exported in the seed's one-row shape, personal data in full — or the
  // seed table itself (--seed-shape 1).
  const dir = await mkdtemp(path.join(tmpdir(), "dossier-bench-import-"));
  const file = path.join(dir, "客户档案.xlsx");
  const out = SEED_SHAPE
    ? { count: await seedShapedFile(file, template, RECORDS) }
    : await exportRecords({ actor, templateKey: TEMPLATE, searchParams: new URLSearchParams({ format: "xlsx", columns: "all", tables: "flat", personal: "1" }), locale: "zh" });
  if ("stream" in out) await pipeline(Readable.fromWeb(out.stream as never), createWriteStream(file));
  // --shared-strings 1: the file as Excel itself saves it, text in the workbook's shared-strings
  // table (the export writes text inline), which the import's reader keeps in memory while it reads.
  if (SHARED_STRINGS) await withSharedStrings(file);
  const size = (await stat(file)).size;

  const target = "bench-import-target";
  await cloneTemplate({ actor, input: { source: TEMPLATE, name: "导入基准", key: target } });
  // What the process holds already (the seeded records, the export just written) after a
  // collection, so the import's own share of the peak can be read off.
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss / 1024 / 1024;
  const rss = rssSampler();
  const t0 = performance.now();
  const created = await createImport({ actor, templateKey: target, fileName: "客户档案.xlsx", body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array> });
  const uploadMs = since(t0);
  // The seed table has no 保险类型 (required): a fixed value fills it, as the wizard offers.
  await updateImport({ actor, templateKey: target, id: created.id, input: { keyField: "policy.policyNo", mode: "create", ...(SEED_SHAPE ? { constants: { "policy.insuranceType": "人寿险" } } : {}) } });
  const t1 = performance.now();
  await startImport({ actor, templateKey: target, id: created.id, phase: "check" });
  const checked = await untilDone(actor, target, created.id, "check");
  const checkMs = since(t1);
  const t2 = performance.now();
  const runCpu = cpuNow();
  const calls = new Map<string, number>();
  if (process.env.BENCH_TRACE) mongoose.set("debug", (coll: string, method: string, query: unknown) => { const k = `${coll}.${method} ${String(JSON.stringify(query)).replace(/"[^"]*"/g, "s").slice(0, 60)}`; calls.set(k, (calls.get(k) ?? 0) + 1); });
  await startImport({ actor, templateKey: target, id: created.id, phase: "run" });
  const ran = await untilDone(actor, target, created.id, "run");
  const runMs = since(t2);
  const runCpuEnd = cpuNow();
  if (process.env.BENCH_TRACE) console.error([...calls].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${n}\t${k}`).join("\n"));
  const peak = rss.stop();
  const made = ran.run!.records?.created ?? 0;
  const rows = Object.values(checked.check!.rows ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  const raw = await rawInsertRate({ templateKey: target, sample: Math.min(made, 5000) });
  // The same documents into the records collection itself, in the run's batch size: what the
  // database takes with every index the records live under (the import's own inserts pay them).
  const rawIndexed = await rawInsertRate({ templateKey: target, sample: Math.min(made, 5000), into: "records", batchSize: 200 });
  const indexes = (await mongoose.connection.db!.collection("records").indexes()).length;
  // The fair bar: every record the run stored, raw-inserted again in the run's batch size under a
  // new key, whose index entries grow from none as the run's did (the sample above goes into an
  // empty key range of every index, which costs the database less than the run's filled one).
  const batch = recordsPerBatch(rows);
  const { rate: replay, cpu: replayCpu } = await rawReplayRate({ templateKey: target, batchSize: batch });
  const runRate = made / (runMs / 1000);
  say(`file${SHARED_STRINGS ? " (text in a shared-strings table, as Excel saves it)" : ""}: ${(size / 1024 / 1024).toFixed(1)} MB, ${rows} rows × ${created.headers.length} columns for ${out.count} records; verdicts ${JSON.stringify(checked.check!.rows)}\n`);
  // The file is the archive's own export: every row should come back; show any that did not.
  for (const r of await ImportRowModel.find({ importId: created.id, phase: "check" }).sort({ row: 1 }).limit(3).lean()) say(`- row ${r.row} ${r.verdict}: ${r.reason} ${JSON.stringify(Object.fromEntries(created.headers.map((h, i) => [h, r.cells[i]]).filter(([, v]) => v !== null && v !== "")))}`);
  say(
    table(
      ["step", "s", "rate", "vs raw insertMany (no index)", "vs raw insertMany (records collection, sample)", "vs raw insertMany (records collection, every record replayed)"],
      [
        ["upload and read the header", (uploadMs / 1000).toFixed(1), "–", "–", "–", "–"],
        ["check (dry run, every row)", (checkMs / 1000).toFixed(1), `${Math.round(rows / (checkMs / 1000)).toLocaleString("en-US")} rows/s`, "–", "–", "–"],
        [`run (create through the pipeline, audited; batches of ${batch.toLocaleString("en-US")})`, (runMs / 1000).toFixed(1), `${Math.round(runRate).toLocaleString("en-US")} records/s`, `${(runRate / raw).toFixed(2)}×`, `${(runRate / rawIndexed).toFixed(2)}×`, `${(runRate / replay).toFixed(2)}×`],
        ["raw insertMany of the same stored documents, scratch collection (no index), batches of 1,000", "–", `${Math.round(raw).toLocaleString("en-US")} records/s`, "1.00×", "–", "–"],
        [`raw insertMany of the same stored documents, records collection (${indexes} indexes), a sample of ${Math.min(made, 5000).toLocaleString("en-US")} under a new key, batches of 200`, "–", `${Math.round(rawIndexed).toLocaleString("en-US")} records/s`, "–", "1.00×", "–"],
        [`raw insertMany of every record the run stored, records collection, replayed under a new key in the run's batches of ${batch.toLocaleString("en-US")}`, "–", `${Math.round(replay).toLocaleString("en-US")} records/s`, "–", "–", "1.00×"],
      ],
    ),
  );
  say(`\nCPU per record: the run ${cpuPer(runCpu, made, runCpuEnd)}; the replayed raw insert ${replayCpu}`);
  say(`\npeak RSS during upload, check and run: ${peak.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before the upload, after a collection); records created: ${made}`);
  // The round trip: every record of the clone holds exactly the data of its source record.
  const digest = async (key: string) => {
    const out = new Map<string, string>();
    for await (const d of mongoose.connection.db!.collection("records").find({ templateKey: key, deletedAt: null }, { projection: { data: 1 } }))
      out.set(String((d.data as { policy?: { policyNo?: string } }).policy?.policyNo), createHash("sha256").update(stableJson(d.data)).digest("hex"));
    return out;
  };
  if (SEED_SHAPE) {
    say(`seed-shaped file: ${made} of ${out.count} rows stored as records`);
    await rm(dir, { recursive: true, force: true });
    await mongoose.disconnect();
    return;
  }
  const [from, to] = [await digest(TEMPLATE), await digest(target)];
  const differ = [...from].filter(([k, h]) => to.get(k) !== h).map(([k]) => k);
  say(`round trip: ${from.size - differ.length} of ${from.size} records identical after export → import (${to.size} in the clone)`);
  for (const policyNo of differ.slice(0, 3)) {
    const [a, b] = await Promise.all([TEMPLATE, target].map((k) => mongoose.connection.db!.collection("records").findOne({ templateKey: k, "data.policy.policyNo": policyNo })));
    say(`- ${policyNo}: stored ${stableJson(a?.data)}\n  imported ${stableJson(b?.data)}`);
  }
  await rm(dir, { recursive: true, force: true });
  await mongoose.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
