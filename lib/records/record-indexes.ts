import "server-only";
import crypto from "node:crypto";
import { connectDb } from "../db/connect";
import { isEmbeddedDatabase } from "../db/is-embedded-database";
import { AuditEventModel } from "../db/models/audit-event";
import { RecordModel } from "../db/models/record";
import { DashboardModel } from "../db/models/dashboard";
import { TemplateModel } from "../db/models/template";
import { shippedDashboards } from "../templates/shipped";
import { factSlot, tableRules } from "../schema/reminder-facts";
import type { ResolvedRule } from "../schema/reminder-rules";
import type { FieldInfo, ListSettings } from "../schema/types";
import { verificationOf } from "../schema/verification";
import { loadVersion } from "../templates/get-published-template";
import { log } from "../log/log";
import { startReminderFactsBackfill } from "./backfill-reminder-facts";
import { startSearchTextBackfill } from "./backfill-search-text";
import { rulesOfTemplate } from "./write/reminder-facts-hook";

/** Database fields the list's meta columns sort by (build-mongo-query.ts's META_SORT). */
const META_KEYS: Record<string, string> = { "@updatedAt": "updatedAt", "@createdAt": "createdAt", "@owner": "ownerName", "@verification": "verification", "@ownerId": "ownerId" };

/**
 * How many list indexes Dossier keeps on the records collection. MongoDB allows 64 indexes per
 * collection and every template's records share one; each index also costs every write a little.
 * Past the budget, the least important keys get no index: they still filter and sort, by scanning
 * the template's records. DOSSIER_INDEX_BUDGET changes it.
 */
export function indexBudget(): number {
  const n = Number(process.env.DOSSIER_INDEX_BUDGET ?? 40);
  return Number.isInteger(n) && n >= 2 && n <= 60 ? n : 40;
}

/** Names of the indexes from before this file, replaced by `dx_…` ones that end in `_id`. */
const LEGACY = ["templateKey_1_deletedAt_1_updatedAt_-1", "templateKey_1_deletedAt_1_createdAt_-1"];

/**
 * The index of one list key: `{ templateKey, deletedAt, <key>, updatedAt, _id }`. The newest-change
 * order after the key serves the most common question — a filter on the key, shown in the default
 * order — from the index alone; `_id` makes every order total (the list's tiebreak).
 */
export function indexSpec(key: string): Record<string, 1> {
  return key === "updatedAt" || key === "createdAt" ? { templateKey: 1, deletedAt: 1, [key]: 1, _id: 1 } : { templateKey: 1, deletedAt: 1, [key]: 1, updatedAt: 1, _id: 1 };
}

/** The index name of one list key: stable, short, recognisably ours, and new when its shape changes. */
export const indexName = (key: string) => `dx_${crypto.createHash("sha1").update(JSON.stringify(indexSpec(key))).digest("hex").slice(0, 12)}`;

/**
 * The index of the records' search text (lib/records/search-text.ts): a template's stale texts are
 * a range on its first two keys (searchTextState, the backfill), and a search reads the three
 * texts from it instead of the records (on the embedded database, scripts/ferretdb/dossier_search.go;
 * on MongoDB a scan of the index's keys). One for every template; not counted in the budget.
 */
export const SEARCH_INDEX: Record<string, 1> = { templateKey: 1, "search.k": 1, "search.t": 1, "search.n": 1, "search.p": 1 };
const searchIndexName = `dx_search_${crypto.createHash("sha1").update(JSON.stringify(SEARCH_INDEX)).digest("hex").slice(0, 8)}`;

/**
 * The keys a template's list views sort or filter by, most important first: the default sort, the
 * newest-change and creation orders, the verification state (when the template uses it), the
 * owner (every read of an agent scoped to their own records filters by it; the list's `owner=`
 * and a statistics table per owner group by it), the list's columns, the filterable fields, then
 * the fields its statistics dashboard groups by (`grouped`: a count per month or per value is
 * read from the index alone, never from the records). Only fields with one value per record (not
 * inside a table, not a multiple choice) — an index on an array is no use to a page query.
 */
