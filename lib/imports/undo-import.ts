import "server-only";
import { assertCan } from "../auth/permissions";
import { roleCan, type Actor } from "../auth/roles";
import { ImportModel, type ImportDoc } from "../db/models/import";
import { JobModel } from "../db/models/job";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { createJob } from "../jobs/create-job";
import { jobId } from "../jobs/job-kind";
import { kickJob } from "../jobs/run-job";
import type { ImportView } from "./import-view";
import { loadImport, viewImport } from "./load-import";
import { UNDO_KIND, undoJob } from "./undo-job";

/**
 * Starts undoing a whole import (a job; see undo-job.ts): its new records to the recycle bin, its
 * updates set back where nobody edited the record since. Only once the run has ended, and once.
 * The undoer needs to delete and edit records like any user doing the same by hand.
 */
export async function undoImport(params: { actor: Actor | null; templateKey: string; id: string; locale?: Locale }): Promise<ImportView> {
  const { actor, locale = "zh" } = params;
  const { doc, template } = await loadImport(params);
  assertCan(actor, "record.delete");
  assertCan(actor, "record.update");
  // The records an import made belong to whoever ran it: they, or an administrator, undo it.
  if (!roleCan(actor!.role, "record.deleteAny") && doc.createdBy !== actor!.id) throw new DomainError("FORBIDDEN", msg("imports.undoNotYours"));
  const run = doc.runJobId ? await JobModel.findById(doc.runJobId, { status: 1 }).lean() : null;
  if (!run || !["done", "failed", "cancelled"].includes(run.status)) throw new DomainError("CONFLICT", msg("imports.undoNotYet"));
  const id = jobId(UNDO_KIND, doc._id);
  const claimed = (await ImportModel.findOneAndUpdate({ _id: doc._id, undoJobId: null }, { $set: { undoJobId: id } }, { returnDocument: "after" }).lean()) as ImportDoc | null;
  if (!claimed) throw new DomainError("CONFLICT", msg("imports.undoAlready"));
  await createJob({ kind: UNDO_KIND, id: doc._id, templateKey: template.key, params: { importId: doc._id, templateKey: template.key, locale }, total: 0, createdBy: actor! });
  kickJob(undoJob, id);
  return viewImport(claimed, template, actor);
}
