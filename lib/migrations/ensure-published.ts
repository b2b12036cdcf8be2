import "server-only";
import { refreshRecordIndexes } from "../records/record-indexes";
import { warmReminderIndex } from "../reminders/reminder-index";
import type { Actor } from "../auth/roles";
import { TemplateModel, TemplateVersionModel } from "../db/models/template";
import { fromContent } from "../template-model/from-content";
import { toContent } from "../template-model/to-content";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { commitVersion } from "../templates/commit-version";
import { loadVersionContent, parseContent } from "../templates/template-doc";
import { applyOpToContent, applyOpToModel, opProblem } from "../template-model/migration-op";
import type { MigrationParams } from "./migration-view";

/**
 * Makes sure the version a migration targets is published: the current version with the
 * operation applied (and the draft, if any, rewritten the same way so it does not undo it).
 * Idempotent: finds its own version when it was already published; fails when the template has
 * moved on to a version the migration did not make.
 */
export async function ensureMigrationPublished(migration: { id: string; templateKey: string; params: MigrationParams; createdBy: string; createdByName: string }): Promise<void> {
  const { id, templateKey } = migration;
  const { fromVersion, toVersion, op, note } = migration.params;
  const tpl = await TemplateModel.findById(templateKey).lean();
  if (!tpl) throw new DomainError("NOT_FOUND", msg("templates.notFound", { template: templateKey }));
  if (tpl.currentVersion >= toVersion) {
    const v = await TemplateVersionModel.findById(`${templateKey}@${toVersion}`, { migration: 1 }).lean();
    if ((v?.migration as { jobId?: string } | undefined)?.jobId === id) return;
    throw new DomainError("CONFLICT", msg("migrations.publishedOther", { version: toVersion }));
  }
  if (tpl.currentVersion !== fromVersion) throw new DomainError("CONFLICT", msg("migrations.versionMoved", { current: tpl.currentVersion, from: fromVersion }));
  const content = applyOpToContent(await loadVersionContent(templateKey, fromVersion), op);
  let draft: Parameters<typeof commitVersion>[0]["draft"] = "keep";
  if (tpl.draft) {
    const model = fromContent(parseContent(tpl.draft.content));
    const problem = opProblem(model, op);
    if (problem) throw new DomainError("CONFLICT", msg("migrations.draftConflict", { problem }));
    draft = { ...tpl.draft, updatedByName: tpl.draft.updatedByName ?? "", content: JSON.stringify(toContent(applyOpToModel(model, op))), baseVersion: toVersion };
  }
  const actor: Actor = { id: migration.createdBy, name: migration.createdByName, email: "", role: "admin" };
  await commitVersion({
    key: templateKey,
    content,
    actor,
    note: note || "字段迁移",
    expected: { revision: tpl.revision ?? 1, currentVersion: fromVersion },
    draft,
    migration: { op, jobId: id },
  });
  await refreshRecordIndexes(templateKey);
  // The 工作台's reminder index of the new version, read in the background (it logs its own failures).
  void warmReminderIndex(templateKey);
}