export function listIndexKeys(fields: FieldInfo[], list: ListSettings, options: { verification?: boolean; grouped?: string[] } = {}): string[] {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const keyOf = (column: string): string | null => {
    if (META_KEYS[column]) return META_KEYS[column];
    const f = byPath.get(column);
    return f && !f.removed && !f.inArray && f.kind !== "multiselect" && f.schema.type !== "object" && f.schema.type !== "array" ? `data.${f.path}` : null;
  };
  // A template that uses verification is asked "which records wait?" on every page (the queue's count).
  const keys = [list.defaultSort?.field, "@updatedAt", "@createdAt", ...(options.verification ? ["@verification"] : [])]
    .filter((c): c is string => typeof c === "string")
    .map(keyOf);
  const later = [...list.columns, ...fields.filter((f) => f.filterable).map((f) => f.path), ...(options.grouped ?? [])].map(keyOf);
  return [...new Set([...keys, "ownerId", ...later].filter((k): k is string => k !== null))];
}

/** A dashboard widget as stored: only what the indexes need, read as data (checked where computed). */
type StoredWidget = { kind?: unknown; field?: unknown; sum?: unknown; filter?: unknown };

/**
 * A template's statistics dashboard: the saved one's widgets, else the one shipped for it or for
 * the template it was cloned from (as lib/statistics shows them).
 */
async function dashboardWidgets(templateKey: string, origin?: string): Promise<StoredWidget[]> {
  const saved = await DashboardModel.findById(templateKey, { widgets: 1 }).lean();
  return ((saved?.widgets ?? shippedDashboards.find((d) => d.templateKey === templateKey || d.templateKey === origin)?.widgets ?? []) as StoredWidget[]).filter((w) => w && typeof w === "object");
}

/**
 * The fields a template's statistics dashboard groups records by. A path that is not a field of
 * the template is left out by listIndexKeys.
 */
export function dashboardGroupFields(widgets: StoredWidget[]): string[] {
  return widgets.flatMap((w) => (typeof w.field === "string" && w.kind !== "number" && !w.field.startsWith("@") ? [w.field] : []));
}

/** A sum index: its name (dx_sum_… or dx_rows_…, which the embedded database reads) and keys. */
export interface SumIndex {
  name: string;
  spec: Record<string, 1>;
}

/** At most this many sum indexes per template: each costs every write of its records a little. */
export const MAX_SUM_INDEXES = 8;

/**
 * The sum indexes of a template's dashboard on the embedded database. A dashboard's sum (a number
 * card's, a top list's, a chart's by month) otherwise parses every record's whole JSON (~45 µs a
 * record: 4–9 s at 100,000); with these SQLite reads what it needs from an index alone
 * (scripts/ferretdb/dossier_index.go: the index also holds the summed value's stored type, and for
 * a table its rows' item types). Per widget with a sum:
 * - a field of the record: `{ templateKey, deletedAt, <the widget's own filter fields>, <the
 *   template's other filterable fields>, ownerId, <its grouping field>, <the summed field> }` — a
 *   filter on any other field still gets the right answer, from the records;
 * - a table's column: `{ templateKey, deletedAt, ownerId, data.<table> }` (the rows, whose own
 *   conditions SQLite tests on the index's copy).
 * Not made on MongoDB (its engine reads documents once, and a table makes a multikey index).
 */
