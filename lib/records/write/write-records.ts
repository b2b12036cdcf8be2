import "server-only";
import { assertCan } from "../../auth/permissions";
import { connectDb } from "../../db/connect";
import { RecordModel } from "../../db/models/record";
import { DomainError } from "../../errors";
import { log } from "../../log/log";
import { getPublishedTemplate } from "../../templates/get-published-template";
import type { PublishedTemplate } from "../../templates/types";
import { matchesRecordsFilter, recordsFilter } from "../records-filter";
import { resolveScope } from "../resolve-scope";
import { ensurePreviousEvents, insertEvents, type StoredEvent } from "./record-events";
import type { DiffedContext, RecordFields, RecordOperation, StoredRecord, WriteContext } from "./record-operation";
import { claimRecordRevisions } from "./revision-claim";
import { releaseClaimsOf } from "./unique-claims";
import { writeRecord } from "./write-record";
import { auditEvent, changeStep, expectedRevision, leftClaims, readStored, store, uniqueClaims, writeContext } from "./write-steps";

/** What became of one operation of a batch, in input order: its answer, or the refusal writeRecord would throw. */
export type WriteOutcome<Out> = { status: "written"; value: Out } | { status: "refused"; error: DomainError };

export interface BatchOptions {
  /**
   * Who writes the batch, when it is a writer that runs once at a time and may be killed and run
   * again (a job: its id): the revision claims a killed try of it left are taken again at once
   * (claimRevisions) — else its records would wait out the claims' lease and be answered as
   * conflicts, as if someone else were writing them.
   */
  claimant?: string;
}

/** One write of the batch after its own step, ready to claim and store. */
interface Ready {
  index: number;
  ctx: WriteContext;
  diffed: DiffedContext;
  set: RecordFields;
  expected: number;
  /** The unique values it holds and no longer will: released once written. */
  leaves: string[];
}

/**
 * The write pipeline's batch mode for stored records (the undo of an import: its records to the
 * recycle bin, its updates set back): writeRecord for many operations of one actor and template,
 * with the same steps (write-steps.ts) — permission, published template, the read filter with
 * the actor's data scope, the operation's guard (agents delete only their own), the revision
 * check, the operation's step, validation, diff, hooks, revision claim, the conditional write with
 * its event in the record, unique values released, audit — and each database step that allows it
 * done once for the batch: one read of the records, one check of their previous events, one
 * insert of the revision claims, one release of unique values, one insert of the events. Each
 * record's conditional write stays its own (an update command of many statements hung the
 * embedded database).
 *
 * Only the plain case is batched: a stored record found within the filter, named once, at the
 * expected revision, its revision claim free, its write moving the revision and claiming no new
 * unique value, and applied. Every other operation — and one whose write found the record changed
 * — goes through writeRecord itself afterwards, in order, which answers it exactly as alone (not
 * found, forbidden, the conflict naming who changed what, a value taken, a claim held by a live
 * writer). A batch killed anywhere leaves what killed single writes leave: records holding their
 * event and revision claims that lead the recovery to it (record-events.ts).
 *
 * One difference from writing them one at a time: the actor's permissions and the published
 * template are checked once, for the batch — an actor who loses the right (or a template
 * unpublished) during a long undo fails the batch with that refusal, where single writes would
 * each have been refused (review10a).
 */
export async function writeRecords<Out>(ops: RecordOperation<Out>[], options: BatchOptions = {}): Promise<WriteOutcome<Out>[]> {
  if (ops.length === 0) return [];
  const { actor, templateKey } = ops[0];
  if (ops.some((op) => op.actor !== actor || op.templateKey !== templateKey || op.template !== ops[0].template)) throw new Error("writeRecords takes operations of one actor and template");
  for (const permission of new Set(ops.map((op) => op.permission))) assertCan(actor, permission);
  const template = ops[0].template ?? (await getPublishedTemplate(actor, templateKey));
  await connectDb();
  const outcomes: (WriteOutcome<Out> | null)[] = ops.map(() => null);
  const alone: number[] = [];
  const ready: Ready[] = [];
  const loaded = await loadRecords(ops, template);
  for (const [index, op] of ops.entries()) {
    const existing = loaded[index];
    if (!existing) {
      alone.push(index);
      continue;
    }
    try {
      op.checkInput?.();
      const ctx = writeContext(op, template, existing, String(existing._id));
      const expected = expectedRevision(op, existing);
      if (existing.revision !== expected) {
        alone.push(index);
        continue;
      }
      await readStored(ctx);
      const step = await changeStep(op, ctx);
      if (!step.diffed) {
        outcomes[index] = { status: "written", value: op.result(ctx, step.unchanged) };
        continue;
      }
      const claims = await uniqueClaims(ctx, step.diffed.change, step.data);
      const wanted = claims.after.some((c) => !claims.before.some((b) => b.id === c.id));
      if (!step.bump || wanted) alone.push(index);
      else ready.push({ index, ctx, diffed: step.diffed, set: step.set, expected, leaves: leftClaims(claims) });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      alone.push(index);
    }
  }

  const written = await storeReady(ops, ready, options);
  for (const w of written) outcomes[w.ready.index] = { status: "written", value: ops[w.ready.index].result(w.ready.ctx, w.record) };
  for (const r of ready) if (!outcomes[r.index]) alone.push(r.index);

  // Everything else, one at a time through the single write, which answers each exactly.
  for (const index of alone.sort((a, b) => a - b)) {
    try {
      outcomes[index] = { status: "written", value: await writeRecord(ops[index]) };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcomes[index] = { status: "refused", error: err };
    }
  }
  return outcomes as WriteOutcome<Out>[];
}

