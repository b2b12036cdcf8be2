import "server-only";
import { Types } from "mongoose";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import type { Locale } from "../schema/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import { checkRecordData } from "./check-record-data";
import { diffData } from "./diff";
import { toRecordView } from "./map-record";
import type { RecordView } from "./types";
import { claimUniques, releaseClaims } from "./unique-claims";

/** Creates a record in a template's current version: validated, unique values claimed, audited. */
export async function createRecord(params: { actor: Actor | null; templateKey: string; input: unknown; locale?: Locale }): Promise<RecordView> {
  const { actor, templateKey, input, locale = "zh" } = params;
  assertCan(actor, "record.create");
  const template = await getPublishedTemplate(actor, templateKey);
  if (template.archived) throw new DomainError("BAD_REQUEST", locale === "zh" ? `模板“${template.name}”已归档，不能新建记录` : `Template "${template.name}" is archived; no new records`);
  const data = checkRecordData(template, input, locale);
  await connectDb();
  const id = new Types.ObjectId();
  const { taken, conflicts } = await claimUniques({
    templateKey,
    fields: template.fields,
    schema: template.content.schema,
    recordId: String(id),
    data,
    locale,
  });
  if (conflicts.length) throw new DomainError("VALIDATION", conflicts[0].message, { fieldErrors: conflicts });
  let doc;
  try {
    doc = await RecordModel.create({
      _id: id,
      templateKey,
      templateVersion: template.version,
      data,
      ownerId: actor.id,
      createdBy: actor.id,
      createdByName: actor.name,
      updatedBy: actor.id,
      updatedByName: actor.name,
      revision: 1,
    });
  } catch (err) {
    await releaseClaims(taken, String(id));
    throw err;
  }
  await writeAuditEvent({
    id: `record:${id}:1`,
    actor,
    action: "record.create",
    entity: "record",
    entityId: String(id),
    templateKey,
    revision: 1,
    changes: diffData(template.content.schema, {}, data, locale),
  });
  return toRecordView(doc.toObject(), template.content.schema, true);
}
