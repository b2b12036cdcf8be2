import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError, notFound } from "../errors";
import { msg } from "../i18n/messages";
import { pathLabel, pointerSegments } from "../schema/messages";
import { schemaAt } from "../schema/fields";
import { getPublishedTemplate } from "../templates/get-published-template";
import { assertRecordId } from "./check-record-data";
import { recordsFilter } from "./records-filter";
import { resolveScope } from "./resolve-scope";

/** Shows one masked personal-data value in full, and records who looked at it. */
export async function revealField(params: { actor: Actor | null; templateKey: string; recordId: string; path: string }): Promise<{ value: unknown }> {
  const { actor, templateKey, recordId, path } = params;
  assertCan(actor, "pii.reveal");
  assertRecordId(recordId);
  if (typeof path !== "string" || !/^(\/[A-Za-z0-9_]+)+$/.test(path)) throw new DomainError("BAD_REQUEST", msg("records.badFieldPath"));
  const template = await getPublishedTemplate(actor, templateKey);
  const segments = pointerSegments(path);
  const node = schemaAt(template.content.schema, segments);
  if (!node?.["x-pii"]) throw new DomainError("BAD_REQUEST", msg("records.notMasked"));
  await connectDb();
  // Like getRecord: a deleted record is still readable (and revealable) by those who may restore it.
  const doc = await RecordModel.findOne({ _id: recordId, ...recordsFilter({ actor, templateKey, trash: "openable", scope: await resolveScope(actor, template) }) }, { data: 1 }).lean();
  if (!doc) throw notFound(msg("records.notFound"));
  let value: unknown = doc.data;
  for (const s of segments) value = value && typeof value === "object" ? (value as Record<string, unknown>)[String(s)] : undefined;
  await writeAuditEvent({
    id: `reveal:${recordId}:${actor.id}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`,
    actor,
    action: "record.reveal",
    entity: "record",
    entityId: recordId,
    templateKey,
    meta: { path, label: pathLabel(template.content.schema, segments, "zh") },
  });
  return { value: value ?? null };
}
