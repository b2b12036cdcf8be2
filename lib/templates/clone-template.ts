import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { checkTemplate, firstProblem } from "../schema/check-template";
import { parseInput } from "../validation/parse-input";
import { commitVersion } from "./commit-version";
import { insertTemplate } from "./create-template";
import type { TemplateAdminSummary } from "./edit-types";
import { loadTemplateDoc, loadVersionContent, toAdminSummary } from "./template-doc";
import { cloneTemplateInput } from "./template-input";

/**
 * Clones any published version of a template into a new template (e.g. 车险客户档案 from the
 * customer archive). The clone's version 1 is that content, retitled; it remembers its origin.
 * The source is only read. Steps are idempotent: a crash leaves the clone as an unpublished
 * draft that can be published from the designer.
 */
export async function cloneTemplate(params: { actor: Actor | null; input: unknown }): Promise<TemplateAdminSummary> {
  const { actor } = params;
  assertCan(actor, "template.manage");
  const input = parseInput(cloneTemplateInput, params.input);
  const source = await loadTemplateDoc(input.source);
  const version = input.version ?? source.currentVersion;
  if (version < 1) throw new DomainError("BAD_REQUEST", msg("templates.cloneUnpublished", { template: source.name }));
  const content = await loadVersionContent(input.source, version);
  content.schema = { ...content.schema, title: input.name };
  const problems = checkTemplate(content);
  if (problems.length) throw new DomainError("VALIDATION", msg("templates.cloneSourceInvalid", { problem: firstProblem(content) }));
  const doc = await insertTemplate({
    actor,
    key: input.key,
    name: input.name,
    productLine: input.productLine ?? source.productLine ?? "",
    description: input.description ?? source.description ?? "",
    content,
    origin: { templateKey: input.source, version },
  });
  const note = `克隆自“${source.name}”第 ${version} 版`;
  await commitVersion({ key: doc._id, content, actor, note, expected: { revision: 1, currentVersion: 0 }, draft: "unset" });
  await writeAuditEvent({
    id: `template:${doc._id}:create`,
    actor,
    action: "template.clone",
    entity: "template",
    entityId: doc._id,
    templateKey: doc._id,
    revision: 2,
    meta: { name: input.name, from: { templateKey: input.source, version } },
  });
  return toAdminSummary(await loadTemplateDoc(doc._id));
}
