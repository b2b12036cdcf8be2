import "server-only";
import { RecordModel, UniqueClaimModel } from "../db/models/record";
import { pathLabel, type FieldError, type Locale } from "../schema/messages";
import { getByPath } from "../schema/fields";
import type { FieldInfo, JsonSchema } from "../schema/types";
import { CLAIM_LEASE_MS } from "./revision-claim";

interface Claim {
  id: string;
  field: FieldInfo;
  value: string | number;
}

/** The claims a record's data makes on `x-unique` fields (fields outside tables only). */
export function claimsOf(templateKey: string, fields: FieldInfo[], data: unknown): Claim[] {
  const out: Claim[] = [];
  for (const field of fields) {
    if (!field.schema["x-unique"] || field.inArray) continue;
    const value = getByPath(data, field.segments);
    if (typeof value !== "string" && typeof value !== "number") continue;
    out.push({ id: `${templateKey}|${field.path}|${String(value)}`, field, value });
  }
  return out;
}

/**
 * True when a claim was left behind: its record no longer exists or no longer has the value.
 * A young claim is never stale: its writer may still be storing the record (a create claims
 * before it inserts, an edit before it saves).
 */
async function isStale(claim: Claim, holder: { recordId: string; at?: Date | null }): Promise<boolean> {
  if (holder.at && Date.now() - holder.at.getTime() < CLAIM_LEASE_MS) return false;
  if (!/^[a-f0-9]{24}$/.test(holder.recordId)) return true;
  const alive = await RecordModel.exists({ _id: holder.recordId, deletedAt: null, [`data.${claim.field.path}`]: claim.value });
  return !alive;
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Claims unique values for a record. Returns the claims newly taken (to release if the write
 * fails) and an error per value another live record already holds or is just storing. Claims
 * left behind by a crashed write are taken over once they are older than the lease.
 */
export async function claimUniques(params: {
  templateKey: string;
  fields: FieldInfo[];
  schema: JsonSchema;
  recordId: string;
  data: unknown;
  locale: Locale;
}): Promise<{ taken: string[]; conflicts: FieldError[] }> {
  const taken: string[] = [];
  const conflicts: FieldError[] = [];
  for (const claim of claimsOf(params.templateKey, params.fields, params.data)) {
    const doc = { _id: claim.id, recordId: params.recordId, templateKey: params.templateKey, at: new Date() };
    try {
      await UniqueClaimModel.create(doc);
      taken.push(claim.id);
      continue;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
    const existing = await UniqueClaimModel.findById(claim.id).lean();
    if (existing?.recordId === params.recordId) continue;
    if (!existing || (await isStale(claim, existing))) {
      // Take over by delete and insert: an insert is atomic on FerretDB too, a filtered update is not.
      if (existing) await UniqueClaimModel.deleteOne({ _id: claim.id, recordId: existing.recordId });
      try {
        await UniqueClaimModel.create({ ...doc, at: new Date() });
        taken.push(claim.id);
        continue;
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
    }
    const title = claim.field.title;
    conflicts.push({
      path: `/${claim.field.segments.join("/")}`,
      label: pathLabel(params.schema, claim.field.segments, params.locale),
      message: params.locale === "zh" ? `${title}“${claim.value}”已被另一条记录使用` : `${title} "${claim.value}" is already used by another record`,
      keyword: "x-unique",
    });
  }
  if (conflicts.length) await releaseClaims(taken, params.recordId);
  return { taken: conflicts.length ? [] : taken, conflicts };
}

/** Releases claims held by a record. */
export async function releaseClaims(ids: string[], recordId: string): Promise<void> {
  if (ids.length === 0) return;
  await UniqueClaimModel.deleteMany({ _id: { $in: ids }, recordId });
}
