import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { checkDraft, problemsToFieldErrors } from "../template-model/check-draft";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { checks } from "../i18n/dictionaries/checks";
import { fmt } from "../i18n/dictionaries";
import type { Locale } from "../schema/messages";
import { refreshRecordIndexes } from "../records/record-indexes";
import { warmReminderIndex } from "../reminders/reminder-index";
import { parseInput } from "../validation/parse-input";
import { computeImpact } from "./analyze-impact";
import { commitVersion } from "../templates/commit-version";
import type { ImpactReport } from "../templates/edit-types";
import { loadTemplateDoc, loadVersionContent, parseContent, templateConflict } from "../templates/template-doc";
import { publishInput } from "../templates/template-input";

/**
 * Publishes the draft as the next immutable version. The draft is checked again (as a version:
 * it needs at least one field), the impact on existing records is computed, then the version is
 * committed. Records are not rewritten: each keeps the version it was saved with until it is
 * next saved, and the returned impact says which of them the new version would reject.
 */
export async function publishDraft(params: { actor: Actor | null; templateKey: string; input: unknown; locale?: Locale }): Promise<{ version: number; revision: number; impact: ImpactReport }> {
  const { actor, templateKey, locale = "zh" } = params;
  assertCan(actor, "template.manage");
  const { revision, note } = parseInput(publishInput, params.input);
  const doc = await loadTemplateDoc(templateKey);
  if (doc.revision !== revision) throw templateConflict(doc, revision);
  if (!doc.draft) throw new DomainError("BAD_REQUEST", msg("migrations.noDraftToPublish"));
  if (doc.draft.baseVersion !== doc.currentVersion)
    throw new DomainError("CONFLICT", msg("migrations.draftOutdated", { base: doc.draft.baseVersion, current: doc.currentVersion }));
  const content = parseContent(doc.draft.content);
  const published = doc.currentVersion > 0 ? await loadVersionContent(templateKey, doc.currentVersion) : null;
  const { model, problems } = checkDraft(content, published, { publishing: true, locale });
  if (problems.length)
    throw new DomainError("VALIDATION", fmt(checks[locale].refusedPublish, { n: problems.length, first: problems[0].message }), { fieldErrors: problemsToFieldErrors(problems, model, locale), details: { problems } });
  const impact = await computeImpact({ templateKey, content });
  const result = await commitVersion({
    key: templateKey,
    content,
    actor,
    note: note ?? "",
    expected: { revision, currentVersion: doc.currentVersion },
    draft: "unset",
    impact: { total: impact.total, failing: impact.failing },
  });
  await writeAuditEvent({
    id: `template:${templateKey}:r${result.revision}`,
    actor,
    action: "template.publish",
    entity: "template",
    entityId: templateKey,
    templateKey,
    revision: result.revision,
    meta: { version: result.version, note: note ?? "", impact: { total: impact.total, failing: impact.failing } },
  });
  await refreshRecordIndexes(templateKey);
  // The 工作台's reminder index of the new version, read in the background (it logs its own failures).
  void warmReminderIndex(templateKey);
  return { ...result, impact };
}