export function sumIndexes(widgets: readonly unknown[], fields: FieldInfo[]): SumIndex[] {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const single = (path: unknown): string | null => {
    const f = typeof path === "string" ? byPath.get(path) : undefined;
    return f && !f.removed && !f.inArray && f.kind !== "multiselect" && f.schema.type !== "object" && f.schema.type !== "array" ? `data.${f.path}` : null;
  };
  const out = new Map<string, SumIndex>();
  for (const w of widgets.filter((w): w is StoredWidget => typeof w === "object" && w !== null)) {
    const sum = typeof w.sum === "string" ? byPath.get(w.sum) : undefined;
    if (!sum || sum.removed) continue;
    let keys: string[];
    let prefix: string;
    if (sum.inArray) {
      keys = ["templateKey", "deletedAt", "ownerId", `data.${sum.segments.slice(0, -1).join(".")}`];
      prefix = "dx_rows_";
    } else {
      const summed = single(sum.path);
      if (!summed) continue;
      // The widget's own filter: `f.<path>.<op>=…` (lib/statistics/widget-query.ts).
      const filtered = [...new URLSearchParams(typeof w.filter === "string" ? w.filter : "").keys()].map((k) => single(k.replace(/^f\./, "").replace(/\.[a-z]+$/i, "")));
      const grouped = w.kind === "number" ? null : single(w.field);
      // The filter's fields right after the first two: SQLite picks the index that serves the most
      // equalities, and a list index (templateKey, deletedAt, <field>, …) would otherwise win and
      // read the records.
      // Then the template's other filterable fields: a filter the 统计 page adds (保险类型 = 人寿险)
      // is then tested on the index's copy too, not on each record.
      const own = filtered.filter((k): k is string => k !== null && k !== summed).sort();
      const others = fields.filter((f) => f.filterable).map((f) => single(f.path)).filter((k): k is string => k !== null && !own.includes(k) && k !== summed).sort();
      keys = [...new Set(["templateKey", "deletedAt", ...own, ...others, "ownerId", ...(grouped && grouped !== summed ? [grouped] : []), summed])];
      prefix = "dx_sum_";
    }
    const spec = Object.fromEntries(keys.map((k) => [k, 1 as const]));
    const name = `${prefix}${crypto.createHash("sha1").update(JSON.stringify(spec)).digest("hex").slice(0, 12)}`;
    if (out.size < MAX_SUM_INDEXES || out.has(name)) out.set(name, { name, spec });
  }
  return [...out.values()];
}

/**
 * The keys the 工作台's queries on reminder facts use (list-reminders.ts): the earliest date of
 * each table rule's rows (the range's end), and the facts' key (records with other facts are
 * found by ranges on it). None for a template without table rules.
 */
export function reminderIndexKeys(rules: ResolvedRule[]): string[] {
  const n = tableRules(rules).length;
  return n === 0 ? [] : [...Array.from({ length: n }, (_, i) => `facts.r.${factSlot(i)}.min`), "facts.key"];
}

/**
 * Makes the records collection's list indexes match the published templates: one index
 * (indexSpec) per key any template's list needs (shared by templates
 * with the same field path), within indexBudget(), and drops Dossier's indexes nothing needs any
 * more. Run at start-up and after every publish; idempotent, and safe beside another server doing
 * the same. On the embedded database the indexes are spelled as its queries are
 * (scripts/ferretdb/dossier_index.go); on MongoDB they are ordinary compound indexes.
 */
export async function ensureRecordIndexes(): Promise<{ created: string[]; dropped: string[]; unindexed: string[] }> {
  await connectDb();
  const templates = await TemplateModel.find({ currentVersion: { $gte: 1 } }, { currentVersion: 1, origin: 1 }).lean<{ _id: unknown; currentVersion: number; origin?: { templateKey?: string } }[]>();
  // Keys ranked by how many templates rank them how high: every template's first keys come first.
  const ranked: string[][] = [];
  const embedded = await isEmbeddedDatabase();
  const sums = new Map<string, SumIndex>();
  for (const t of templates) {
    const version = await loadVersion(String(t._id), t.currentVersion);
    const widgets = await dashboardWidgets(String(t._id), t.origin?.templateKey);
    if (embedded) for (const index of sumIndexes(widgets, version.fields)) sums.set(index.name, index);
    const list = listIndexKeys(version.fields, version.content.list, { verification: verificationOf(version.content).enabled, grouped: dashboardGroupFields(widgets) });
    // The 工作台 asks every table rule on every visit: its facts rank right after the list's default orders.
    [...list.slice(0, 3), ...reminderIndexKeys(rulesOfTemplate(version)), ...list.slice(3)].forEach((key, i) => (ranked[i] ??= []).push(key));
  }
  const wanted = [...new Set(ranked.flat())];
  const budget = indexBudget();
  const kept = wanted.slice(0, budget);
  const collection = RecordModel.collection;
  const existing = await collection.indexes().catch(() => [] as { name?: string }[]);
  const names = new Set(existing.map((i) => i.name ?? ""));
  // Drop first: an index whose name changed with its shape has the same keys as its successor,
  // and a database refuses a second index on the same keys.
  const keep = new Set([...kept.map(indexName), searchIndexName, ...sums.keys()]);
  const dropped: string[] = [];
  for (const name of names) {
    if ((name.startsWith("dx_") && !keep.has(name)) || LEGACY.includes(name)) {
      await collection.dropIndex(name).catch(() => undefined);
      dropped.push(name);
    }
  }
  const created: string[] = [];
  if (!names.has(searchIndexName)) {
    await collection.createIndex(SEARCH_INDEX, { name: searchIndexName }).catch((err: unknown) => {
      if ((err as { code?: number }).code !== 85) throw err;
    });
    created.push("search");
  }
  const wantedIndexes = [...kept.map((key) => ({ key, name: indexName(key), spec: indexSpec(key) })), ...[...sums.values()].map((s) => ({ key: s.name, ...s }))];
  for (const { key, name, spec } of wantedIndexes) {
    if (names.has(name)) continue;
    try {
      await collection.createIndex(spec, { name });
      created.push(key);
    } catch (err) {
      // The same keys under a name not ours (made by hand): it serves as well.
      if ((err as { code?: number }).code !== 85) throw err;
    }
  }
  return { created, dropped, unindexed: wanted.slice(budget) };
}

