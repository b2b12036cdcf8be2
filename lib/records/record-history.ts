import "server-only";
import { auditChanges } from "../audit/audit-changes";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { AuditEventModel } from "../db/models/audit-event";
import { RecordModel } from "../db/models/record";
import { notFound } from "../errors";
import { msg } from "../i18n/messages";
import { schemaAt } from "../schema/fields";
import { pointerSegments } from "../schema/messages";
import { getPublishedTemplate, loadVersion } from "../templates/get-published-template";
import type { PublishedTemplate } from "../templates/types";
import type { PiiKind } from "../schema/types";
import { assertRecordId } from "./check-record-data";
import { recordsFilter } from "./records-filter";
import { maskerFor } from "./record-masking";
import { resolveScope } from "./resolve-scope";
import type { HistoryEntry } from "./types";

/** Which events: changes (everything but reveals), reveals (who saw personal data in full), or all. */
export type HistoryKind = "changes" | "reveals" | "all";

const ACTIONS: Record<HistoryKind, Record<string, unknown>> = {
  changes: { action: { $ne: "record.reveal" } },
  reveals: { action: "record.reveal" },
  all: {},
};

/**
 * One page of a record's history, newest first, and whether older events follow. Changes and
 * reveals are paged apart: opening the edit form or exporting with personal data adds a reveal
 * each time, and hundreds of those must not push the real edits out of view.
 */
export async function recordHistoryPage(params: { actor: Actor | null; templateKey: string; recordId: string; kind?: HistoryKind; page?: number; size?: number }): Promise<{ entries: HistoryEntry[]; page: number; hasMore: boolean }> {
  const { kind = "changes", size = 50 } = params;
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const entries = await recordHistory({ ...params, kind, limit: size + 1, skip: (page - 1) * size });
  return { entries: entries.slice(0, size), page, hasMore: entries.length > size };
}

/**
 * A record's history, newest first: who did what and when, field by field with old and new
 * values. Personal data in the history is masked like everywhere else.
 */
export async function recordHistory(params: { actor: Actor | null; templateKey: string; recordId: string; limit?: number; skip?: number; kind?: HistoryKind }): Promise<HistoryEntry[]> {
  const { actor, templateKey, recordId, limit = 200, skip = 0, kind = "all" } = params;
  assertCan(actor, "record.read");
  assertRecordId(recordId);
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  // The same visibility as getRecord: no history for records one may not open.
  const doc = await RecordModel.findOne({ _id: recordId, ...recordsFilter({ actor, templateKey, trash: "openable", scope: await resolveScope(actor, template) }) }, { ownerId: 1 }).lean();
  if (!doc) throw notFound(msg("records.notFound"));
  // Events of one quick burst can share a millisecond; the revision keeps them in order.
  const events = await AuditEventModel.find({ entity: "record", entityId: recordId, templateKey, ...ACTIONS[kind] })
    .sort({ at: -1, revision: -1 })
    .skip(skip)
    .limit(limit)
    .lean();
  const mask = maskerFor(actor, doc.ownerId);
  const pii = await piiByPath(template, new Set(events.flatMap((e) => auditChanges(e).map((c) => String(c.path)))));
  return events.map((e) => ({
    id: String(e._id),
    at: e.at.toISOString(),
    actorName: e.actorName,
    action: e.action,
    revision: e.revision ?? null,
    changes: auditChanges(e).map((c) => {
      const kind = pii.get(String(c.path));
      return {
        path: String(c.path),
        label: String(c.label),
        before: kind ? mask(kind, c.before) : c.before,
        after: kind ? mask(kind, c.after) : c.after,
      };
    }),
    meta: historyMeta(e.meta),
  }));
}

/**
 * Which kind of personal data each changed path holds. Events keep the paths they were written
 * with, so a key renamed by a migration (basic.idNumber → basic.certNo) is looked up in the
 * versions before it: the newest version that has the path decides. Unknown paths hold none.
 */
async function piiByPath(template: PublishedTemplate, paths: Set<string>): Promise<Map<string, PiiKind | undefined>> {
  const out = new Map<string, PiiKind | undefined>();
  const missing: string[] = [];
  for (const path of paths) {
    const node = schemaAt(template.content.schema, pointerSegments(path));
    if (node) out.set(path, node["x-pii"]);
    else missing.push(path);
  }
  for (let v = template.version - 1; v >= 1 && missing.length > 0; v--) {
    const schema = (await loadVersion(template.key, v).catch(() => null))?.content.schema;
    if (!schema) continue;
    for (let i = missing.length - 1; i >= 0; i--) {
      const node = schemaAt(schema, pointerSegments(missing[i]));
      if (node) out.set(missing.splice(i, 1)[0], node["x-pii"]);
    }
  }
  return out;
}

/** The audit meta the history may show; anything else stored there stays server-side. */
function historyMeta(meta: unknown): HistoryEntry["meta"] {
  if (!meta || typeof meta !== "object") return undefined;
  const m = meta as Record<string, unknown>;
  const out: NonNullable<HistoryEntry["meta"]> = {};
  if (typeof m.path === "string") out.path = m.path;
  if (typeof m.label === "string") out.label = m.label;
  if (typeof m.fromVersion === "number") out.fromVersion = m.fromVersion;
  if (typeof m.toVersion === "number") out.toVersion = m.toVersion;
  // A reminder closed on the 工作台 (lib/reminders/close-reminder.ts).
  for (const k of ["rule", "date", "outcome", "note"] as const) if (typeof m[k] === "string") out[k] = m[k];
  if (typeof m.reason === "string") out.reason = m.reason;
  if (typeof m.verifiedRevision === "number") out.verifiedRevision = m.verifiedRevision;
  if (m.bulk === true) out.bulk = true;
  // A transfer to another owner (lib/records/transfer-records.ts): the names as they were then.
  for (const k of ["fromOwner", "toOwner"] as const) if (typeof m[k] === "string") out[k] = m[k];
  return Object.keys(out).length ? out : undefined;
}
