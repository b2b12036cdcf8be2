// npm run bench:list [-- --records 100000 --runs 10 --writes 300]
// The customer archive at 100,000 records: list views through the service against the same
// query sent raw to the database, single-record reads and writes, and the impact analysis of
// a template change over every record. Started by benchmarks/run.mjs with MONGODB_URI set to a
// throwaway FerretDB. Prints markdown tables; see benchmarks/README.md.
import mongoose from "mongoose";
import type { Actor } from "../lib/auth/roles";
import { connectDb } from "../lib/db/connect";
import { UserModel } from "../lib/db/models/user";
import { buildMongoQuery } from "../lib/records/build-mongo-query";
import { createRecord } from "../lib/records/create-record";
import { getRecord } from "../lib/records/get-record";
import { parseListQuery } from "../lib/records/list-query";
import { listRecords, SEARCH_COUNT_CAP } from "../lib/records/list-records";
import { recordHistory } from "../lib/records/record-history";
import { updateRecord } from "../lib/records/update-record";
import { generateRecord } from "../lib/demo/generate-record";
import { setByPathForBench } from "./lib/set-by-path";
import { computeImpact } from "../lib/migrations/analyze-impact";
import { countDueReminders } from "../lib/reminders/count-due-reminders";
import { dateRange, pushableConditions } from "../lib/reminders/evaluate-rule";
import { candidateQueries, listReminders } from "../lib/reminders/list-reminders";
import { resetReminderIndex, warmReminderIndex } from "../lib/reminders/reminder-index";
import { PER_BLOCK, reminderBlockItems, workbenchPage } from "../lib/reminders/workbench-page";
import { REMINDER_GROUPS } from "../lib/reminders/types";
import { backfillReminderFacts } from "../lib/records/backfill-reminder-facts";
import { EVERY_RECORD } from "../lib/records/records-filter";
import { searchKey } from "../lib/records/search-text";
import { searchTextState } from "../lib/records/search-text-state";
import { officeToday } from "../lib/reminders/office-date";
import { resolvedRules } from "../lib/reminders/resolved-rules";
import { getPublishedTemplate } from "../lib/templates/get-published-template";
import { unwoundRowPath } from "../lib/db/unwind-keeps-document";
import { buildWidgetPipeline } from "../lib/statistics/build-widget-pipeline";
import { computeWidget } from "../lib/statistics/compute-widget";
import { getStatisticsPage, settleResults } from "../lib/statistics/get-statistics-page";
import { loadDashboard } from "../lib/statistics/load-dashboard";
import { resolveWidget } from "../lib/statistics/widget-fields";
import { widgetListQuery } from "../lib/statistics/widget-query";
import { seedTemplates } from "../lib/templates/seed-templates";
import { ensureRecordIndexes, warmListQueries } from "../lib/records/record-indexes";
import { warmDashboards } from "../lib/statistics/warm-dashboards";
import { editableField, fieldToRequire, listScenarios } from "./lib/list-scenarios";
import { heapLimitNow, machine, ms, rssSampler, setting, since, summarize, table } from "./lib/measure";
import { rawInsertRate, seedRecords } from "./lib/seed-records";

const TEMPLATE = process.env.BENCH_TEMPLATE ?? "customer-archive";
// 100,000 is the design target; on the embedded FerretDB one run at that size takes about 30
// minutes (see README), so the default is smaller and the 100,000 figures are a documented run.
const RECORDS = setting("RECORDS", 20_000);
const RUNS = setting("RUNS", 5);
const WRITES = setting("WRITES", 300);
const POINT_RUNS = setting("POINT_RUNS", 50);
// A scenario stops after this many seconds once it has MIN_RUNS runs, so a slow view cannot eat the budget.
const SCENARIO_BUDGET_MS = setting("SCENARIO_SECONDS", 20) * 1000;
const MIN_RUNS = setting("MIN_RUNS", 1);
const WARMUP = setting("WARMUP", 1) === 1;
const SEED = setting("SEED", 1);
/** The heap in use after a full collection when the process runs with --expose-gc (npm run bench:list does), else as it is. */
function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/** 0 skips the list views and grouped aggregates (3, 4), the dashboard (4c) or the 工作台's facts backfill run (4b). */
const LISTS = setting("LISTS", 1) === 1;
const DASHBOARD = setting("DASHBOARD", 1) === 1;
const BACKFILL = setting("BACKFILL", 1) === 1;
/** 0 skips timing each search the old way too (an $or over data.*, a read of every record). */
const OLD_SEARCH = setting("OLD_SEARCH", 1) === 1;
/**
 * --warm-first 1: the start-up warm-up before seeding too, as a running app has done before its
 * records come in — on the embedded database the search's trigram index and its triggers then
 * exist while the records are written, so the seed rate includes their cost (0: the index is
 * built from the seeded records by the warm-up after seeding, as after an upgrade).
 */
