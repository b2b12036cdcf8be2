import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { ReminderStateModel } from "../db/models/reminder-state";
import { recordsFilter, type RecordScope } from "../records/records-filter";
import { recordTitle } from "../records/record-title";
import { resolveScope } from "../records/resolve-scope";
import { factSlot, factsKey, staleFacts, tableRules } from "../schema/reminder-facts";
import type { ResolvedRule } from "../schema/reminder-rules";
import { getPublishedTemplate } from "../templates/get-published-template";
import { listTemplates } from "../templates/list-templates";
import type { PublishedTemplate } from "../templates/types";
import { listAgentNames } from "../users/list-agent-names";
import { userNames } from "../users/user-names";
import { dateRange, evaluateRule, pushableConditions, type ReminderWindow } from "./evaluate-rule";
import { officeToday } from "./office-date";
import { reminderOf } from "./reminder-item";
import { resolvedRules, rulesProjection } from "./resolved-rules";
import { reminderReach } from "./reminder-scope";
import { sortReminders, type ReminderItem, type Workbench } from "./types";


/** The scope narrowed to one owner (the agent filter): an owner outside the scope matches nothing. */
export function narrowed(scope: RecordScope, ownerId: string | null): RecordScope {
  if (!ownerId) return scope;
  return { ownerIds: !scope.ownerIds || scope.ownerIds.includes(ownerId) ? [ownerId] : [] };
}

/** The part of the query one rule narrows by: its date range (and pushable conditions), or null when the range is empty. */
function ruleFilter(resolved: ResolvedRule, window: ReminderWindow): Record<string, unknown> | null {
  const range = dateRange(resolved, window);
  if (range.gte > range.lte) return null;
  // A range on a table column matches records with any row in range (no $elemMatch on our database).
  return { ...pushableConditions(resolved), [`data.${resolved.date.path}`]: { $gte: range.gte, $lte: range.lte } };
}

/**
 * A table rule's query on the record's facts (lib/schema/reminder-facts.ts): some row that passes
 * the rule's conditions is dated in the range only if the earliest such date is not after its end
 * and the latest not before its start. Flat paths: an index answers it. Only for records whose
 * facts were computed for these rules (`facts.key`).
 */
function factsFilter(resolved: ResolvedRule, slot: string, key: string, window: ReminderWindow): Record<string, unknown> | null {
  const range = dateRange(resolved, window);
  if (range.gte > range.lte) return null;
  return { "facts.key": key, [`facts.r.${slot}.min`]: { $lte: range.lte }, [`facts.r.${slot}.max`]: { $gte: range.gte } };
}

/** One candidate query: the rules it serves and the part of the filter that narrows to them. */
interface CandidateQuery {
  rules: { resolved: ResolvedRule; filter: Record<string, unknown> | null }[];
  /** ANDed with the rules' part (the records it is for: facts of other rules, none). */
  also?: Record<string, unknown>;
}

/** How many candidate records are read from the database at a time (a count may stop after any batch). */
const BATCH = 500;

/**
 * Reminders of some rules of one template, batch by batch: candidates from one query, rows
 * evaluated here (evaluateRule decides; the query only narrows to a superset of the records that
 * remind). Read through a cursor, so a caller that has seen enough (a capped count) stops reading.
 */