/**
 * The stored records the operations target, read with one `$in` on `_id` and each held to the
 * read filter of its target (recordsFilter with the actor's data scope), as writeRecord's load
 * does. Undefined where writeRecord is to answer alone: a new record, not found or outside the
 * filter, or a record named twice (its second write starts from the first's revision).
 */
async function loadRecords(ops: RecordOperation<unknown>[], template: PublishedTemplate): Promise<(StoredRecord | undefined)[]> {
  const { actor, templateKey } = ops[0];
  const ids = ops.map((op) => ("in" in op.record ? op.record.id : "doc" in op.record ? String(op.record.doc._id) : null));
  const named = new Map<string, number>();
  for (const id of ids) if (id) named.set(id, (named.get(id) ?? 0) + 1);
  const toRead = ops.flatMap((op) => ("in" in op.record && named.get(op.record.id) === 1 && /^[a-f0-9]{24}$/.test(op.record.id) ? [op.record.id] : []));
  const read = toRead.length ? ((await RecordModel.find({ _id: { $in: toRead } }).lean()) as StoredRecord[]) : [];
  const byId = new Map(read.map((d) => [String(d._id), d]));
  const scope = await resolveScope(actor, template);
  return ops.map((op, i) => {
    if (!ids[i] || named.get(ids[i]!) !== 1) return undefined;
    if ("doc" in op.record) return op.record.doc;
    if (!("in" in op.record)) return undefined;
    const doc = byId.get(op.record.id);
    const filter = recordsFilter({ actor, templateKey, trash: op.record.in, scope });
    return doc && matchesRecordsFilter(filter, doc as unknown as Record<string, unknown>) ? doc : undefined;
  });
}

/**
 * The writes of the plain operations: their previous events checked beside one insert of their
 * revision claims, each conditional write, then one release of the unique values they leave and
 * one insert of their events. Returns those written; an operation whose claim another writer
 * holds, or whose write found the record changed, is left out (the caller writes it alone, after
 * this batch's claims are released). The revision claims of written records are kept when their
 * events could not be stored: they lead the recovery to them.
 */
async function storeReady<Out>(ops: RecordOperation<Out>[], ready: Ready[], options: BatchOptions): Promise<{ ready: Ready; record: StoredRecord }[]> {
  if (ready.length === 0) return [];
  const [previous, claims] = await Promise.all([
    ensurePreviousEvents(ready.map((r) => r.ctx.existing!)).then(
      () => null,
      (err: unknown) => err,
    ),
    claimRecordRevisions(
      ready.map((r) => ({ id: r.ctx.recordId, expected: r.expected })),
      options.claimant,
    ),
  ]);
  const ids = ready.map((r) => r.ctx.recordId);
  if (previous) {
    await claims.release(ids);
    throw previous;
  }
  const written: { ready: Ready; record: StoredRecord; event: StoredEvent }[] = [];
  let keep = false;
  try {
    let failure: unknown = null;
    for (const r of ready.filter((r) => claims.claimed.has(r.ctx.recordId))) {
      const event = auditEvent(r.diffed, r.expected + 1, ops[r.index].action);
      try {
        const record = await store(r.diffed, { set: r.set, bump: true, expected: r.expected, event });
        if (record) written.push({ ready: r, record, event });
      } catch (err) {
        failure = err;
        break;
      }
    }
    // Those written hold their events (lastAudit); until the events are stored their claims stay.
    keep = written.length > 0;
    await releaseClaimsOf(written.map((w) => ({ recordId: w.ready.ctx.recordId, ids: w.ready.leaves })));
    try {
      await insertEvents(written.map((w) => w.event));
      keep = false;
    } catch (err) {
      log.error("audit", `${written.length} events are not stored yet; the recovery will store them`, err);
    }
    if (failure) throw failure;
  } finally {
    const held = new Set(keep ? written.map((w) => w.ready.ctx.recordId) : []);
    await claims.release(ids.filter((id) => !held.has(id)));
  }
  return written;
}
