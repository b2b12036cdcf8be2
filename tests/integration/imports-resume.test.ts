/**
 * Import runs and checks resumed by a restarted server (issue 7): the part done before the
 * restart is skipped, and what the resumed job ends with — records, their rows, events and the
 * counts — is what an uninterrupted job would have ended with.
 */
import { spawn } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { ImportModel, ImportRowModel, ImportSeenModel } from "@/lib/db/models/import";
import { JobModel } from "@/lib/db/models/job";
import { RecordModel } from "@/lib/db/models/record";
import { IMPORT_KIND, importJob, importJobId, type ImportJobParams, type ImportJobState } from "@/lib/imports/import-job";
import { cancelImport } from "@/lib/imports/cancel-import";
import { startImport } from "@/lib/imports/start-import";
import { updateImport } from "@/lib/imports/update-import";
import { createJob } from "@/lib/jobs/create-job";
import { jobId, type Job } from "@/lib/jobs/job-kind";
import { runJob } from "@/lib/jobs/run-job";
import { recoverRecordEvents } from "@/lib/records/write/record-events";
import type { Actor } from "@/lib/auth/roles";
import { importFile, importSetup, SEED_CONSTANTS, seedRow, upload, xlsxFile } from "./support/import-files";
import { Cleanup, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

/** An import's job of `phase` set up as startImport does but not started: tests drive its batches (a restart between them). */
async function staged(actor: Actor, key: string, file: string, phase: "check" | "run", input: Record<string, unknown> = SEED_CONSTANTS) {
  const view = await upload(actor, key, file);
  await updateImport({ actor, templateKey: key, id: view.id, input });
  await ImportModel.updateOne({ _id: view.id }, { $set: { [phase === "run" ? "runJobId" : "checkJobId"]: jobId(IMPORT_KIND, importJobId(view.id, phase)) } });
  await createJob({ kind: IMPORT_KIND, id: importJobId(view.id, phase), templateKey: key, params: { importId: view.id, phase, locale: "zh" }, total: 0, createdBy: actor });
  return jobId(IMPORT_KIND, importJobId(view.id, phase));
}
const saved = async (id: string) => (await JobModel.findById(id).lean()) as unknown as Job<ImportJobParams, ImportJobState>;

/** `n` customers one row each, then a later payment of each of `appended` at the bottom of the sheet (as offices append them). */
const customers = (P: string, n: number, appended: number[]) => [
  ...Array.from({ length: n }, (_, i) => seedRow(`${P}-${i}`, { 0: `客户${i}`, 1: residentId("19800101", i + 1) })),
  ...appended.map((i) => seedRow(`${P}-${i}`, { 0: `客户${i}`, 1: residentId("19800101", i + 1), 11: "2024-01-15" })),
];
/** `n` policies of 3 rows each (payment, claim, communication; customer cells only on the first), then a later payment of each of `appended`. */
const policies = (P: string, n: number, appended: number[]) => [
  ...Array.from({ length: n }, (_, i) => [
    seedRow(`${P}-${i}`, { 0: `客户${i}`, 1: residentId("19800101", (i % 900) + 1), 11: "2023-01-15" }),
    [null, null, null, null, null, null, null, null, null, null, "12,000.00", "2024/1/15", "未缴费", "2024.3.1", "5000元", "待审核", null, null, null, null],
    [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "2024年3月5日", "微信", "理赔资料已收", null],
  ]).flat(),
  ...appended.map((i) => seedRow(`${P}-${i}`, { 0: `客户${i}`, 1: residentId("19800101", (i % 900) + 1), 10: 12000, 11: "2025-01-15", 12: "已缴费" })),
];
const stats = async (key: string) => {
  const data = (await RecordModel.find({ templateKey: key, deletedAt: null }).lean()).map((r) => r.data as Record<string, unknown[] | undefined>);
  const count = (table: string) => data.reduce((s, d) => s + (d[table]?.length ?? 0), 0);
  return { records: data.length, payments: count("payments"), claims: count("claims"), comms: count("communications") };
};
const createEvents = (key: string) => AuditEventModel.countDocuments({ templateKey: key, entity: "record", action: "record.create" });

describe("import resumed after a restart", () => {
  it("a run and a check resumed past the first row of a policy whose later payment is at the bottom of the sheet read that policy whole", async () => {
    for (const phase of ["run", "check"] as const) {
      const { agent, key } = await importSetup(cleanup);
      const P = unique("SPAN");
      // Customer 0's record starts on row 2 and ends on row 252: it is handed out last, after the
      // restart point (200 records) — its first row was read while skipping the part done.
      const id = await staged(agent, key, await xlsxFile(customers(P, 250, [0])), phase);
      await runJob(importJob, id, { maxBatches: 1 });
      // The server stops: its place is saved, what it held in memory is gone.
      importJob.release!(id);
      const done = await runJob(importJob, id);
      // Before: status "failed", error "Cannot read properties of undefined (reading 'keys')" (the
      // first row of customer 0 was a placeholder without its cells), 200 of 250 records stored.
      expect({ phase, status: done!.status, error: done!.error ?? null }).toEqual({ phase, status: "done", error: null });
      expect((done!.state as ImportJobState).rows).toEqual({ create: 251 });
      expect((done!.state as ImportJobState).records).toEqual({ created: 250 });
      expect(await stats(key)).toEqual(phase === "run" ? { records: 250, payments: 251, claims: 0, comms: 0 } : { records: 0, payments: 0, claims: 0, comms: 0 });
    }
  }, 120_000);

  it("a run that stopped on an error goes on from where it stopped when started again: each record once", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("FAIL");
    const id = await staged(agent, key, await xlsxFile(customers(P, 450, [])), "run");
    await runJob(importJob, id, { maxBatches: 1 });
    importJob.release!(id);
    // Stopped by an error (a database that stayed away past the wait), as the runner marks it.
    await JobModel.updateOne({ _id: id }, { $set: { status: "failed", error: "服务器出错，已停止", workerId: null } });
    const importId = (await saved(id)).params.importId;
    // Before: refused, "这个导入已经执行过" — half the file stayed imported, with no way on.
    await startImport({ actor: agent, templateKey: key, id: importId, phase: "run" });
    const status = async () => ((await JobModel.findById(id, { status: 1 }).lean()) as { status: string }).status;
    for (let i = 0; i < 600 && !["done", "failed"].includes(await status()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await status()).toBe("done");
    const done = await saved(id);
    expect(done.state.records).toEqual({ created: 450 });
    expect(await stats(key)).toEqual({ records: 450, payments: 450, claims: 0, comms: 0 });
    expect(await createEvents(key)).toBe(450);
    // A run that finished is not run again.
    await expect(startImport({ actor: agent, templateKey: key, id: importId, phase: "run" })).rejects.toThrow("这个导入已经执行过");
  }, 120_000);

  it("a policy read across the restart point whose record the batch lost in the crash had stored is counted and stored once, with both payments", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("LOST");
    // 450 customers; customer 0's second payment comes after customer 300's row: its record is
    // the second batch's (records 201–400), its first row before the place saved after the first.
    const rows = customers(P, 450, []);
    rows.splice(301, 0, seedRow(`${P}-0`, { 0: "客户0", 1: residentId("19800101", 1), 11: "2024-01-15" }));
    const id = await staged(agent, key, await xlsxFile(rows), "run");
    await runJob(importJob, id, { maxBatches: 1 });
    importJob.release!(id);
    // The second batch writes its records (customer 0's among them); the server dies before its place is saved.
    expect((await importJob.batch(await saved(id))).done).toBe(201);
    importJob.release!(id);
    expect((await stats(key)).records).toBe(400);
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    // As an uninterrupted run: every row a create, customer 0 one record with both payments and one creation event.
    expect((done!.state as ImportJobState).rows).toEqual({ create: 451 });
    expect((done!.state as ImportJobState).records).toEqual({ created: 450 });
    expect(await stats(key)).toEqual({ records: 450, payments: 451, claims: 0, comms: 0 });
    expect(await createEvents(key)).toBe(450);
  }, 120_000);

  it("without a record key, a check and a run resumed after a restart still say 重复 for a 保单号 repeated on both sides of the restart point", async () => {
    for (const phase of ["check", "run"] as const) {
      const { agent, key } = await importSetup(cleanup);
      const P = unique("SEEN");
      // 250 customers, then another customer under customer 0's 保单号 (row 252).
      const rows = [...customers(P, 250, []), seedRow(`${P}-0`, { 0: "别人", 1: residentId("19750505", 22) })];
      const input = { ...SEED_CONSTANTS, keyField: null, mode: "create" };
      const id = await staged(agent, key, await xlsxFile(rows), phase, input);
      await runJob(importJob, id, { maxBatches: 1 });
      importJob.release!(id);
      const done = await runJob(importJob, id);
      // Before: the check {create: 251} (the 保单号s seen before the restart were only in memory),
      // the run {create: 250, reject: 1} (row 252 refused as "已被其他记录使用").
      expect({ phase, rows: (done!.state as ImportJobState).rows }).toEqual({ phase, rows: { create: 250, duplicate: 1 } });
      const kept = await ImportRowModel.find({ importId: (await ImportModel.findOne({ [phase === "run" ? "runJobId" : "checkJobId"]: id }).lean())!._id, phase }).lean();
      expect(kept.map((k) => [k.row, k.verdict, k.reason])).toEqual([[252, "duplicate", expect.stringContaining("与第 2 行相同")]]);
      // Done: what the job noted of its values is let go.
      expect(await ImportSeenModel.countDocuments({ jobId: id })).toBe(0);
    }
  }, 120_000);

  it("a run of updates whose batch's writes a crash left unsaved counts each row as an uninterrupted run does: 更新 where it changed something, 未变 where not", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("UPD");
    await importFile(agent, key, await xlsxFile(policies(P, 250, [])));
    // The same policies with their second payment paid: one row of three changes per policy.
    const file = await xlsxFile(policies(P, 250, []).map((r) => (r[12] === "未缴费" ? Object.assign([...r], { 12: "已缴费" }) : r)));
    const input = { ...SEED_CONSTANTS, mode: "upsert", keyField: "policy.policyNo" };
    const uninterrupted = await importFile(agent, key, file, input);
    expect(uninterrupted.run!.rows).toEqual({ update: 250, unchanged: 500 });
    const { agent: other, key: key2 } = await importSetup(cleanup);
    await importFile(other, key2, await xlsxFile(policies(P, 250, [])));
    const id = await staged(other, key2, file, "run", input);
    // The first batch writes its 200 updates; the place after it is never saved (the crash).
    expect((await importJob.batch(await saved(id))).done).toBe(600);
    importJob.release!(id);
    const done = await runJob(importJob, id);
    // Before: {update: 650, unchanged: 100} — every row of the first batch's records said 更新.
    expect((done!.state as ImportJobState).rows).toEqual(uninterrupted.run!.rows);
    expect((done!.state as ImportJobState).records).toMatchObject({ updated: 250 });
    expect(await AuditEventModel.countDocuments({ templateKey: key2, action: "record.update" })).toBe(250);
  }, 180_000);

  it("a run whose server process is SIGKILLed in its second batch resumes: each record once, with one creation event, and the file again is all 未变", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("KILL");
    // 600 policies of 3 rows; payments of the first and the last appended at the bottom.
    const file = await xlsxFile(policies(P, 600, [0, 599]));
    const id = await staged(agent, key, file, "run");
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/integration/support/run-import-child.ts"], { env: { ...process.env, IMPORT_JOB: id }, stdio: "inherit" });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Killed once the first batch's place is saved, while the second is under way.
    for (let i = 0; i < 600; i++) {
      const job = await JobModel.findById(id, { "progress.done": 1, status: 1 }).lean();
      if ((job?.progress?.done ?? 0) > 0 || job?.status === "done") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGKILL");
    await exited;
    // What a restarted server does: the events a kill left unwritten, then the job resumes.
    await recoverRecordEvents();
    const done = await runJob(importJob, id);
    // Before: status "failed" (the placeholder rows of policies 0 and 599), 400 of 600 records stored.
    expect(done!.status).toBe("done");
    expect((done!.state as ImportJobState).rows).toEqual({ create: 1802 });
    expect(await stats(key)).toEqual({ records: 600, payments: 1202, claims: 600, comms: 600 });
    expect(await createEvents(key)).toBe(600);
    expect((await importFile(agent, key, file)).run!.rows).toEqual({ unchanged: 1802 });
  }, 240_000);
});

