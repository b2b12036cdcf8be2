import "server-only";
import { duplicateIndexes } from "../db/duplicate-inserts";
import { log } from "../log/log";
import { listFields } from "../schema/fields";
import type { FieldInfo, TemplateContent } from "../schema/types";
import { claimsOf } from "../records/write/unique-claims";
import type { Db } from "./database-summary";

const BATCH = 1000;

/** Each template's `x-unique` fields (outside tables) by version, read from the database given. */
async function uniqueFieldsByVersion(db: Db): Promise<Map<string, Map<number, FieldInfo[]>>> {
  const out = new Map<string, Map<number, FieldInfo[]>>();
  const cursor = db.collection<{ _id: string; templateKey: string; version: number; content: string }>("template_versions").find({}, { projection: { templateKey: 1, version: 1, content: 1 } });
  for await (const doc of cursor) {
    const content = JSON.parse(doc.content) as TemplateContent;
    const unique = listFields(content.schema, content.uiSchema).filter((f) => f.schema["x-unique"] && !f.inArray);
    if (!unique.length) continue;
    const versions = out.get(doc.templateKey) ?? new Map<number, FieldInfo[]>();
    out.set(doc.templateKey, versions);
    versions.set(doc.version, unique);
  }
  return out;
}

/**
 * Gives every live record the unique claims its values make where the database lacks them, and
 * returns how many it added. A backup reads its collections one after another while single edits
 * go on (only jobs pause): an edit that changes a unique value — or a delete — between the
 * backup's reading of `records` and of `unique_claims` leaves a record whose value nobody claims,
 * and another record could then take the same 保单号. Run after a restore's checksums matched.
 * A claim held by another record is left alone (counted as a conflict and logged).
 */
export async function restoreUniqueClaims(db: Db): Promise<{ added: number; conflicts: number }> {
  const claims = db.collection<{ _id: string; recordId: string; templateKey: string; at: Date }>("unique_claims");
  let added = 0;
  let conflicts = 0;
  for (const [templateKey, versions] of await uniqueFieldsByVersion(db)) {
    const projection: Record<string, 1> = { templateVersion: 1 };
    for (const fields of versions.values()) for (const f of fields) projection[`data.${f.segments.join(".")}`] = 1;
    let batch: { _id: string; recordId: string; templateKey: string; at: Date }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const wanted = batch;
      batch = [];
      let taken: number[] = [];
      try {
        await claims.insertMany(wanted, { ordered: false });
      } catch (err) {
        taken = duplicateIndexes(err);
      }
      added += wanted.length - taken.length;
      if (!taken.length) return;
      const holders = await claims.find({ _id: { $in: taken.map((i) => wanted[i]._id) } }, { projection: { recordId: 1 } }).toArray();
      const byId = new Map(holders.map((h) => [h._id, h.recordId]));
      for (const i of taken) {
        if (byId.get(wanted[i]._id) === wanted[i].recordId) continue;
        conflicts++;
        log.warn("backup", `unique value held by two records after a restore: ${wanted[i]._id} (records ${byId.get(wanted[i]._id)} and ${wanted[i].recordId})`);
      }
    };
    const records = db.collection("records").find({ templateKey, deletedAt: null }, { projection, batchSize: BATCH });
    for await (const record of records) {
      const fields = versions.get(record.templateVersion as number);
      if (!fields) continue;
      const recordId = String(record._id);
      for (const claim of claimsOf(templateKey, fields, record.data)) batch.push({ _id: claim.id, recordId, templateKey, at: new Date() });
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  }
  return { added, conflicts };
}
