import fs from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import mongoose from "mongoose";
import { expect, IDS, paths, test, unique } from "./support/fixtures";

// The README's promise for the import: the run is a background job with a progress bar that
// resumes after a restart and writes nothing twice. Here the app server dies for real (SIGKILL,
// as a crash or `kill -9`) while the run's bar is part way; tests/e2e/server.mjs starts it again
// on the same database and data folder, and the run must end by itself with every row stored once.
const port = process.env.E2E_PORT ?? 3210;
const appPidFile = path.join(os.tmpdir(), `dossier-e2e-${port}-app.pid`);
const dbUriFile = path.join(os.tmpdir(), `dossier-e2e-${port}-db.uri`);
// Enough rows that the run takes several seconds on a 2-core machine shared with other work.
const ROWS = Number(process.env.E2E_RESTART_ROWS ?? 3000);

const readPid = () => Number(fs.readFileSync(appPidFile, "utf8"));

test("the app server is killed mid-import: after its restart the run resumes by itself and ends at 100 % with every row stored once", async ({ adminPage: page }) => {
  test.setTimeout(6 * 60_000);
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-import-restart-"));
  const file = path.join(dir, "重启导入.xlsx");
  const tag = unique();
  // A sum insured no other journey uses: the list filter on it counts this import's records.
  const marker = 700_000 + Math.floor(Math.random() * 99_999);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("客户");
  ws.addRow(["客户姓名", "身份证号码", "联系方式", "保单号", "保险金额", "保险起始日期", "保险到期日期", "缴费金额", "缴费日期", "缴费状态"]);
  for (let i = 1; i <= ROWS; i++) ws.addRow([`重启客户${i}`, IDS.other, "13800138000", `RS${tag}-${i}`, marker, "2023/1/1", "2033年1月1日", 12000, "2023-01-05", "已缴费"]);
  await wb.xlsx.writeFile(file);

  await page.goto(`${paths.list}/import`);
  await page.getByLabel("选择文件").setInputFiles(file);
  const fixed = page.getByLabel("保单信息 › 保险类型");
  await fixed.fill("人寿险");
  await fixed.blur();
  // The import's id, from the address the check is started at (…/imports/<id>/check).
  const checking = page.waitForRequest((r) => r.method() === "POST" && /\/imports\/[^/]+\/check$/.test(new URL(r.url()).pathname));
  await page.getByRole("button", { name: "检查（试导入）" }).click();
  const importId = new URL((await checking).url()).pathname.split("/").at(-2)!;
  await expect(page.getByTestId("import-verdicts")).toContainText(`新增 ${ROWS}`, { timeout: 120_000 });

  const db = await mongoose.createConnection(fs.readFileSync(dbUriFile, "utf8"), { dbName: "dossier_e2e" }).asPromise();
  try {
    type JobDoc = { _id: string; status: string; progress: { done: number; total: number }; state: { rows?: Record<string, number>; records?: Record<string, number> }; error?: string | null };
    const jobs = db.collection<JobDoc>("jobs");
    const jobId = `import:${importId}:run`;
    const policyFilter = { templateKey: "customer-archive", "data.policy.policyNo": { $regex: `^RS${tag}-` } };
    const createEvents = { action: "record.create", "meta.importId": importId };
    const stored = () => db.collection("records").countDocuments(policyFilter);
    const audited = () => db.collection("audit_events").countDocuments(createEvents);

    // The run. The server is killed once it is part way (10–80 % done), at the worst moment seen:
    // a batch's records stored and their audit events not yet (a crash lands there too), or else
    // when the run passes 50 %.
    const bar = page.getByRole("progressbar").last();
    const runStarted = Date.now();
    await page.getByRole("button", { name: "开始导入" }).click();
    await expect(bar).toHaveAccessibleName("正在导入…");
    let at = { done: 0, stored: 0, audited: 0 };
    await expect
      .poll(
        async () => {
          const job = await jobs.findOne({ _id: jobId }, { projection: { progress: 1 } });
          const done = job?.progress.done ?? 0;
          if (done < ROWS * 0.1) return false;
          // The page has shown the run under way: it polls the server, and killed between two of
          // its polls the bar still read 0 (a fresh-clone CI run at load 4 failed so).
          if (!(Number(await bar.getAttribute("aria-valuenow")) > 0)) return false;
          at = { done, stored: await stored(), audited: await audited() };
          return at.stored > at.audited || done >= ROWS * 0.5;
        },
        { timeout: 120_000, intervals: [20] },
      )
      .toBe(true);
    const pid = readPid();
    process.kill(pid, "SIGKILL");
    const killedAt = Date.now();
    const percentAtKill = Number(await bar.getAttribute("aria-valuenow"));
    expect(percentAtKill, "the bar when the server was killed").toBeGreaterThan(0);
    expect(percentAtKill, "the bar when the server was killed").toBeLessThanOrEqual(80);

    // The server comes back (a new process) and answers.
    const health = () => page.request.get("/signin", { timeout: 5_000 }).then((r) => r.status(), () => 0);
    await expect.poll(health, { timeout: 120_000, intervals: [500] }).toBe(200);
    const backAfter = Date.now() - killedAt;
    expect(readPid()).not.toBe(pid);

    // Left part-done by the kill: the new server has to finish it.
    const left = await jobs.findOne({ _id: jobId });
    expect(left?.status, "the run after the kill").toBe("running");
    expect(left!.progress.done).toBeLessThan(ROWS);
    const atRestart = { stored: await stored(), audited: await audited() };

    // The run goes on by itself (the page keeps polling) and ends at 100 %, with nothing else to press.
    await expect(page.getByTestId("import-result")).toContainText(`新增 ${ROWS} 条、更新 0 条`, { timeout: 240_000 });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    await expect(page.getByTestId("import-verdicts")).toContainText(`新增 ${ROWS}`);
    await expect(page.getByText(/出错停止/)).toHaveCount(0);
    const finishedAfter = Date.now() - killedAt;
    const job = await jobs.findOne({ _id: jobId });
    const records = await db.collection("records").find(policyFilter, { projection: { "data.policy.policyNo": 1 } }).toArray();
    const events = await db.collection<{ _id: string; action: string; entityId: string }>("audit_events").find({ "meta.importId": importId }, { projection: { action: 1, entityId: 1 } }).toArray();
    const creates = events.filter((e) => e.action === "record.create");
    const policyOf = (r: (typeof records)[number]) => (r.data as { policy: { policyNo: string } }).policy.policyNo;
    const audits = new Set(creates.map((e) => e.entityId));
    const rowsWithoutEvent = records.filter((r) => !audits.has(String(r._id))).map((r) => Number(policyOf(r).split("-").at(-1)));
    console.log(
      `[import-restart] ${ROWS} rows; killed ${((killedAt - runStarted) / 1000).toFixed(1)} s into the run at ${percentAtKill} % on the bar ` +
        `(job: ${at.done} rows done; ${at.stored} records and ${at.audited} creation events stored; at the restart ${atRestart.stored} and ${atRestart.audited}); ` +
        `server back after ${(backAfter / 1000).toFixed(1)} s; run done ${(finishedAfter / 1000).toFixed(1)} s after the kill; ` +
        `finally ${records.length} records, ${creates.length} creation events` +
        (rowsWithoutEvent.length ? `, rows ${Math.min(...rowsWithoutEvent)}–${Math.max(...rowsWithoutEvent)} (${rowsWithoutEvent.length}) without one` : ""),
    );

    expect(job).toMatchObject({ status: "done", error: null, progress: { done: ROWS, total: ROWS }, state: { rows: { create: ROWS }, records: { created: ROWS } } });
    // Every row once: as many records as rows, one per 保单号, each with its one creation event
    // (lib/audit: an import writes record.create per record and one import.run).
    expect(records).toHaveLength(ROWS);
    expect(new Set(records.map(policyOf)).size).toBe(ROWS);
    expect(rowsWithoutEvent, "rows whose record has no record.create audit event").toEqual([]);
    expect(creates).toHaveLength(ROWS);
    expect(events.filter((e) => e.action === "import.run")).toHaveLength(1);
    expect(events).toHaveLength(ROWS + 1);

    // …and the list, through the app, says so too.
    const list = await page.request.get(`${paths.api()}?f.policy.sumInsured.gte=${marker}&f.policy.sumInsured.lte=${marker}&size=10`);
    expect(list.status()).toBe(200);
    expect((await list.json()).total).toBe(ROWS);
  } finally {
    await db.close();
  }
});