const WARM_FIRST = setting("WARM_FIRST", 0) === 1;
// --dashboard-only 1: seeding, the grouped aggregates and the 统计 dashboard only (no list views,
// one-record calls, 工作台 or impact) — a 100,000-record run of the dashboard in minutes, not an hour.
const DASHBOARD_ONLY = setting("DASHBOARD_ONLY", 0) === 1;
/** The 统计 page's filter in the dashboard benchmark (a filterable choice of the archive). */
const STATS_FILTER = process.env.BENCH_STATS_FILTER ?? "f.policy.insuranceType.in=%E4%BA%BA%E5%AF%BF%E9%99%A9";

const say = (s: string) => console.log(s);

async function benchAdmin(): Promise<Actor> {
  const user = await UserModel.create({ email: "bench-admin@bench.local", name: "基准管理员", role: "admin", passwordHash: "x", active: true });
  return { id: String(user._id), name: user.name, email: user.email, role: "admin" };
}

function projectionFor(columns: string[], titleField?: string): Record<string, 1> {
  const projection: Record<string, 1> = { revision: 1, createdAt: 1, updatedAt: 1, verification: 1, createdByName: 1, deletedAt: 1 };
  for (const c of [...columns, ...(titleField ? [titleField] : [])]) if (!c.startsWith("@")) projection[`data.${c}`] = 1;
  return projection;
}

