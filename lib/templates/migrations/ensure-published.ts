import "server-only";
import type { Actor } from "../../auth/roles";
import { TemplateModel, TemplateVersionModel } from "../../db/models/template";
import type { TemplateMigrationDoc } from "../../db/models/template-migration";
import { fromContent } from "../../template-model/from-content";
import { toContent } from "../../template-model/to-content";
import { DomainError } from "../../errors";
import { commitVersion } from "../commit-version";
import { loadVersionContent, parseContent } from "../template-doc";
import { applyOpToContent, applyOpToModel, opProblem, type MigrationOp } from "./migration-op";

/**
 * Makes sure the version a migration targets is published: the current version with the
 * operation applied (and the draft, if any, rewritten the same way so it does not undo it).
 * Idempotent: finds its own version when it was already published; fails when the template has
 * moved on to a version the migration did not make.
 */
export async function ensureMigrationPublished(job: TemplateMigrationDoc & { _id: string }): Promise<void> {
  const tpl = await TemplateModel.findById(job.templateKey).lean();
  if (!tpl) throw new DomainError("NOT_FOUND", `模板“${job.templateKey}”不存在`);
  if (tpl.currentVersion >= job.toVersion) {
    const v = await TemplateVersionModel.findById(`${job.templateKey}@${job.toVersion}`, { migration: 1 }).lean();
    if ((v?.migration as { jobId?: string } | undefined)?.jobId === job._id) return;
    throw new DomainError("CONFLICT", `模板已发布了第 ${job.toVersion} 版（不是这次迁移），迁移未执行`);
  }
  if (tpl.currentVersion !== job.fromVersion) throw new DomainError("CONFLICT", `模板当前是第 ${tpl.currentVersion} 版，迁移基于第 ${job.fromVersion} 版，未执行`);
  const op = job.op as MigrationOp;
  const content = applyOpToContent(await loadVersionContent(job.templateKey, job.fromVersion), op);
  let draft: Parameters<typeof commitVersion>[0]["draft"] = "keep";
  if (tpl.draft) {
    const model = fromContent(parseContent(tpl.draft.content));
    const problem = opProblem(model, op);
    if (problem) throw new DomainError("CONFLICT", `草稿与这次迁移冲突：${problem}。请先处理草稿`);
    draft = { ...tpl.draft, updatedByName: tpl.draft.updatedByName ?? "", content: JSON.stringify(toContent(applyOpToModel(model, op))), baseVersion: job.toVersion };
  }
  const actor: Actor = { id: job.startedBy, name: job.startedByName, email: "", role: "admin" };
  await commitVersion({
    key: job.templateKey,
    content,
    actor,
    note: job.note || "字段迁移",
    expected: { revision: tpl.revision ?? 1, currentVersion: job.fromVersion },
    draft,
    migration: { op, jobId: job._id },
  });
}
