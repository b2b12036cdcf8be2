import "server-only";
import { auditChanges } from "../audit/audit-changes";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { AuditEventModel } from "../db/models/audit-event";
import { RecordModel } from "../db/models/record";
import { fieldPathOfPointer, isCriticalPath, verificationOf } from "../schema/verification";
import { recordsFilter } from "../records/records-filter";
import { recordTitle } from "../records/record-title";
import { resolveScope } from "../records/resolve-scope";
import { getPublishedTemplate } from "../templates/get-published-template";
import { listTemplates } from "../templates/list-templates";
import type { PublishedTemplate } from "../templates/types";

/** One record waiting for the reader's 核对, as the queue lists it. */
export interface QueueItem {
  templateKey: string;
  templateName: string;
  recordId: string;
  /** The revision the reviewer sees; a verify from the queue is made on it. */
  revision: number;
  /** The record's title (masked like the list). */
  title: string;
  /** Never verified before: the whole record is to be checked, not a change. */
  isNew: boolean;
  /** Since when it waits (oldest first). */
  since: string;
  /** Who entered the change: its last editor. */
  enteredBy: { id: string; name: string };
  /** For a change: the fields changed since the verified revision (labels only), critical ones marked. */
  changedFields: { label: string; critical: boolean }[];
}

/** The queue 待我核对: records the reader may verify, oldest first. */
export interface VerificationQueue {
  items: QueueItem[];
  /** How many wait; with totalCapped, at least this many (counted no further than QUEUE_COUNT_CAP, like the lists). */
  total: number;
  totalCapped?: boolean;
  page: number;
  size: number;
  /** The templates that have waiting records, and the people who entered them, for the filters. */
  templates: { key: string; name: string }[];
  enteredBy: { id: string; name: string }[];
}

/**
 * The filter of the queue: waiting records of the given templates (each through the records'
 * base filter, so the reader's data scope applies) that the reader did not change themselves
 * since their last verification — those are for another reviewer.
 */
async function queueFilter(actor: Actor, templates: PublishedTemplate[], enteredBy?: string): Promise<Record<string, unknown>> {
  // The state inside each template's branch, so each is one indexed lookup (templateKey, deletedAt, verification).
  const branches = await Promise.all(
    templates.map(async (t) => ({ ...recordsFilter({ actor, templateKey: t.key, trash: "live", scope: await resolveScope(actor, t) }), verification: "pending" })),
  );
  const filter: Record<string, unknown> = branches.length === 1 ? branches[0] : { $or: branches };
  filter["review.touchedBy"] = { $ne: actor.id };
  if (enteredBy) filter.updatedBy = enteredBy;
  return filter;
}

/** The templates of the queue: published, active or archived (their records are still edited), with verification on. */
export async function queueTemplates(actor: Actor): Promise<PublishedTemplate[]> {
  const summaries = await listTemplates(actor, { includeArchived: true });
  const published = await Promise.all(summaries.filter((t) => t.currentVersion >= 1).map((t) => getPublishedTemplate(actor, t.key)));
  return published.filter((t) => t.content.verification?.enabled === true);
}

/**
 * The sidebar counts no further than this: it is asked on every page, and an import of a whole
 * book arrives 待核对 — the queue's "not changed by me" condition is on an array, which the
 * embedded database checks record by record, so an uncapped count read them all each time.
 */
export const QUEUE_COUNT_CAP = 1000;

/** How many records wait for the reader's 核对 (the sidebar's count, at most QUEUE_COUNT_CAP); 0 for those who may not verify. */
export async function countVerificationQueue(actor: Actor, cap = QUEUE_COUNT_CAP): Promise<number> {
  const templates = await queueTemplates(actor);
  if (templates.length === 0) return 0;
  await connectDb();
  return RecordModel.countDocuments(await queueFilter(actor, templates), { limit: cap });
}

