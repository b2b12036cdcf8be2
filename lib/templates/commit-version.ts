import "server-only";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TemplateModel, TemplateVersionModel } from "../db/models/template";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import type { TemplateContent } from "../schema/types";
import { withTemplateRevision } from "./with-template-revision";

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Publishes content as the template's next version without a transaction, in two idempotent
 * steps: (1) write the immutable version `key@N+1` (a retry finds its own copy; a copy left by a
 * publish that never became current may be replaced only by a later template revision), then
 * (2) move `currentVersion` from N to N+1 with an update conditioned on the template revision,
 * so that a concurrent draft save or publish makes this one fail instead of overwriting it.
 */
export async function commitVersion(params: {
  key: string;
  content: TemplateContent;
  actor: Actor;
  note: string;
  expected: { revision: number; currentVersion: number };
  /** The draft afterwards: dropped (a normal publish) or replaced (a migration rewrites it). */
  draft: "unset" | { content: string; baseVersion: number; updatedAt: Date; updatedBy: string; updatedByName: string } | "keep";
  migration?: unknown;
  impact?: { total: number; failing: number };
}): Promise<{ version: number; revision: number }> {
  const { key, actor, expected } = params;
  await connectDb();
  const version = expected.currentVersion + 1;
  const id = `${key}@${version}`;
  const text = JSON.stringify(params.content);
  const fields = {
    templateKey: key,
    version,
    content: text,
    note: params.note,
    publishedAt: new Date(),
    publishedBy: actor.id,
    publishedByName: actor.name,
    draftRevision: expected.revision,
    migration: params.migration,
    impact: params.impact,
  };
  try {
    await TemplateVersionModel.create({ _id: id, ...fields });
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    const existing = await TemplateVersionModel.findById(id).lean();
    const mine = existing && existing.content === text && existing.draftRevision === expected.revision;
    if (!mine) {
      const tpl = await TemplateModel.findById(key, { currentVersion: 1 }).lean();
      const stale = existing && (tpl?.currentVersion ?? 0) < version && (existing.draftRevision ?? 0) < expected.revision;
      const replaced = stale ? await TemplateVersionModel.updateOne({ _id: id, draftRevision: existing.draftRevision }, { $set: fields }) : null;
      if (!replaced || replaced.modifiedCount !== 1) throw new DomainError("CONFLICT", msg("templates.versionTaken", { template: key, version }));
    }
  }
  const update: Record<string, unknown> = { $set: { currentVersion: version }, $inc: { revision: 1 } };
  if (params.draft === "unset") update.$unset = { draft: 1 };
  else if (params.draft !== "keep") (update.$set as Record<string, unknown>).draft = params.draft;
  const moved = await withTemplateRevision(key, expected.revision, () =>
    TemplateModel.updateOne({ _id: key, revision: expected.revision, currentVersion: expected.currentVersion }, update),
  ).catch((err: unknown) => {
    // Someone else holds the revision: fall through to the retry check below.
    if (err instanceof DomainError && err.code === "CONFLICT") return { matchedCount: 0 };
    throw err;
  });
  if (moved.matchedCount === 1) return { version, revision: expected.revision + 1 };
  // A retry of a publish that already moved the pointer finds its own version current.
  const [tpl, stored] = await Promise.all([TemplateModel.findById(key).lean(), TemplateVersionModel.findById(id, { content: 1, draftRevision: 1 }).lean()]);
  if (tpl && tpl.currentVersion >= version && stored?.content === text && stored.draftRevision === expected.revision)
    return { version, revision: tpl.revision ?? expected.revision + 1 };
  throw new DomainError("CONFLICT", msg("templates.changedWhilePublishing"), { details: { currentRevision: tpl?.revision, currentVersion: tpl?.currentVersion } });
}
