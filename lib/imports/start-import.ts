import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { ImportMappingModel, ImportModel, type ImportDoc } from "../db/models/import";
import { JobModel } from "../db/models/job";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { createJob } from "../jobs/create-job";
import { kickJob } from "../jobs/run-job";
import { mappingKey } from "./propose-settings";
import { forgetEndedChecks, IMPORT_KIND, importJob, importJobId, type ImportPhase } from "./import-job";
import { resolveChoices } from "./import-settings";
import { importChoices } from "./import-source";
import type { ImportView } from "./import-view";
import { importJobIds, loadImport, viewImport } from "./load-import";

/**
 * Starts an import's check (a dry run: verdicts for every row, nothing written) or, once a check
 * of the current settings has finished, its run. Both are jobs: they go on in the background,
 * show progress, and resume after a restart. The settings are checked first (400 naming the
 * problem) and remembered for the next file with the same column titles. An import runs once; a
 * run that stopped on an error is continued by starting it again.
 */
export async function startImport(params: { actor: Actor | null; templateKey: string; id: string; phase: ImportPhase; locale?: Locale }): Promise<ImportView> {
  const { actor, phase, locale = "zh" } = params;
  const { doc, template } = await loadImport(params);
  const choices = resolveChoices(template, importChoices(doc), locale);
  if (choices.mode !== "create") assertCan(actor, "record.update");
  if (doc.runJobId && phase === "run") {
    // A run that stopped on an error goes on from where it stopped (its batches are idempotent),
    // as its message says: it was refused as already run, and half an import stayed half.
    const resumed = await JobModel.findOneAndUpdate({ _id: doc.runJobId, status: "failed", workerId: null }, { $set: { status: "pending", error: null } }, { returnDocument: "after" }).lean();
    if (!resumed) throw new DomainError("CONFLICT", msg("imports.alreadyRun"));
    kickJob(importJob, doc.runJobId);
    return viewImport(doc, template, actor);
  }
  if (doc.runJobId) throw new DomainError("CONFLICT", msg("imports.alreadyRun"));
  const ids = importJobIds(doc._id, doc.checks + (phase === "check" ? 1 : 0));
  // A run goes over the rows its check counted: its bar knows them before its first batch has read the file.
  let rows = 0;
  if (phase === "run") {
    const check = doc.checkJobId ? await JobModel.findById(doc.checkJobId).lean() : null;
    if (!check || check.status !== "done") throw new DomainError("CONFLICT", msg("imports.notChecked"));
    rows = check.progress?.total ?? 0;
  } else if (doc.checkJobId) {
    const check = await JobModel.findById(doc.checkJobId).lean();
    if (check && (check.status === "running" || check.status === "pending")) throw new DomainError("CONFLICT", msg("imports.busy"));
  }
  const jobKey = phase === "run" ? importJobId(doc._id, "run") : importJobId(doc._id, "check", doc.checks + 1);
  // Claim the step on the import first, so two clicks start one job.
  const claimed = (await ImportModel.findOneAndUpdate(
    { _id: doc._id, runJobId: null, checks: doc.checks, checkJobId: doc.checkJobId ?? null },
    phase === "run" ? { $set: { runJobId: ids.run } } : { $set: { checkJobId: ids.check }, $inc: { checks: 1 } },
    { returnDocument: "after" },
  ).lean()) as ImportDoc | null;
  if (!claimed) throw new DomainError("CONFLICT", msg("imports.busy"));
  // The checks this one replaces that stopped on an error or were cancelled never go on: what they noted to resume goes.
  if (phase === "check") await forgetEndedChecks(doc._id);
  await createJob({ kind: IMPORT_KIND, id: jobKey, templateKey: template.key, params: { importId: doc._id, phase, locale }, total: rows, createdBy: actor! });
  await ImportMappingModel.updateOne({ _id: mappingKey(template.key, doc.headers) }, { $set: { mapping: doc.mapping, keyField: doc.keyField, mode: doc.mode, constants: doc.constants } }, { upsert: true });
  kickJob(importJob, phase === "run" ? ids.run : ids.check);
  return viewImport(claimed, template, actor);
}
