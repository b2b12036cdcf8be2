import "server-only";
import { duplicateIndexes, isDuplicateKey } from "../../db/duplicate-inserts";
import { RecordModel, UniqueClaimModel } from "../../db/models/record";
import type { FieldError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import { translate } from "../../i18n/messages";
import { getByPath } from "../../schema/fields";
import { pathLabel } from "../../schema/messages";
import type { FieldInfo, JsonSchema } from "../../schema/types";
import { CLAIM_LEASE_MS } from "./revision-claim";

/** A record's hold on one value of an `x-unique` field; the id is the claim document's `_id`. */
export interface Claim {
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

const claimDoc = (claim: Claim, recordId: string, templateKey: string) => ({ _id: claim.id, recordId, templateKey, at: new Date() });

/**
 * Settles a claim whose insert found the value taken: it is this record's own (a retried write),
 * or left behind by a crashed write and taken over, or really another record's (false).
 */
async function settleTaken(claim: Claim, recordId: string, templateKey: string): Promise<boolean> {
  const existing = await UniqueClaimModel.findById(claim.id).lean();
  if (existing?.recordId === recordId) return true;
  if (existing && !(await isStale(claim, existing))) return false;
  // Take over by delete and insert: an insert is atomic on FerretDB too, a filtered update is not.
  if (existing) await UniqueClaimModel.deleteOne({ _id: claim.id, recordId: existing.recordId });
  try {
    await UniqueClaimModel.create(claimDoc(claim, recordId, templateKey));
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return false;
  }
}

/** The field error for a value another record holds, labelled by where the field is. */
export function takenError(claim: Claim, schema: JsonSchema, locale: Locale): FieldError {
  return {
    path: `/${claim.field.segments.join("/")}`,
    label: pathLabel(schema, claim.field.segments, locale),
    message: translate(locale, "validation.unique", { title: claim.field.title, value: claim.value }),
    keyword: "x-unique",
  };
}

/**
 * Claims unique values for a record. Returns the claims newly taken (to release if the write
 * fails) and an error per value another live record already holds or is just storing. Claims
 * left behind by a crashed write are taken over once they are older than the lease. When any
 * value is taken, the others are released again and nothing is returned as taken.
 */
export async function claimUniques(params: {
  templateKey: string;
  claims: Claim[];
  schema: JsonSchema;
  recordId: string;
  locale: Locale;
}): Promise<{ taken: string[]; conflicts: FieldError[] }> {
  const { templateKey, recordId } = params;
  const taken: string[] = [];
  const conflicts: FieldError[] = [];
  for (const claim of params.claims) {
    try {
      await UniqueClaimModel.create(claimDoc(claim, recordId, templateKey));
      taken.push(claim.id);
      continue;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    if (await settleTaken(claim, recordId, templateKey)) taken.push(claim.id);
    else conflicts.push(takenError(claim, params.schema, params.locale));
  }
  if (conflicts.length) await releaseClaims(taken, recordId);
  return { taken: conflicts.length ? [] : taken, conflicts };
}

/**
 * Claims the unique values of many new records at once (batch creates): one insert for all of
 * them, and the one-by-one settling above only for values found taken. Values repeated within
 * the batch go to the first record that has them. Returns each refused record's field errors; a
 * refused record keeps none of its claims.
 */
export async function claimUniquesInBulk(params: {
  templateKey: string;
  records: { recordId: string; claims: Claim[] }[];
  schema: JsonSchema;
  locale: Locale;
}): Promise<Map<string, FieldError[]>> {
  const { templateKey, schema, locale } = params;
  const refused = new Map<string, FieldError[]>();
  const refuse = (recordId: string, claim: Claim) => refused.set(recordId, [...(refused.get(recordId) ?? []), takenError(claim, schema, locale)]);
  const firstHolder = new Map<string, string>();
  const wanted: { recordId: string; claim: Claim }[] = [];
  for (const { recordId, claims } of params.records)
    for (const claim of claims) {
      const holder = firstHolder.get(claim.id);
      if (holder === undefined) {
        firstHolder.set(claim.id, recordId);
        wanted.push({ recordId, claim });
      } else if (holder !== recordId) refuse(recordId, claim);
    }
  const settle: typeof wanted = [];
  if (wanted.length) {
    try {
      await UniqueClaimModel.collection.insertMany(wanted.map((w) => claimDoc(w.claim, w.recordId, templateKey)) as never[], { ordered: false });
    } catch (err) {
      for (const i of duplicateIndexes(err)) settle.push(wanted[i]);
    }
  }
  for (const { recordId, claim } of settle) if (!(await settleTaken(claim, recordId, templateKey))) refuse(recordId, claim);
  // A refused record is not stored: the values it did get go back (only where it holds them).
  for (const recordId of refused.keys()) {
    const ids = wanted.filter((w) => w.recordId === recordId).map((w) => w.claim.id);
    await releaseClaims(ids, recordId);
  }
  return refused;
}

/** Releases claims held by a record. */
export function releaseClaims(ids: string[], recordId: string): Promise<void> {
  return releaseClaimsOf([{ recordId, ids }]);
}

/**
 * Releases the claims of records written together (writeRecords), in one delete: a claim goes
 * only where one of these records holds it. A value one of them leaves and another holds is
 * never both (unique values: only one live record holds one), so the one delete releases what
 * each record's own would.
 */
export async function releaseClaimsOf(held: { recordId: string; ids: string[] }[]): Promise<void> {
  const ids = held.flatMap((h) => h.ids);
  if (ids.length === 0) return;
  const recordIds = held.filter((h) => h.ids.length).map((h) => h.recordId);
  await UniqueClaimModel.deleteMany({ _id: { $in: ids }, recordId: recordIds.length === 1 ? recordIds[0] : { $in: recordIds } });
}

/**
 * Of given values of a unique field, those claimed by a young claim (within the lease) for a record
 * not stored yet: a create between its claims and its insert. Its record may appear in a moment;
 * an older claim is left behind by a crashed write (and taken over by the next claim).
 */
export async function claimedForUnstored(templateKey: string, field: FieldInfo, values: string[]): Promise<string[]> {
  if (!values.length) return [];
  const prefix = `${templateKey}|${field.path}|`;
  const since = new Date(Date.now() - CLAIM_LEASE_MS);
  const claims = await UniqueClaimModel.find({ _id: { $in: values.map((v) => prefix + v) }, at: { $gt: since } }, { recordId: 1 }).lean();
  if (!claims.length) return [];
  const stored = new Set((await RecordModel.find({ _id: { $in: claims.map((c) => c.recordId) } }, { _id: 1 }).lean()).map((d) => String(d._id)));
  return claims.filter((c) => !stored.has(c.recordId)).map((c) => String(c._id).slice(prefix.length));
}

/** How many ids one lookup asks for (an `$in` on `_id`, which the embedded database answers from its index). */
const LOOKUP = 500;

/**
 * The live records that hold given values of an `x-unique` field, found through their claims:
 * the claims by `_id` (`$in`, LOOKUP at a time), then each claimed record by its `_id` with the
 * filter (a point query: with an `$in` beside the filter SQLite would walk the template's list
 * index instead) — all answered from indexes, where a query on the field itself would read every
 * record of the template. A claim whose record
 * no longer holds the value (left behind by a crashed write, or the record moved to the trash)
 * finds nothing. `filter` is the reader's base read filter (recordsFilter), so data scopes apply.
 * Returns the records (with `projection`) by the value as text.
 */
export async function recordsHolding<T extends { _id: unknown }>(params: {
  templateKey: string;
  field: FieldInfo;
  values: (string | number)[];
  filter: Record<string, unknown>;
  projection: Record<string, 1>;
}): Promise<Map<string, T>> {
  const { templateKey, field, filter } = params;
  // The held value is compared below: read it even when the caller asks for no data (`{ _id: 1 }`
  // found nothing, so an import's check called a key held outside the importer's scope free).
  const projection = Object.keys(params.projection).some((p) => p === "data" || p.startsWith("data.")) ? params.projection : { ...params.projection, [`data.${field.segments.join(".")}`]: 1 as const };
  const values = [...new Set(params.values.map(String))];
  const out = new Map<string, T>();
  const prefix = `${templateKey}|${field.path}|`;
  for (let i = 0; i < values.length; i += LOOKUP) {
    const claims = await UniqueClaimModel.find({ _id: { $in: values.slice(i, i + LOOKUP).map((v) => prefix + v) } }, { recordId: 1 }).lean();
    await Promise.all(
      claims.map(async (claim) => {
        const value = String(claim._id).slice(prefix.length);
        const doc = await RecordModel.findOne({ _id: claim.recordId, ...filter }, projection).lean();
        const held = doc ? getByPath((doc as { data?: unknown }).data, field.segments) : undefined;
        if (doc && held !== undefined && held !== null && String(held) === value) out.set(value, doc as unknown as T);
      }),
    );
  }
  return out;
}
