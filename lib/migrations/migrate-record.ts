import "server-only";
import type { Actor } from "../auth/roles";
import { RecordModel, type RecordDoc } from "../db/models/record";
import { schemaAt } from "../schema/fields";
import { pathLabel, pointerSegments } from "../schema/messages";
import { loadVersion } from "../templates/get-published-template";
import { diffData } from "../records/diff";
import { recordTitle } from "../records/record-title";
import { maskValue } from "../schema/mask";
import { writeRecord } from "../records/write/write-record";
import type { PublishedTemplate } from "../templates/types";
import type { MigrationOp } from "../template-model/migration-op";

/** What happened to one record. */
export type RecordOutcome =
  | { kind: "migrated" }
  | { kind: "skipped" }
  | { kind: "failed"; title: string; message: string }
  | { kind: "busy" };

/**
 * Brings one record to the migration's version, through the records' write pipeline. Its own
 * step: the record's data upgraded by the published migrations (the shape-upgrade step already
 * did that), taken as it is — converted values were checked against the new version — and
 * described by a diff whose old paths keep their old labels. Idempotent: a record already at (or
 * past) the target version is left alone, so re-running a batch changes nothing twice. A
 * concurrent edit makes it "busy" (retried later), never overwritten. Values that cannot be
 * converted leave the record untouched and are reported. Only a data change moves the revision
 * and is audited ("record.migrate"); migrating is not an edit by a person, so "last updated" stays.
 */
export async function migrateRecord(params: {
  doc: RecordDoc & { _id: unknown };
  target: PublishedTemplate;
  actor: Actor;
  jobId: string;
  op: MigrationOp;
}): Promise<RecordOutcome> {
  const { doc, target, actor, jobId, op } = params;
  if (doc.templateVersion >= target.version) return { kind: "skipped" };
  const before = (doc.data ?? {}) as Record<string, unknown>;
  return writeRecord<RecordOutcome>({
    action: "record.migrate",
    permission: "record.update",
    actor,
    templateKey: doc.templateKey,
    record: { doc },
    template: target,
    async change({ stored, upgradeFailures }) {
      if (upgradeFailures.length) return null;
      const changed = JSON.stringify(stored) !== JSON.stringify(before);
      if (!changed) return { data: stored, checked: true, changes: [], bump: false, touch: false };
      return { data: stored, checked: true, changes: await migrationChanges(doc, before, stored, target), touch: false, meta: { jobId, op } };
    },
    // Values another record holds stay unclaimed here: the record keeps its data, as it did before.
    onTaken: () => null,
    async onConflict() {
      const now = await RecordModel.findById(doc._id, { templateVersion: 1 }).lean();
      return now && now.templateVersion >= target.version ? { kind: "skipped" } : { kind: "busy" };
    },
    result({ upgradeFailures }, written) {
      if (written) return { kind: "migrated" };
      // Kept in the job for whoever opens it later: personal data as everyone sees it, masked.
      const title = recordTitle({ template: target, data: before, reader: null, ownerId: doc.ownerId });
      const f = upgradeFailures[0];
      return { kind: "failed", title, message: `${f.path}：“${String(shownValue(target, f.path, f.value))}”无法转换（${f.message}）` };
    },
  });
}

/** A value that failed to convert as the job may keep it: masked when the field is personal data, or no longer known. */
function shownValue(target: PublishedTemplate, pointer: string, value: unknown): unknown {
  const node = schemaAt(target.content.schema, pointerSegments(pointer));
  if (!node) return maskValue("text", value);
  return node["x-pii"] ? maskValue(node["x-pii"], value) : value;
}

/** The record's diff; paths that exist only in its old version are labelled by that version's titles. */
async function migrationChanges(doc: RecordDoc, before: Record<string, unknown>, after: Record<string, unknown>, target: PublishedTemplate) {
  const old = (await loadVersion(doc.templateKey, doc.templateVersion).catch(() => null))?.content.schema;
  return diffData(target.content.schema, before, after).map((c) => {
    const segments = pointerSegments(c.path);
    return old && !schemaAt(target.content.schema, segments) ? { ...c, label: pathLabel(old, segments, "zh") } : c;
  });
}
