import "server-only";
import { RecordModel } from "../../db/models/record";
import { loadVersion } from "../../templates/get-published-template";
import { upgradeRecordData } from "../../templates/upgrade-record-data";
import type { PublishedTemplate } from "../../templates/types";
import { checkRecordData } from "../check-record-data";
import { diffStored } from "../diff";
import { ensureDataWritten } from "./ensure-data-written";
import { newRecordDoc } from "./new-record";
import type { DiffedContext, RecordChange, RecordFields, RecordOperation, StoredRecord, WriteContext } from "./record-operation";
import { eventDoc, type StoredEvent } from "./record-events";
import { recordsChanged, writtenRecord } from "./records-changed";
import { claimsOf, type Claim } from "./unique-claims";
import { RECORD_WRITE_HOOKS } from "./write-hooks";

/**
 * The steps of the write pipeline that a single write (writeRecord) and a batch of writes to
 * stored records (writeRecords) both run, each written once here: the loaded record's context and
 * guard, the stored data in the current shape, the operation's own step with validation, diff and
 * hooks, the unique values held before and after, the conditional write and the audit event.
 */

/** The context of one write once its record is loaded (null: a new record), the operation's guard passed. */
export function writeContext(op: RecordOperation<unknown>, template: PublishedTemplate, existing: StoredRecord | null, recordId: string): WriteContext {
  const ctx: WriteContext = { action: op.action, actor: op.actor!, template, locale: op.locale ?? "zh", recordId, existing, stored: {}, upgradeFailures: [] };
  op.guard?.(ctx);
  return ctx;
}

/** The revision the write starts from: the caller's, else the stored one (0 for a new record). */
export const expectedRevision = (op: RecordOperation<unknown>, existing: StoredRecord | null) => op.expectedRevision ?? existing?.revision ?? 0;

/** Reads the stored data into the context, in the shape of the version written to (keys renamed by a migration since). */
export async function readStored(ctx: WriteContext): Promise<void> {
  const { existing, template } = ctx;
  if (!existing) return;
  const upgraded = await upgradeToVersion(existing, template.version);
  ctx.stored = upgraded.data;
  ctx.upgradeFailures = upgraded.failures;
}

/** The stored data as version `version` expects it (migrations published since applied). */
async function upgradeToVersion(doc: StoredRecord, version: number) {
  const data = (doc.data ?? {}) as Record<string, unknown>;
  if (doc.templateVersion >= version) return { data, failures: [] };
  return upgradeRecordData({ templateKey: doc.templateKey, fromVersion: doc.templateVersion, toVersion: version, data });
}

/** What a write is to do after the operation's own step: nothing (the answer from `unchanged`), or write `diffed` with `set`. */
export type ChangeStep = { diffed: null; unchanged: StoredRecord | null } | { diffed: DiffedContext; data: Record<string, unknown> | null; set: RecordFields; bump: boolean };

/** The operation's own step, then validation with the template's schema, the diff and the hooks of every write. */
export async function changeStep(op: RecordOperation<unknown>, ctx: WriteContext): Promise<ChangeStep> {
  const { existing, template, locale } = ctx;
  const change = await op.change(ctx);
  if (!change) return { diffed: null, unchanged: null };
  const next = change.data === undefined ? null : change.checked ? (change.data as Record<string, unknown>) : checkRecordData(template, change.data, locale);
  const changes = change.changes ?? (next ? diffStored(template.content.schema, ctx.stored, next, locale) : []);
  // An edit that changes nothing, on a record already in this version, writes nothing.
  if (existing && next && changes.length === 0 && existing.templateVersion === template.version && change.trashed === undefined) return { diffed: null, unchanged: existing };
  const diffed: DiffedContext = { ...ctx, change, next: next ?? ctx.stored, changes };
  const set: RecordFields = { ...change.set };
  for (const hook of [...RECORD_WRITE_HOOKS, ...(op.hooks ?? [])]) Object.assign(set, hook.beforeWrite(diffed));
  return { diffed, data: next, set, bump: change.bump ?? true };
}

