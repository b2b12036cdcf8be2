import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { ImportModel, type ImportDoc } from "../db/models/import";
import { JobModel } from "../db/models/job";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import type { PublishedTemplate } from "../templates/types";
import { importJobId, IMPORT_KIND } from "./import-job";
import { toImportView, type ImportView } from "./import-view";
import { jobId } from "../jobs/job-kind";
import { resolveScope } from "../records/resolve-scope";

/**
 * An import of a template, for someone who may import into it (create records) and whose data scope
 * includes the person who uploaded it: its sample and refused rows hold the file's cells in full.
 * Another template's import, or one outside the reader's scope, is a 404 like a missing one.
 */
export async function loadImport(params: { actor: Actor | null; templateKey: string; id: string }): Promise<{ doc: ImportDoc; template: PublishedTemplate }> {
  assertCan(params.actor, "record.create");
  const template = await getPublishedTemplate(params.actor, params.templateKey);
  await connectDb();
  const doc = /^[a-f0-9]{24}$/.test(params.id) ? ((await ImportModel.findOne({ _id: params.id, templateKey: template.key }).lean()) as ImportDoc | null) : null;
  if (!doc) throw new DomainError("NOT_FOUND", msg("imports.notFound"));
  const { ownerIds } = await resolveScope(params.actor, template);
  if (ownerIds && !ownerIds.includes(doc.createdBy)) throw new DomainError("NOT_FOUND", msg("imports.notFound"));
  return { doc, template };
}

/** The import's view with its current check and run. */
export async function viewImport(doc: ImportDoc, template: PublishedTemplate): Promise<ImportView> {
  const [check, run, undo] = await Promise.all([
    doc.checkJobId ? JobModel.findById(doc.checkJobId).lean() : null,
    doc.runJobId ? JobModel.findById(doc.runJobId).lean() : null,
    doc.undoJobId ? JobModel.findById(doc.undoJobId).lean() : null,
  ]);
  return toImportView(doc, template, { check, run, undo });
}

/** GET one import. */
export async function getImport(params: { actor: Actor | null; templateKey: string; id: string }): Promise<ImportView> {
  const { doc, template } = await loadImport(params);
  return viewImport(doc, template);
}

/** The job ids of an import's n-th check and of its run, in the runner's namespace. */
export const importJobIds = (importId: string, checks: number) => ({
  check: jobId(IMPORT_KIND, importJobId(importId, "check", checks)),
  run: jobId(IMPORT_KIND, importJobId(importId, "run")),
});