async function main() {
  say(`\n## bench:list — ${new Date().toISOString()}\n\nmachine: ${await machine()}\n`);
  await connectDb();
  await seedTemplates();
  // As the app's start-up does: the list indexes of the published templates, before the records.
  await ensureRecordIndexes();
  // --warm-first 1: the start-up warm-ups before the records, so that what they make on the embedded
  // database (the trigram index, the dashboard's row copies) exists while the records are written
  // and the seeding rate includes keeping it.
  if (WARM_FIRST) {
    await warmListQueries();
    await warmDashboards();
  }
  const actor = await benchAdmin();
  const template = await getPublishedTemplate(actor, TEMPLATE);

  // 1. Seeding (a fixture, not a figure of the app — except the createRecord latency below).
  const rss = rssSampler();
  let shown = 0;
  const seeded = await seedRecords({
    template,
    actor,
    count: RECORDS,
    seed: SEED,
    deleteEvery: 100,
    onProgress: (done) => {
      if (done - shown >= RECORDS / 10 || done === RECORDS) {
        shown = done;
        console.error(`[bench] seeded ${done}/${RECORDS}`);
      }
    },
  });
  const pipelineRate = seeded.inserted / (seeded.pipelineMs / 1000);
  const rawRate = await rawInsertRate({ templateKey: TEMPLATE, sample: Math.min(seeded.inserted, 5000) });
  say(
    `seeded ${seeded.inserted} records (${seeded.deleted} then deleted, ${seeded.rejected} generated records rejected by validation) in ${(seeded.ms / 1000).toFixed(0)} s ` +
      `(generate: ${(seeded.generateMs / 1000).toFixed(0)} s; createRecords: ${(seeded.pipelineMs / 1000).toFixed(0)} s = ${pipelineRate.toFixed(0)} records/s; ` +
      `deleteRecord: ${(seeded.deleteMs / 1000).toFixed(0)} s), peak RSS ${rss.stop().toFixed(0)} MB\n`,
  );
  say(`batch create through the pipeline: ${pipelineRate.toFixed(0)} records/s; raw insertMany of the same documents: ${rawRate.toFixed(0)} records/s (${(pipelineRate / rawRate).toFixed(2)}×)\n`);
  // What the app's start-up runs in the background (the embedded database's first look at the data).
  const afterSeeding = rssSampler();
  const warmStarted = performance.now();
  await warmListQueries();
  say(`start-up warm-up (warmListQueries, in the background of a start): ${ms(since(warmStarted))} ms\n`);
  const dashboardsStarted = performance.now();
  await warmDashboards();
  say(`start-up dashboard warm-up (warmDashboards: every widget once${WARM_FIRST ? "" : "; makes the row copies of the table charts"}): ${ms(since(dashboardsStarted))} ms\n`);

  // 2. The real write path, at size.
  const createTimes: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const input = generateRecord({ schema: template.content.schema, hints: template.content.demo, seed: SEED + 10_000_000 + i, sequence: RECORDS + 1 + i });
    const t = performance.now();
    await createRecord({ actor, templateKey: TEMPLATE, input });
    createTimes.push(since(t));
  }

  // 3. List views: the service against the same query sent raw.
  const coll = mongoose.connection.db!.collection("records");
  const sampleDoc = await coll.findOne({ templateKey: TEMPLATE, deletedAt: null }, { skip: Math.floor(RECORDS / 3) });
  // The deep page stays within the records (page size 20): page 500 of 2,000 records is empty and measures nothing.
  const deepPage = Math.max(1, Math.min(setting("DEEP_PAGE", 500), Math.floor(RECORDS / 20)));
  const scenarios = DASHBOARD_ONLY ? [] : listScenarios(template, (sampleDoc?.data ?? {}) as Record<string, unknown>, deepPage);
  const rows: (string | number)[][] = [];
  for (const [index, s] of (LISTS ? scenarios : []).entries()) {
    const query = parseListQuery(template.fields, template.content.list, s.params);
    // The same query the service sends: a search asks the search text (and the old way for stale records).
    const searchText = query.q ? await searchTextState(TEMPLATE, searchKey(template.fields)) : undefined;
    const { filter, sort } = buildMongoQuery(TEMPLATE, template.fields, query, { scope: EVERY_RECORD, searchText });
    const projection = projectionFor(template.content.list.columns, template.content.list.titleField);
    // The service counts a text search only up to SEARCH_COUNT_CAP ("1,000+"): so does the raw query.
    const capped = Boolean(query.q) || query.filters.some((f) => f.op === "contains");
    const raw = () =>
      Promise.all([
        coll.countDocuments(filter, capped ? { limit: SEARCH_COUNT_CAP + 1 } : {}).then((n) => Math.min(n, capped ? SEARCH_COUNT_CAP : n)),
        coll
          .find(filter, { projection })
          .sort(sort)
          .skip((query.page - 1) * query.size)
          .limit(query.size)
          .toArray(),
      ]);
    const service = () => listRecords({ actor, templateKey: TEMPLATE, searchParams: s.params });
    // Warm-up, not counted (skipped with --warmup 0 when one query takes a minute).
    if (WARMUP) await Promise.all([raw(), service()].map((p) => p.then(() => undefined)));
    const serviceTimes: number[] = [];
    const rawTimes: number[] = [];
    const started = performance.now();
    let same = true;
    let total = 0;
    let totalCapped = false;
    // Interleaved, and in turns which goes first, so that drift in the machine's load (and the
    // database cleaning up after the previous query) hits both alike. The turn also alternates
    // between views: at size a view gets only one run, and the service would otherwise always go first.
    for (let i = 0; i < RUNS && (i < MIN_RUNS || since(started) < SCENARIO_BUDGET_MS); i++) {
      const timed = async <T>(fn: () => Promise<T>, into: number[]): Promise<T> => {
        const t = performance.now();
        const out = await fn();
        into.push(since(t));
        return out;
      };
      const rawFirst = (i + index) % 2 === 1;
      const first = rawFirst ? await timed(raw, rawTimes) : await timed(service, serviceTimes);
      const second = rawFirst ? await timed(service, serviceTimes) : await timed(raw, rawTimes);
      const { page } = (rawFirst ? second : first) as Awaited<ReturnType<typeof service>>;
      const [count, docs] = (rawFirst ? first : second) as Awaited<ReturnType<typeof raw>>;
      // Both must return the same page, or the comparison means nothing.
      same &&= count === page.total && docs.map((d) => String(d._id)).join() === page.rows.map((r) => r.id).join();
      total = page.total;
      totalCapped = Boolean(page.totalCapped);
    }
    const sv = summarize(serviceTimes);
    const rw = summarize(rawTimes);
    // A search also sent the old way (an $or over data.*, before the search text), once, raw: the
    // before beside the after on the same data and load; and it must find the same page.
    let before = "—";
    if (query.q && OLD_SEARCH) {
      const old = buildMongoQuery(TEMPLATE, template.fields, query, { scope: EVERY_RECORD });
      const t = performance.now();
      const [n, docs] = await Promise.all([
        coll.countDocuments(old.filter, { limit: SEARCH_COUNT_CAP + 1 }).then((c) => Math.min(c, SEARCH_COUNT_CAP)),
        coll.find(old.filter, { projection: { _id: 1 } }).sort(old.sort).skip((query.page - 1) * query.size).limit(query.size).toArray(),
      ]);
      before = ms(since(t));
      const [count, page] = await raw();
      same &&= n === count && docs.map((d) => String(d._id)).join() === page.map((d) => String(d._id)).join();
    }
    rows.push([s.name, `${total.toLocaleString("en-US")}${totalCapped ? "+" : ""}`, sv.n, ms(sv.p50), ms(sv.p95), ms(rw.p50), ms(rw.p95), ms(sv.p50 - rw.p50), same ? "yes" : "**NO**", before]);
    console.error(`[bench] ${s.name}: service p50 ${ms(sv.p50)} ms, raw p50 ${ms(rw.p50)} ms`);
  }
  if (LISTS && scenarios.length) say(`### List views (${RECORDS.toLocaleString("en-US")} records, page size 20; ms)\n`);
  if (LISTS && scenarios.length) say(table(["view", "matches", "runs", "service p50", "service p95", "raw p50", "raw p95", "overhead p50", "same page", "search the old way (raw, once)"], rows));

  // 4. Grouped aggregates of the widgets' shape, sent raw (the statistics service itself: 4c).
  const liveFilter = { templateKey: TEMPLATE, deletedAt: null };
  const choice = template.fields.find((f) => f.filterable && !f.inArray && f.kind === "select");
  const money = template.fields.find((f) => f.filterable && !f.inArray && f.kind === "money");
  const groupRows: (string | number)[][] = [];
  if (choice && LISTS) {
    const views: [string, Record<string, unknown>[]][] = [
      [`count per ${choice.path}`, [{ $match: liveFilter }, { $group: { _id: `$data.${choice.path}`, n: { $sum: 1 } } }]],
      [`count and sum of revisions per ${choice.path}`, [{ $match: liveFilter }, { $group: { _id: `$data.${choice.path}`, n: { $sum: 1 }, r: { $sum: "$revision" } } }]],
    ];
    if (money) views.push([`sum of ${money.path} per ${choice.path}`, [{ $match: liveFilter }, { $group: { _id: `$data.${choice.path}`, s: { $sum: `$data.${money.path}` } } }]]);
    for (const [name, pipeline] of views) {
      const times: number[] = [];
      let groups = 0;
      for (let i = 0; i < Math.max(RUNS, 1); i++) {
        const t = performance.now();
        groups = (await coll.aggregate(pipeline).toArray()).length;
        times.push(since(t));
      }
      const g = summarize(times);
      groupRows.push([name, groups, g.n, ms(g.p50), ms(g.p95)]);
      console.error(`[bench] ${name}: p50 ${ms(g.p50)} ms`);
    }
    say(`\n### Grouped aggregates (${RECORDS.toLocaleString("en-US")} records; raw driver; ms)\n`);
    say(table(["aggregate", "groups", "runs", "p50", "p95"], groupRows));
  }

  const timeEach = async (n: number, fn: (i: number) => Promise<unknown>) => {
    const out: number[] = [];
    const started = performance.now();
    for (let i = 0; i < n && (i < MIN_RUNS || since(started) < SCENARIO_BUDGET_MS); i++) {
      const t = performance.now();
      const inner = await fn(i);
      // A step may time only its own part (the update, not the read before it).
      out.push(typeof inner === "number" ? inner : since(t));
    }
    return summarize(out);
  };
  // Sections 4 and 4b (one record; the 工作台) are left out of a dashboard-only run.
  if (!DASHBOARD_ONLY) {
    // 4. One record: read, history, write.
    const live = (await coll.find({ templateKey: TEMPLATE, deletedAt: null }, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id));
    const pick = (i: number) => live[(i * 7919) % live.length];
    await getRecord({ actor, templateKey: TEMPLATE, recordId: pick(0) });
    const reads = await timeEach(POINT_RUNS, (i) => getRecord({ actor, templateKey: TEMPLATE, recordId: pick(i + 1) }));
    const histories = await timeEach(POINT_RUNS, (i) => recordHistory({ actor, templateKey: TEMPLATE, recordId: pick(i + 1) }));
    const field = editableField(template.fields);
    const updates = await timeEach(POINT_RUNS, async (i) => {
      const id = pick(i + 1000);
      const current = await getRecord({ actor, templateKey: TEMPLATE, recordId: id, forEdit: true });
      const data = structuredClone(current.data) as Record<string, unknown>;
      if (field) setByPathForBench(data, field.segments, `基准修改 ${i}`);
      const t = performance.now();
      await updateRecord({ actor, templateKey: TEMPLATE, recordId: id, input: data, expectedRevision: current.revision });
      return since(t);
    });
    const c = summarize(createTimes);
    say(`\n### One record (ms)\n`);
    say(
      table(
        ["operation", "runs", "p50", "p95", "max"],
        [
          [`createRecord (real write path, at ${RECORDS.toLocaleString("en-US")} records)`, c.n, ms(c.p50), ms(c.p95), ms(c.max)],
          ["getRecord (detail page)", reads.n, ms(reads.p50), ms(reads.p95), ms(reads.max)],
          ["recordHistory (detail page timeline)", histories.n, ms(histories.p50), ms(histories.p95), ms(histories.max)],
          [`updateRecord (one field changed${field ? `: ${field.path}` : ""}; the read before it not counted)`, updates.n, ms(updates.p50), ms(updates.p95), ms(updates.max)],
        ],
      ),
    );

    // 4b. The 工作台: every rule's reminders computed from the records, against the rules' candidate
    // queries sent raw (without evaluating rows or states): the service's queries (top-level date
    // ranges, table rules on the records' reminder facts, records with stale facts the old way) and
    // the old shape (table rules through the arrays), for comparison. --workbench 0 skips it.
    if (setting("WORKBENCH", 1) === 1) {
      const today = officeToday();
      const window = { today, horizonDays: 90, lookbackDays: 365 };
      const rules = resolvedRules(template);
      const part = (r: (typeof rules)[number]) => {
        const range = dateRange(r, window);
        return { ...pushableConditions(r), [`data.${r.date.path}`]: { $gte: range.gte, $lte: range.lte } };
      };
      const oldQueries = [...rules.filter((r) => !r.table).map(part), { $or: rules.filter((r) => r.table).map(part) }];
      const newQueries = candidateQueries(rules, window).map((q) => {
        const active = q.rules.filter((r) => r.filter !== null).map((r) => r.filter!);
        return { ...q.also, ...(active.length === 1 ? active[0] : { $or: active }) };
      });
      const rawCandidates = async (queries: Record<string, unknown>[], owner?: string) => {
        let n = 0;
        for (const q of queries) n += (await coll.find({ templateKey: TEMPLATE, deletedAt: null, ...(owner ? { ownerId: owner } : {}), ...q }, { projection: { _id: 1, ownerId: 1, data: 1 } }).toArray()).length;
        return n;
      };
      // One agent owning a tenth of the book (seeded records are the admin's; given raw, as a transfer would leave them).
      const agentUser = await UserModel.create({ email: "bench-agent@bench.local", name: "基准经办人", role: "agent", passwordHash: "x", active: true });
      const agent: Actor = { id: String(agentUser._id), name: agentUser.name, email: agentUser.email, role: "agent" };
      const theirs = live.filter((_, i) => i % 10 === 0).map((id) => new mongoose.Types.ObjectId(id));
      for (let i = 0; i < theirs.length; i += 1000) await coll.updateMany({ _id: { $in: theirs.slice(i, i + 1000) } }, { $set: { ownerId: agent.id, ownerName: agent.name } });
      const candidates = await rawCandidates(newQueries);
      const first = await listReminders({ actor, horizonDays: 90 });
      const byGroup = Object.fromEntries(REMINDER_GROUPS.map((g) => [g, first.items.filter((i) => i.group === g).length]));
      const byRule = Object.fromEntries(rules.map((r) => [r.rule.id, first.items.filter((i) => i.ruleId === r.rule.id).length]));
      const agentItems = (await listReminders({ actor: agent, horizonDays: 90 })).items.length;
      const workbench = await timeEach(RUNS, () => listReminders({ actor, horizonDays: 90 }));
      console.error(`[bench] 工作台 everyone's: p50 ${ms(workbench.p50)} ms`);
      const own = await timeEach(RUNS, () => listReminders({ actor: agent, horizonDays: 90 }));
      // The reminder index (what the 工作台 answers from): one read of the records, then memory.
      // The agent's records were given raw above, which no write told the index of: built after that.
      resetReminderIndex();
      const heapBefore = heapAfterGc();
      const indexBuild = await timeEach(1, async () => {
        resetReminderIndex();
        await warmReminderIndex();
      });
      const indexMb = (heapAfterGc() - heapBefore) / 1048576;
      console.error(`[bench] 工作台 reminder index built in ${ms(indexBuild.p50)} ms, heap +${indexMb.toFixed(1)} MB`);
      const page = await timeEach(RUNS, async () => void (await workbenchPage({ actor, horizonDays: 90 })));
      const pageAgent = await timeEach(RUNS, async () => void (await workbenchPage({ actor: agent, horizonDays: 90 })));
      // After a second without a look, a view first catches up on other processes' writes: records
      // updated or trashed, audit events of writes that keep updatedAt, reminder states (ranges on indexes).
      const caughtUp = await timeEach(RUNS, async () => {
        await new Promise((r) => setTimeout(r, 1_100));
        const t = performance.now();
        await workbenchPage({ actor: agent, horizonDays: 90 });
        return since(t);
      });
      const due = await timeEach(RUNS, () => countDueReminders({ actor, fresh: true }));
      const dueAgent = await timeEach(RUNS, () => countDueReminders({ actor: agent, fresh: true }));
      // 更多: the next 50 of the largest block.
      const view = await workbenchPage({ actor, horizonDays: 90 });
      const largest = [...view.blocks].sort((a, b) => b.count - a.count)[0];
      const more = largest
        ? await timeEach(RUNS, async () => void (await reminderBlockItems({ actor, horizonDays: 90, group: largest.group, ruleKey: largest.ruleKey, offset: PER_BLOCK, limit: 50 })))
        : null;
      // The index and the records agree (the integration test proves it on small data; here on the bench's).
      const fromIndex = view.blocks.reduce((n, b) => n + b.count, 0);
      if (fromIndex !== first.items.length) throw new Error(`工作台: the index gives ${fromIndex} reminders, the records ${first.items.length}`);
      // timeEach takes a returned number as the step's own time: return nothing.
      const rawNew = await timeEach(RUNS, async () => void (await rawCandidates(newQueries)));
      const rawNewAgent = await timeEach(RUNS, async () => void (await rawCandidates(newQueries, agent.id)));
      const oldCandidates = await rawCandidates(oldQueries);
      const rawOld = await timeEach(RUNS, async () => void (await rawCandidates(oldQueries)));
      console.error(`[bench] 工作台 raw: facts ${ms(rawNew.p50)} ms, old ${ms(rawOld.p50)} ms`);
      say(
        `\n### 工作台 (${rules.length} rules, ${candidates.toLocaleString("en-US")} candidate records through the facts (${oldCandidates.toLocaleString("en-US")} the old way), ` +
          `${first.items.length.toLocaleString("en-US")} open reminders: ${REMINDER_GROUPS.map((g) => `${g} ${byGroup[g]}`).join(", ")}; by rule ${Object.entries(byRule).map(([k, v]) => `${k} ${v}`).join(", ")}; ` +
          `the agent's ${agentItems.toLocaleString("en-US")} (${theirs.length.toLocaleString("en-US")} records); ms)\n`,
      );
      const wbRows: (string | number)[][] = [
        ["listReminders, computed from the records (admin: everyone's, 90 days ahead, 365 back)", workbench.n, ms(workbench.p50), ms(workbench.p95), ms(workbench.max)],
        ["listReminders (an agent owning a tenth of the records)", own.n, ms(own.p50), ms(own.p95), ms(own.max)],
        [`reminder index: built by one read of the records (a start, a new version); heap +${indexMb.toFixed(1)} MB`, indexBuild.n, ms(indexBuild.p50), ms(indexBuild.p95), ms(indexBuild.max)],
        ["workbenchPage: the first view from the index (admin: everyone's; counts + 20 per rule)", page.n, ms(page.p50), ms(page.p95), ms(page.max)],
        ["workbenchPage: the same, the agent's", pageAgent.n, ms(pageAgent.p50), ms(pageAgent.p95), ms(pageAgent.max)],
        ["workbenchPage: the agent's, a second after the last look (with the catch-up)", caughtUp.n, ms(caughtUp.p50), ms(caughtUp.p95), ms(caughtUp.max)],
        ["countDueReminders (the sidebar's badge, everyone's)", due.n, ms(due.p50), ms(due.p95), ms(due.max)],
        ["countDueReminders (the badge, the agent's)", dueAgent.n, ms(dueAgent.p50), ms(dueAgent.p95), ms(dueAgent.max)],
        ...(more && largest ? [[`更多: 50 more of the largest block (${largest.group} ${largest.ruleKey.split(":")[1]}, ${largest.count.toLocaleString("en-US")}), everyone's`, more.n, ms(more.p50), ms(more.p95), ms(more.max)]] : []),
        ["raw: the service's candidate queries (facts), everyone's", rawNew.n, ms(rawNew.p50), ms(rawNew.p95), ms(rawNew.max)],
        ["raw: the same, the agent's records", rawNewAgent.n, ms(rawNewAgent.p50), ms(rawNewAgent.p95), ms(rawNewAgent.max)],
        ["raw: the old candidate queries (table rules through the arrays), everyone's", rawOld.n, ms(rawOld.p50), ms(rawOld.p95), ms(rawOld.max)],
      ];
      say(table(["operation", "runs", "p50", "p95", "max"], wbRows));
      if (BACKFILL) {
        // Records from before the facts: none stored. The 工作台 asks them the old way, then the backfill gives them facts.
        const all = (await coll.find({ templateKey: TEMPLATE }, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
        for (let i = 0; i < all.length; i += 1000) await coll.updateMany({ _id: { $in: all.slice(i, i + 1000) } }, { $unset: { facts: "" } });
        console.error("[bench] facts removed");
        const stale = await timeEach(RUNS, () => listReminders({ actor, horizonDays: 90 }));
        console.error(`[bench] 工作台 without facts: p50 ${ms(stale.p50)} ms; backfilling`);
        const t = performance.now();
        const filled = await backfillReminderFacts({ templateKey: TEMPLATE });
        const backfill = since(t);
        const after = await timeEach(RUNS, () => listReminders({ actor, horizonDays: 90 }));
        say("");
        say(
          table(
            ["records from before the facts", "runs", "p50", "p95", "max"],
            [
              ["listReminders, everyone's, no record has facts (the old way)", stale.n, ms(stale.p50), ms(stale.p95), ms(stale.max)],
              [`backfillReminderFacts (${filled.toLocaleString("en-US")} records)`, 1, ms(backfill), ms(backfill), ms(backfill)],
              ["listReminders, everyone's, after the backfill", after.n, ms(after.p50), ms(after.p95), ms(after.max)],
            ],
          ),
        );
      }
    }
  }

  // 4c. The default dashboard (统计): each widget through the statistics service beside the same
  // aggregation sent raw, and the whole 统计 page (every widget, as the page computes them).
  if (DASHBOARD) {
    const dashboard = await loadDashboard({ actor, templateKey: TEMPLATE });
    const rows: (string | number)[][] = [];
    for (const widget of dashboard.widgets) {
      const resolved = resolveWidget(widget, template.fields);
      if ("problem" in resolved) {
        rows.push([widget.title, "–", 0, "–", "–", "–", `(${resolved.problem.code})`]);
        continue;
      }
      const query = widgetListQuery({ fields: template.fields, list: template.content.list, widgetFilter: widget.filter, personalData: true });
      const rowPath = resolved.ok.table ? await unwoundRowPath(resolved.ok.table) : undefined;
      const pipeline = buildWidgetPipeline({ templateKey: TEMPLATE, fields: template.fields, resolved: resolved.ok, query, actor, scope: EVERY_RECORD, rowPath });
      const groups = (await coll.aggregate(pipeline).toArray()).length;
      const service = await timeEach(RUNS, () => computeWidget({ actor, template, widget, personalData: true }));
      const raw = await timeEach(RUNS, async () => void (await coll.aggregate(pipeline).toArray()));
      const shape = resolved.ok.table ? `$unwind ${resolved.ok.table}` : "[$match, $group]";
      rows.push([widget.title, shape, groups, service.n, ms(service.p50), ms(raw.p50), ms(service.p50 - raw.p50)]);
      console.error(`[bench] widget ${widget.id}: service ${ms(service.p50)} ms, raw ${ms(raw.p50)} ms`);
    }
    // Until the last widget is done (the page streams each one as it is ready).
    const statsPage = async (qs: string) => void (await settleResults((await getStatisticsPage({ actor, templateKey: TEMPLATE, searchParams: new URLSearchParams(qs) })).results));
    const whole = await timeEach(RUNS, () => statsPage(""));
    const filtered = await timeEach(RUNS, () => statsPage(STATS_FILTER));
    say(`\n### Default dashboard (统计; ${dashboard.widgets.length} widgets, ${RECORDS.toLocaleString("en-US")} records; ms)\n`);
    say(table(["widget", "pipeline", "groups", "runs", "service p50", "raw p50", "overhead p50"], rows));
    say("");
    say(
      table(
        ["the whole 统计 page (getStatisticsPage)", "runs", "p50", "p95", "max"],
        [
          ["no filter", whole.n, ms(whole.p50), ms(whole.p95), ms(whole.max)],
          [`filtered: ${decodeURIComponent(STATS_FILTER)}`, filtered.n, ms(filtered.p50), ms(filtered.p95), ms(filtered.max)],
        ],
      ),
    );
  }

  // 5. Impact analysis of a field made required, over every record.
  if (setting("IMPACT", 1) === 1 && !DASHBOARD_ONLY) {
    const target = fieldToRequire(template);
    const content = structuredClone(template.content);
    if (target) {
      const parent = content.schema.properties![target.segments[0]];
      parent.required = [...(parent.required ?? []), target.key];
    }
    global.gc?.();
    const before = process.memoryUsage().rss / 1024 / 1024;
    const sampler = rssSampler(20);
    const t = performance.now();
    const report = await computeImpact({ templateKey: TEMPLATE, content });
    const took = since(t);
    const peak = sampler.stop();
    say(`\n### Impact analysis: ${target?.path ?? "(no field)"} made required\n`);
    say(
      table(
        ["records judged", "failing", "time (s)", "records/s", "RSS before (MB)", "peak RSS (MB)"],
        [[report.total.toLocaleString("en-US"), report.failing.toLocaleString("en-US"), (took / 1000).toFixed(1), Math.round(report.total / (took / 1000)).toLocaleString("en-US"), before.toFixed(0), peak.toFixed(0)]],
      ),
    );
  }
  // Whether the app's reads at this size fit the server's heap limit (DOSSIER_HEAP_MB): the peak
  // after seeding — lists, the 工作台's reminder index, the dashboard, impact — and what stays.
  global.gc?.();
  say(`
after seeding: peak RSS ${afterSeeding.stop().toFixed(0)} MB, heap in use at the end ${(heapAfterGc() / 1048576).toFixed(0)} MB (heap limit ${heapLimitNow()} MB)`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => mongoose.disconnect());