/** The fields of the version a record was stored with: its unique values were claimed by them. */
async function fieldsOf(template: PublishedTemplate, version: number) {
  if (version === template.version) return template.fields;
  return (await loadVersion(template.key, version).catch(() => template)).fields;
}

/**
 * The unique values the record holds before the write and will hold after it. Only a live
 * record holds any; a record whose data is not rewritten keeps the claims of its own version.
 */
export async function uniqueClaims(ctx: WriteContext, change: RecordChange, next: Record<string, unknown> | null): Promise<{ before: Claim[]; after: Claim[] }> {
  const { existing, template } = ctx;
  const liveBefore = !!existing && !existing.deletedAt;
  const liveAfter = change.trashed === undefined ? !existing || liveBefore : !change.trashed;
  const storedFields = existing ? await fieldsOf(template, existing.templateVersion) : [];
  const before = liveBefore ? claimsOf(template.key, storedFields, existing!.data) : [];
  if (!liveAfter) return { before, after: [] };
  const after = next ? claimsOf(template.key, template.fields, next) : claimsOf(template.key, storedFields, existing?.data);
  return { before, after };
}

/** Of the values a record holds before a write, those it no longer holds after it: to release once written. */
export function leftClaims(claims: { before: Claim[]; after: Claim[] }): string[] {
  const kept = new Set(claims.after.map((c) => c.id));
  return claims.before.filter((c) => !kept.has(c.id)).map((c) => c.id);
}

/**
 * The write itself: an insert for a new record, else an update conditioned on the revision and
 * version that were read (so a concurrent writer makes it fail instead of being overwritten).
 * Returns the record as written, or null when the condition no longer held.
 */
export async function store(ctx: DiffedContext, params: { set: RecordFields; bump: boolean; expected: number; event: StoredEvent | null }): Promise<StoredRecord | null> {
  const { existing, template, change, actor } = ctx;
  const hasData = change.data !== undefined;
  if (!existing) {
    const doc = newRecordDoc({ id: ctx.recordId, template, data: ctx.next, actor, set: params.set });
    await RecordModel.collection.insertOne(doc as never);
    recordsChanged([writtenRecord(doc)]);
    return doc;
  }
  const filter = {
    _id: existing._id,
    templateKey: template.key,
    revision: params.expected,
    templateVersion: existing.templateVersion,
    deletedAt: existing.deletedAt ? { $ne: null } : null,
  };
  const $set: Record<string, unknown> = { ...params.set };
  if (params.event) $set.lastAudit = params.event;
  if (hasData) Object.assign($set, { data: ctx.next, templateVersion: template.version });
  const update: Record<string, unknown> = { $set };
  if (params.bump) update.$inc = { revision: 1 };
  const found = await RecordModel.findOneAndUpdate(filter, update, { returnDocument: "after", timestamps: change.touch !== false }).lean();
  const written = hasData ? await ensureDataWritten(found, ctx.next, params.set as Record<string, unknown>) : found;
  if (written) recordsChanged([writtenRecord(written)]);
  return written;
}

/** The audit event of a write that moves the revision to `revision`; its id makes a retried write record once. */
export function auditEvent(ctx: DiffedContext, revision: number, action: string): StoredEvent {
  const { existing, template, change } = ctx;
  const moved = !!existing && change.data !== undefined && existing.templateVersion !== template.version;
  const meta = { ...(moved ? { fromVersion: existing.templateVersion, toVersion: template.version } : {}), ...change.meta };
  return eventDoc({
    id: `record:${ctx.recordId}:${revision}`,
    actor: ctx.actor,
    action,
    entity: "record",
    entityId: ctx.recordId,
    templateKey: template.key,
    revision,
    changes: change.data === undefined ? undefined : ctx.changes,
    meta: Object.keys(meta).length ? meta : undefined,
  });
}