async function* rulesReminders(params: { actor: Actor; template: PublishedTemplate; query: CandidateQuery; window: ReminderWindow; ownerId: string | null }): AsyncGenerator<Omit<ReminderItem, "ownerName">[]> {
  const { actor, template, window, ownerId } = params;
  const active = params.query.rules.filter((r): r is { resolved: ResolvedRule; filter: Record<string, unknown> } => r.filter !== null);
  if (active.length === 0) return;
  const filter: Record<string, unknown> = {
    ...recordsFilter({ actor, templateKey: template.key, trash: "live", scope: narrowed(await resolveScope(actor, template), ownerId) }),
    ...params.query.also,
    ...(active.length === 1 ? active[0].filter : { $or: active.map((r) => r.filter) }),
  };
  const cursor = RecordModel.find(filter, rulesProjection(active.map((r) => r.resolved), template.content.list.titleField))
    .lean<{ _id: unknown; ownerId: string; data: unknown }[]>()
    .cursor({ batchSize: BATCH });
  let out: Omit<ReminderItem, "ownerName">[] = [];
  try {
    for await (const doc of cursor as AsyncIterable<{ _id: unknown; ownerId: string; data: unknown }>) {
      const recordId = String(doc._id);
      for (const { resolved } of active)
        for (const o of evaluateRule(resolved, doc.data, window)) {
          out.push({ ...reminderOf(template, resolved, recordId, doc.ownerId, o), recordTitle: recordTitle({ template, data: doc.data, reader: actor, ownerId: doc.ownerId }) });
        }
      if (out.length >= BATCH) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  } finally {
    await cursor.close();
  }
}

/**
 * The queries that find a template's reminder candidates. A rule on a top-level date: its range,
 * one query each (an index answers it). A rule on a table's column: a range on the record's facts
 * (an index answers it too), one query each, for records whose facts are current; records whose
 * facts are missing or were computed for other rules (written before them, or before a version
 * changed the rules, until backfillReminderFacts reaches them) are asked the old way: a condition
 * through the table's rows, which the embedded database cannot answer from an index — one query
 * for all table rules, three ranges on `facts.key` that an index answers (staleFacts).
 */
export function candidateQueries(rules: ResolvedRule[], window: ReminderWindow): CandidateQuery[] {
  const queries: CandidateQuery[] = rules.filter((r) => !r.table).map((resolved) => ({ rules: [{ resolved, filter: ruleFilter(resolved, window) }] }));
  const inTables = tableRules(rules);
  if (inTables.length === 0) return queries;
  const key = factsKey(rules);
  // Records with stale facts first: one the backfill reaches between the two reads is then seen
  // again by the facts query (listed once, see listReminders), never missed by both.
  for (const stale of staleFacts(key)) queries.push({ rules: inTables.map((resolved) => ({ resolved, filter: ruleFilter(resolved, window) })), also: stale });
  inTables.forEach((resolved, i) => queries.push({ rules: [{ resolved, filter: factsFilter(resolved, factSlot(i), key, window) }] }));
  return queries;
}

/** Who asks and which reminders: the window and, for those who see several agents', one agent's. */
interface ReminderAsk {
  actor: Actor | null;
  ownerId?: string;
  now?: Date;
  horizonDays?: number;
  lookbackDays?: number;
}

/**
 * The open reminders of an ask, batch by batch, in no particular order: every published template's
 * rules, for records in the actor's data scope (recordsFilter; none for viewers, see
 * reminderReach), due from `lookbackDays` ago to `horizonDays` ahead, without those closed or
 * snoozed past today, each once (a record found by two queries — its facts written by the backfill
 * between them — is listed once).
 */
async function* openReminders(params: ReminderAsk & { actor: Actor; today: string }): AsyncGenerator<Omit<ReminderItem, "ownerName">[]> {
  const { actor, today, horizonDays = 90, lookbackDays = 365 } = params;
  const ownerId = params.ownerId || null;
  const window: ReminderWindow = { today, horizonDays, lookbackDays };
  const templates = (await listTemplates(actor, { includeArchived: true })).filter((t) => t.currentVersion >= 1);
  const seen = new Set<string>();
  for (const summary of templates) {
    const template = await getPublishedTemplate(actor, summary.key);
    for (const query of candidateQueries(resolvedRules(template), window))
      for await (const found of rulesReminders({ actor, template, query, window, ownerId })) {
        const states = await ReminderStateModel.find({ _id: { $in: found.map((f) => f.id) } }, { state: 1, snoozedUntil: 1 }).lean();
        const hidden = new Set(states.filter((s) => s.state === "done" || (s.snoozedUntil ?? "") > today).map((s) => String(s._id)));
        const open = found.filter((f) => !hidden.has(f.id) && !seen.has(f.id) && (seen.add(f.id), true));
        if (open.length) yield open;
      }
  }
}

/**
 * The 工作台's reminders, computed from the records now (see openReminders), sorted by due date,
 * with the owners' names and, for those who see several agents', whom to filter by.
 */
export async function listReminders(params: ReminderAsk): Promise<Workbench> {
  const { actor } = params;
  assertCan(actor, "record.read");
  const today = officeToday(params.now);
  const reach = await reminderReach(actor);
  const everyone = reach === "everyone";
  if (reach === "none") return { today, items: [], owners: [], everyone };
  await connectDb();
  const open: Omit<ReminderItem, "ownerName">[] = [];
  for await (const batch of openReminders({ ...params, actor, today })) open.push(...batch);
  const ownerId = params.ownerId || null;
  const names = await userNames(open.map((f) => f.ownerId));
  const items = sortReminders(open.map((f) => ({ ...f, ownerName: names.get(f.ownerId) ?? "—" })));
  // The filter offers every active agent (and whoever else owns records with reminders here), so
  // narrowing to one agent keeps the others to choose from.
  const byId = new Map((everyone ? await listAgentNames() : []).map((o) => [o.id, o]));
  for (const i of items) if (!byId.has(i.ownerId)) byId.set(i.ownerId, { id: i.ownerId, name: i.ownerName });
  const owners = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  // A reviewer scoped to their team works several agents' customers too: names and the filter show.
  return { today, items, owners, everyone: everyone || owners.length > 1 || Boolean(ownerId) };
}

/**
 * How many open reminders an ask holds, counting no further than `cap` (the sidebar's badge shows
 * "99+"): reading stops after the batch that reaches it, so a book with tens of thousands of
 * reminders costs a few batches, not every record. Exact below the cap.
 */
export async function countOpenReminders(params: ReminderAsk & { cap: number }): Promise<{ count: number; capped: boolean }> {
  const { actor } = params;
  assertCan(actor, "record.read");
  if ((await reminderReach(actor)) === "none") return { count: 0, capped: false };
  await connectDb();
  let count = 0;
  for await (const batch of openReminders({ ...params, actor, today: officeToday(params.now) })) {
    count += batch.length;
    if (count >= params.cap) return { count: params.cap, capped: true };
  }
  return { count, capped: false };
}
