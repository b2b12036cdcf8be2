import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { AuditEventModel } from "../db/models/audit-event";
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
  }));
}