/**
 * ensureRecordIndexes after a publish: the new version's list may sort or filter by other fields,
 * and its reminder rules may need other facts.
 * The publish has happened either way; a failure here only costs speed until the next start.
 */
export async function refreshRecordIndexes(templateKey: string): Promise<void> {
  try {
    await ensureRecordIndexes();
  } catch (err) {
    log.error("records", `list indexes of ${templateKey} not updated after publishing: ${(err as Error).message}`);
  }
  // A version that changes the table rules leaves every record's reminder facts stale: they are
  // recomputed in the background (the 工作台 asks stale records the old way meanwhile).
  void startReminderFactsBackfill();
  // Likewise a version that changes the searchable fields, for the search text.
  void startSearchTextBackfill();
}

/**
 * Runs one first-page query of each published template and one history query, so that the
 * embedded database reads what kinds of values the paths they use hold (one scan of the records
 * and one of the audit events, seconds at 100,000 records) at start-up rather than on the first
 * person's first click. Harmless on MongoDB.
 */
export async function warmListQueries(): Promise<void> {
  await connectDb();
  const templates = await TemplateModel.find({ currentVersion: { $gte: 1 } }, { currentVersion: 1 }).lean();
  let slots = 0;
  for (const t of templates) {
    await RecordModel.find({ templateKey: String(t._id), deletedAt: null }, { _id: 1 }).sort({ updatedAt: -1, _id: -1 }).limit(1).lean();
    slots = Math.max(slots, tableRules(rulesOfTemplate(await loadVersion(String(t._id), t.currentVersion))).length);
  }
  // The 工作台's paths (list-reminders.ts): the facts of every table rule's slot and their key.
  if (slots > 0) {
    const facts: Record<string, unknown> = { "facts.key": "" };
    for (let i = 0; i < slots; i++) Object.assign(facts, { [`facts.r.${factSlot(i)}.min`]: { $lte: "" }, [`facts.r.${factSlot(i)}.max`]: { $gte: "" } });
    await RecordModel.find({ templateKey: "", deletedAt: null, ...facts }, { _id: 1 }).limit(1).lean();
  }
  // The search (search-text-state.ts, build-mongo-query.ts): the search text's paths, and (three
  // characters) the embedded database's trigram index of them, built on the first such search.
  const re = { $regex: "warm-up" };
  await RecordModel.find({ templateKey: "", deletedAt: null, "search.k": "", $or: [{ "search.t": re }, { "search.n": re }, { "search.p": re }] }, { _id: 1 }).limit(1).lean();
  // The detail page's history (record-history.ts) asks the audit events in this shape.
  await AuditEventModel.find({ entity: "record", entityId: "", templateKey: "", action: { $nin: [""] } }, { _id: 1 })
    .sort({ at: -1, revision: -1 })
    .limit(1)
    .lean();
}