describe("what an import job notes of its unique values (import_seen)", () => {
  it("is let go when the job is cancelled — between two batches by its worker, or at once when no worker holds it — as when it finishes (before: kept for ever)", async () => {
    for (const how of ["worker", "failed"] as const) {
      const { agent, key } = await importSetup(cleanup);
      const P = unique("CNS");
      const id = await staged(agent, key, await xlsxFile(customers(P, 250, [])), "check", { ...SEED_CONSTANTS, keyField: null, mode: "create" });
      await runJob(importJob, id, { maxBatches: 1 });
      importJob.release!(id);
      expect(await ImportSeenModel.countDocuments({ jobId: id })).toBeGreaterThan(0);
      const importId = (await ImportModel.findOne({ checkJobId: id }).lean())!._id;
      // A check stopped by an error waits for nobody: cancelled at once.
      if (how === "failed") await JobModel.updateOne({ _id: id }, { $set: { status: "failed", workerId: null } });
      await cancelImport({ actor: agent, templateKey: key, id: importId });
      if (how === "worker") expect((await runJob(importJob, id))?.status).toBe("cancelled");
      expect({ how, status: (await JobModel.findById(id).lean())?.status, seen: await ImportSeenModel.countDocuments({ jobId: id }) }).toEqual({ how, status: "cancelled", seen: 0 });
    }
  }, 120_000);

  it("of a check stopped by an error is let go when another check of the import starts (the failed one is never started again)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("FNS");
    const id = await staged(agent, key, await xlsxFile(customers(P, 250, [])), "check", { ...SEED_CONSTANTS, keyField: null, mode: "create" });
    await runJob(importJob, id, { maxBatches: 1 });
    importJob.release!(id);
    await JobModel.updateOne({ _id: id }, { $set: { status: "failed", workerId: null } });
    const importId = (await ImportModel.findOne({ checkJobId: id }).lean())!._id;
    expect(await ImportSeenModel.countDocuments({ jobId: id })).toBeGreaterThan(0);
    await startImport({ actor: agent, templateKey: key, id: importId, phase: "check" });
    expect(await ImportSeenModel.countDocuments({ jobId: id })).toBe(0);
  }, 120_000);
});

