// Bulk seeding for the list benchmark. Records are generated from the template and cleaned and
// validated exactly as createRecord would store them (prepareData + validateData), then inserted
// with insertMany — bypassing createRecord only to make 100,000 records in minutes instead of
// the better part of an hour. The unique-value claims and the "record.create" audit events that
// createRecord would write are inserted alongside, so that the database holds what the real
// write path leaves behind.
import mongoose, { Types } from "mongoose";
import type { Actor } from "../../lib/auth/roles";
import { generateRecord } from "../../lib/demo/generate-record";
import { diffData } from "../../lib/records/diff";
import { claimsOf } from "../../lib/records/unique-claims";
import { prepareData, validateData } from "../../lib/schema/validate";
import type { PublishedTemplate } from "../../lib/templates/types";

const DAY = 86_400_000;

export interface SeedResult {
  inserted: number;
  deleted: number;
  rejected: number;
  ms: number;
  generateMs: number;
}

/**
 * Inserts `count` valid records of a template in batches; every `deleteEvery`-th one is in the
 * trash. Timestamps spread over the two years before `now`, so that sorting by them means
 * something. Deterministic for a given seed.
 */
export async function seedRecords(params: {
  template: PublishedTemplate;
  actor: Actor;
  count: number;
  seed: number;
  deleteEvery: number;
  withAudit: boolean;
  batchSize?: number;
  onProgress?: (done: number) => void;
}): Promise<SeedResult> {
  const { template, actor, count, seed, deleteEvery, withAudit, batchSize = 1000 } = params;
  const db = mongoose.connection.db!;
  const records = db.collection("records");
  const claims = db.collection("unique_claims");
  const audit = db.collection("audit_events");
  const { schema, demo } = template.content;
  const today = new Date().toISOString().slice(0, 10);
  const now = Date.now();
  const started = performance.now();
  let generateMs = 0;
  let inserted = 0;
  let deleted = 0;
  let rejected = 0;
  for (let from = 0; from < count; from += batchSize) {
    const t = performance.now();
    const docs: Record<string, unknown>[] = [];
    const claimDocs: Record<string, unknown>[] = [];
    const auditDocs: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(count, from + batchSize); i++) {
      const input = generateRecord({ schema, hints: demo, seed: seed + i * 7919, sequence: i + 1, today });
      const data = prepareData(schema, input);
      if (validateData(schema, data).length) {
        rejected++;
        continue;
      }
      // ObjectIds carry their creation time, as the real ones do.
      const createdAt = new Date(now - 730 * DAY + Math.floor((i / count) * 720 * DAY));
      const updatedAt = new Date(createdAt.getTime() + ((i * 7_919_993) % (10 * DAY)));
      const _id = Types.ObjectId.createFromTime(Math.floor(createdAt.getTime() / 1000));
      const isDeleted = deleteEvery > 0 && i % deleteEvery === deleteEvery - 1;
      if (isDeleted) deleted++;
      docs.push({
        _id,
        templateKey: template.key,
        templateVersion: template.version,
        data,
        ownerId: actor.id,
        createdBy: actor.id,
        createdByName: actor.name,
        updatedBy: actor.id,
        updatedByName: actor.name,
        revision: 1,
        verification: "unverified",
        deletedAt: isDeleted ? updatedAt : null,
        deletedBy: isDeleted ? actor.id : null,
        deletedByName: isDeleted ? actor.name : null,
        createdAt,
        updatedAt,
      });
      for (const c of claimsOf(template.key, template.fields, data)) claimDocs.push({ _id: c.id, recordId: String(_id), templateKey: template.key, at: createdAt });
      if (withAudit)
        auditDocs.push({
          _id: `record:${_id}:1`,
          at: createdAt,
          actorId: actor.id,
          actorName: actor.name,
          actorRole: actor.role,
          action: "record.create",
          entity: "record",
          entityId: String(_id),
          templateKey: template.key,
          revision: 1,
          changes: diffData(schema, {}, data, "zh"),
        });
    }
    generateMs += performance.now() - t;
    if (docs.length) await records.insertMany(docs, { ordered: false });
    if (claimDocs.length) await claims.insertMany(claimDocs, { ordered: false });
    if (auditDocs.length) await audit.insertMany(auditDocs, { ordered: false });
    inserted += docs.length;
    params.onProgress?.(inserted);
  }
  return { inserted, deleted, rejected, ms: performance.now() - started, generateMs };
}
