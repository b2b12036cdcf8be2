import "server-only";
import { assertCan } from "../auth/permissions";
import { roleCan, type Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { AuditEventModel } from "../db/models/audit-event";
import { RecordModel } from "../db/models/record";
import { notFound } from "../errors";
import { schemaAt } from "../schema/fields";
import { maskValue } from "../schema/mask";
import { pointerSegments } from "../schema/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import { assertRecordId } from "./check-record-data";
import type { HistoryEntry } from "./types";

/**
 * A record's history, newest first: who did what and when, field by field with old and new
 * values. Personal data in the history is masked like everywhere else.
 */
export async function recordHistory(params: { actor: Actor | null; templateKey: string; recordId: string; limit?: number }): Promise<HistoryEntry[]> {
  const { actor, templateKey, recordId, limit = 200 } = params;
  assertCan(actor, "record.read");
  assertRecordId(recordId);
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  // The same visibility as getRecord: no history for records one may not open.
  const doc = await RecordModel.findOne({ _id: recordId, templateKey }, { deletedAt: 1 }).lean();
  if (!doc || (doc.deletedAt && !roleCan(actor.role, "record.restore"))) throw notFound("记录不存在或已被删除");
  // Events of one quick burst can share a millisecond; the revision keeps them in order.
  const events = await AuditEventModel.find({ entity: "record", entityId: recordId, templateKey }).sort({ at: -1, revision: -1 }).limit(limit).lean();
  const schema = template.content.schema;
  return events.map((e) => ({
    id: String(e._id),
    at: e.at.toISOString(),
    actorName: e.actorName,
    action: e.action,
    revision: e.revision ?? null,
    changes: (e.changes ?? []).map((c) => {
      const pii = schemaAt(schema, pointerSegments(String(c.path)))?.["x-pii"];
      return {
        path: String(c.path),
        label: String(c.label),
        before: pii ? maskValue(pii, c.before) : c.before,
        after: pii ? maskValue(pii, c.after) : c.after,
      };
    }),
    meta: historyMeta(e.meta),
  }));
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
  return Object.keys(out).length ? out : undefined;
}
