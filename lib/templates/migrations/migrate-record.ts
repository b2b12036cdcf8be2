import "server-only";
import { writeAuditEvent } from "../../audit/write-audit-event";
import type { Actor } from "../../auth/roles";
import { RecordModel, UniqueClaimModel, type RecordDoc } from "../../db/models/record";
import { getByPath, schemaAt } from "../../schema/fields";
import { pathLabel, pointerSegments } from "../../schema/messages";
import { loadVersion } from "../get-published-template";
import { diffData } from "../../records/diff";
import { ensureDataWritten } from "../../records/ensure-data-written";
import { claimRevision } from "../../records/revision-claim";
import { claimsOf, claimUniques, releaseClaims } from "../../records/unique-claims";
import type { PublishedTemplate } from "../types";
import type { MigrationOp } from "./migration-op";
import { upgradeRecordData } from "./upgrade-record-data";

/** What happened to one record. */
export type RecordOutcome =
  | { kind: "migrated" }
  | { kind: "skipped" }
  | { kind: "failed"; title: string; message: string }
  | { kind: "busy" };

/**
 * Brings one record to the migration's version. Idempotent: a record already at (or past) the
 * target version is left alone, so re-running a batch changes nothing twice. The write is
 * conditioned on the revision and version that were read; a concurrent edit makes it "busy"
 * (retried later), never overwritten. Values that cannot be converted leave the record untouched
 * and are reported. Each changed record gets a "record.migrate" audit event with its diff.
 */
export async function migrateRecord(params: {
  doc: RecordDoc & { _id: unknown };
  target: PublishedTemplate;
  actor: Actor;
  jobId: string;
  op: MigrationOp;
}): Promise<RecordOutcome> {
  const { doc, target, actor, jobId, op } = params;
  const id = String(doc._id);
  if (doc.templateVersion >= target.version) return { kind: "skipped" };
  const before = (doc.data ?? {}) as Record<string, unknown>;
  const up = await upgradeRecordData({ templateKey: doc.templateKey, fromVersion: doc.templateVersion, toVersion: target.version, data: before });
  if (up.failures.length) {
    const titleField = target.content.list.titleField;
    const title = titleField ? String(getByPath(before, titleField.split(".")) ?? "") : "";
    const f = up.failures[0];
    return { kind: "failed", title, message: `${f.path}：“${String(f.value)}”无法转换（${f.message}）` };
  }
  const filter = { _id: doc._id, revision: doc.revision, templateVersion: doc.templateVersion };
  const update: Record<string, unknown> = { $set: { data: up.data, templateVersion: target.version } };
  // Only a data change bumps the revision (so an edit that started before it conflicts).
  if (up.changed) update.$inc = { revision: 1 };
  // Migrating is not an edit by a person: list order by "last updated" must not change.
  // A data change takes the revision claim like any edit, so a person saving at the same moment
  // and the migration cannot both land (FerretDB updates are read-then-write).
  const release = up.changed ? await claimRevision(id, doc.revision) : async () => {};
  if (!release) return { kind: "busy" };
  const written = await ensureDataWritten(await RecordModel.findOneAndUpdate(filter, update, { timestamps: false, returnDocument: "after" }).lean(), up.data).finally(release);
  if (!written) {
    const now = await RecordModel.findById(doc._id, { templateVersion: 1 }).lean();
    return now && now.templateVersion >= target.version ? { kind: "skipped" } : { kind: "busy" };
  }
  if (!up.changed) return { kind: "migrated" };
  const revision = doc.revision + 1;
  if (!doc.deletedAt) await moveClaims({ doc, data: up.data, target });
  await writeAuditEvent({
    id: `record:${id}:${revision}`,
    actor,
    action: "record.migrate",
    entity: "record",
    entityId: id,
    templateKey: doc.templateKey,
    revision,
    changes: await migrationChanges(doc, before, up.data, target),
    meta: { jobId, op, fromVersion: doc.templateVersion, toVersion: target.version },
  });
  return { kind: "migrated" };
}

/** The record's diff; paths that exist only in its old version are labelled by that version's titles. */
async function migrationChanges(doc: RecordDoc, before: Record<string, unknown>, after: Record<string, unknown>, target: PublishedTemplate) {
  const old = (await loadVersion(doc.templateKey, doc.templateVersion).catch(() => null))?.content.schema;
  return diffData(target.content.schema, before, after).map((c) => {
    const segments = pointerSegments(c.path);
    return old && !schemaAt(target.content.schema, segments) ? { ...c, label: pathLabel(old, segments, "zh") } : c;
  });
}

/** Unique-value claims follow a renamed key: the new path is claimed, the old one released. */
async function moveClaims(params: { doc: RecordDoc & { _id: unknown }; data: Record<string, unknown>; target: PublishedTemplate }) {
  const { doc, data, target } = params;
  const recordId = String(doc._id);
  const { taken } = await claimUniques({ templateKey: doc.templateKey, fields: target.fields, schema: target.content.schema, recordId, data, locale: "zh" });
  const kept = new Set([...taken, ...claimsOf(doc.templateKey, target.fields, data).map((c) => c.id)]);
  // Old claim ids are `<key>|<old path>|<value>`; they are found by the record, not by the schema.
  const held = await UniqueClaimModel.find({ recordId }, { _id: 1 }).lean();
  await releaseClaims(held.map((c) => String(c._id)).filter((c) => !kept.has(c)), recordId);
}