/** One page of the queue 待我核对, across templates, oldest first; filtered by template and by who entered the change. */
export async function listVerificationQueue(params: {
  actor: Actor | null;
  templateKey?: string;
  enteredBy?: string;
  page?: number;
  size?: number;
  /** Tests lower it to see the cap without a thousand records. */
  countCap?: number;
}): Promise<VerificationQueue> {
  const { actor } = params;
  assertCan(actor, "record.verify");
  const size = Math.min(100, Math.max(1, Math.floor(params.size ?? 50)));
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const templates = await queueTemplates(actor);
  const byKey = new Map(templates.map((t) => [t.key, t]));
  const empty: VerificationQueue = { items: [], total: 0, page, size, templates: [], enteredBy: [] };
  if (templates.length === 0) return empty;
  await connectDb();
  const all = await queueFilter(actor, templates);
  const [waitingKeys, names] = await Promise.all([RecordModel.distinct("templateKey", all), RecordModel.find(all, { updatedBy: 1, updatedByName: 1 }).limit(5000).lean()]);
  const keys = params.templateKey ? (byKey.has(params.templateKey) ? [params.templateKey] : []) : templates.map((t) => t.key);
  const enteredBy = [...new Map(names.map((d) => [d.updatedBy, { id: d.updatedBy, name: d.updatedByName }])).values()].sort((a, b) => a.name.localeCompare(b.name));
  const filterTemplates = templates.filter((t) => waitingKeys.includes(t.key)).map((t) => ({ key: t.key, name: t.name }));
  if (keys.length === 0) return { ...empty, templates: filterTemplates, enteredBy };
  const filter = await queueFilter(actor, templates.filter((t) => keys.includes(t.key)), params.enteredBy || undefined);
  // Counted no further than the cap ("1,000+"): the "not changed by me" condition is checked
  // record by record on the embedded database, so an uncapped count read the whole queue each time.
  const cap = params.countCap ?? QUEUE_COUNT_CAP;
  const [counted, docs] = await Promise.all([
    RecordModel.countDocuments(filter, { limit: cap + 1 }),
    RecordModel.find(filter).sort({ "review.since": 1, _id: 1 }).skip((page - 1) * size).limit(size).lean(),
  ]);
  const changed = await changedFieldsOf(docs.filter((d) => d.review?.verifiedRevision).map((d) => ({ id: String(d._id), since: d.review!.verifiedRevision!, template: byKey.get(d.templateKey)! })));
  const items = docs.map((doc): QueueItem => {
    const template = byKey.get(doc.templateKey)!;
    return {
      templateKey: doc.templateKey,
      templateName: template.name,
      recordId: String(doc._id),
      revision: doc.revision,
      title: recordTitle({ template, data: doc.data, reader: actor, ownerId: doc.ownerId }),
      isNew: !doc.review?.verifiedRevision,
      since: (doc.review?.since ?? doc.updatedAt).toISOString(),
      enteredBy: { id: doc.updatedBy, name: doc.updatedByName },
      changedFields: changed.get(String(doc._id)) ?? [],
    };
  });
  const totalCapped = counted > cap;
  return { items, total: totalCapped ? cap : counted, totalCapped, page, size, templates: filterTemplates, enteredBy };
}

/**
 * The fields each record's data changed in since its verified revision, from the audit trail in
 * one query for the page: labels only (no values, so nothing personal), critical ones marked.
 */
async function changedFieldsOf(records: { id: string; since: number; template: PublishedTemplate }[]): Promise<Map<string, QueueItem["changedFields"]>> {
  const out = new Map<string, QueueItem["changedFields"]>();
  if (records.length === 0) return out;
  const byId = new Map(records.map((r) => [r.id, r]));
  const events = await AuditEventModel.find({ entity: "record", entityId: { $in: [...byId.keys()] } }, { entityId: 1, revision: 1, changes: 1 }).lean();
  for (const e of events) {
    const r = byId.get(e.entityId);
    if (!r || (e.revision ?? 0) <= r.since) continue;
    const critical = verificationOf(r.template.content).critical;
    const list = out.get(r.id) ?? [];
    for (const c of auditChanges(e)) {
      const label = String(c.label);
      if (!list.some((x) => x.label === label)) list.push({ label, critical: isCriticalPath(critical, fieldPathOfPointer(String(c.path))) });
    }
    out.set(r.id, list);
  }
  return out;
}

