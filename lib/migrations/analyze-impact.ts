import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { checkTemplate, firstProblem } from "../schema/check-template";
import type { TemplateContent } from "../schema/types";
import type { ImpactReport } from "../templates/edit-types";
import { EVERY_RECORD, recordsFilter } from "../records/records-filter";
import { createImpactAccumulator } from "./impact-accumulator";
import { migrationsBetween, upgradeRecordData } from "../templates/upgrade-record-data";
import { loadTemplateDoc, parseContent } from "../templates/template-doc";
import { templateContentInput } from "../templates/template-input";
import { parseInput } from "../validation/parse-input";

/**
 * How the existing records of a template fare against candidate content: every non-deleted
 * record is cleaned and validated the way a save would, streamed through one cursor so memory
 * stays bounded. Counts are exact; each reason lists its first `limit` records by id.
 *
 * One pass in natural order (`$natural`: each record once, even if it is edited meanwhile)
 * rather than batches of `_id > last` sorted by `_id`: on FerretDB 1.x (SQLite) each such batch
 * scans and sorts the whole collection, which made a publish at 100,000 records take hours.
 */
export async function computeImpact(params: { templateKey: string; content: TemplateContent; limit?: number; batchSize?: number }): Promise<ImpactReport> {
  const { templateKey, content, limit = 200, batchSize = 200 } = params;
  await connectDb();
  const tpl = await loadTemplateDoc(templateKey);
  const pending = await migrationsBetween(templateKey, 0, tpl.currentVersion);
  const impact = createImpactAccumulator(content, limit);
  const cursor = RecordModel.find(recordsFilter({ actor: null, templateKey, trash: "live", scope: EVERY_RECORD }), { data: 1, templateVersion: 1 }).hint({ $natural: 1 }).batchSize(batchSize).lean().cursor();
  for await (const doc of cursor) {
    let data = (doc.data ?? {}) as Record<string, unknown>;
    // Records a running key/type migration has not reached yet are judged as it will leave them.
    if (pending.some((m) => m.version > doc.templateVersion))
      data = (await upgradeRecordData({ templateKey, fromVersion: doc.templateVersion, toVersion: tpl.currentVersion, data })).data;
    impact.add({ id: String(doc._id), templateVersion: doc.templateVersion, data });
  }
  return impact.result();
}

/**
 * Impact analysis for the designer (administrators): candidate content from the request, or
 * the saved draft when none is given.
 */
export async function analyzeImpact(params: { actor: Actor | null; templateKey: string; content?: unknown; limit?: number }): Promise<ImpactReport> {
  const { actor, templateKey } = params;
  assertCan(actor, "template.manage");
  let content: TemplateContent;
  if (params.content !== undefined) content = parseInput(templateContentInput, params.content);
  else {
    const tpl = await loadTemplateDoc(templateKey);
    if (!tpl.draft) throw new DomainError("BAD_REQUEST", msg("migrations.noDraftToAnalyze"));
    content = parseContent(tpl.draft.content);
  }
  const problems = checkTemplate(content);
  if (problems.length) throw new DomainError("VALIDATION", msg("templates.contentInvalid", { problem: firstProblem(content) }), { details: { problems } });
  return computeImpact({ templateKey, content, limit: Math.min(Math.max(params.limit ?? 200, 1), 1000) });
}
