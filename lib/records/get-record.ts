import "server-only";
import { randomUUID } from "node:crypto";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { notFound } from "../errors";
import { msg } from "../i18n/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import { currentShape } from "../templates/upgrade-record-data";
import { maskRecordData } from "./record-masking";
import { assertRecordId } from "./check-record-data";
import { toRecordView } from "./map-record";
import { recordsFilter } from "./records-filter";
import { resolveScope } from "./resolve-scope";
import type { RecordView } from "./types";

/**
 * One record. Personal data is masked unless `forEdit` is asked by someone who may edit (the
 * form needs real values) or `forPrint` by someone who may reveal (the customer file printed in
 * full); either is audited as one reveal of all of it, like the detail page's 查看 of one value.
 * Deleted records are visible only to those who may restore them.
 */
export async function getRecord(params: { actor: Actor | null; templateKey: string; recordId: string; forEdit?: boolean; forPrint?: boolean }): Promise<RecordView> {
  const { actor, templateKey, recordId, forEdit = false, forPrint = false } = params;
  assertCan(actor, forEdit ? "record.update" : "record.read");
  if (forPrint) assertCan(actor, "pii.reveal");
  const reveals = forEdit || forPrint;
  assertRecordId(recordId);
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const doc = await RecordModel.findOne({ _id: recordId, ...recordsFilter({ actor, templateKey, trash: "openable", scope: await resolveScope(actor, template) }) }).lean();
  if (!doc) throw notFound(msg("records.notFound"));
  if (forEdit && doc.deletedAt) throw notFound(msg("records.deletedNoEdit"));
  // A record a running key/type migration has not reached yet is shown as it will be.
  const data = await currentShape(doc, template.version);
  const view = toRecordView({ ...doc, data }, template.content.schema, reveals, actor);
  // The edit form and a full print show every personal value: as much a reveal as the detail page's 查看.
  if (reveals && JSON.stringify(maskRecordData(template.content.schema, data, actor, doc.ownerId)) !== JSON.stringify(data))
    await writeAuditEvent({
      id: `reveal:${recordId}:${actor.id}:${Date.now()}:${randomUUID()}`,
      actor,
      action: "record.reveal",
      entity: "record",
      entityId: recordId,
      templateKey,
      // The stored label is for readers of the raw audit log; the history shows its own, per language.
      meta: forPrint ? { path: "*print", label: "打印（含完整个人信息）" } : { path: "*", label: "编辑表单中的全部个人信息" },
    });
  return view;
}
