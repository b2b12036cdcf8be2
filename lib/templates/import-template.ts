import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { checkDraft, problemsToFieldErrors } from "../template-model/check-draft";
import { isPlainObject } from "../template-model/json";
import { TEMPLATE_KEY_PATTERN, templateKeyFromName } from "../template-model/keys";
import { connectDb } from "../db/connect";
import { TemplateModel } from "../db/models/template";
import { DomainError, type FieldProblem } from "../errors";
import { checks } from "../i18n/dictionaries/checks";
import { fmt } from "../i18n/dictionaries";
import { msg, type Text } from "../i18n/messages";
import type { Locale } from "../schema/messages";
import type { TemplateContent } from "../schema/types";
import { parseInput } from "../validation/parse-input";
import { commitVersion } from "./commit-version";
import { freeTemplateKey, insertTemplate } from "./create-template";
import type { TemplateAdminSummary } from "./edit-types";
import { loadTemplateDoc, toAdminSummary } from "./template-doc";
import { importTemplateInput, templateContentInput } from "./template-input";

const bad = (message: Text, path = "/document") =>
  new DomainError("VALIDATION", message, { fieldErrors: [{ path, label: msg("templates.fileLabel"), message, keyword: "format" } satisfies FieldProblem] });

/** Checks an exported template file and returns its parts, or throws an error that says what is wrong with it. */
export function readTemplateFile(document: unknown): { key: string; name: string; productLine: string; description: string; content: TemplateContent } {
  if (!isPlainObject(document)) throw bad(msg("templates.fileNotObject"));
  if (document.format !== "dossier-template") throw bad(msg("templates.fileFormat"), "/document/format");
  if (document.formatVersion !== 1) throw bad(msg("templates.fileVersion", { version: String(document.formatVersion) }), "/document/formatVersion");
  if (typeof document.name !== "string" || !document.name.trim()) throw bad(msg("templates.fileNoName"), "/document/name");
  if (!isPlainObject(document.content)) throw bad(msg("templates.fileNoContent"), "/document/content");
  let content: TemplateContent;
  try {
    content = parseInput(templateContentInput, document.content);
  } catch (err) {
    // The content's own problem, in the reader's language when it is a domain error's.
    const problem = err instanceof DomainError && typeof err.text !== "string" ? err.text : (err as Error).message;
    throw bad(msg("templates.fileContentInvalid", { problem }), "/document/content");
  }
  return {
    key: typeof document.key === "string" ? document.key : "",
    name: document.name.trim().slice(0, 100),
    productLine: typeof document.productLine === "string" ? document.productLine.slice(0, 50) : "",
    description: typeof document.description === "string" ? document.description.slice(0, 1000) : "",
    content,
  };
}

/**
 * Imports an exported template file as a new template, published as version 1. The file and
 * its content are validated like a draft; a key that exists is an error, or with
 * `onConflict: "rename"` the next free key is used.
 */
export async function importTemplate(params: { actor: Actor | null; input: unknown; locale?: Locale }): Promise<TemplateAdminSummary> {
  const { actor, locale = "zh" } = params;
  assertCan(actor, "template.manage");
  const input = parseInput(importTemplateInput, params.input);
  const file = readTemplateFile(input.document);
  const { model, problems } = checkDraft(file.content, null, { publishing: true, locale });
  if (problems.length)
    throw new DomainError("VALIDATION", fmt(checks[locale].refusedImport, { n: problems.length, first: problems[0].message }), { fieldErrors: problemsToFieldErrors(problems, model, locale), details: { problems } });
  const name = input.name ?? file.name;
  let key = input.key ?? (TEMPLATE_KEY_PATTERN.test(file.key) ? file.key : templateKeyFromName(name));
  await connectDb();
  if (await TemplateModel.exists({ _id: key })) {
    if (input.onConflict !== "rename")
      throw new DomainError("CONFLICT", msg("templates.importKeyExists", { key }), {
        fieldErrors: [{ path: "/key", label: msg("templates.keyLabel"), message: msg("templates.keyExists", { key }), keyword: "unique" }],
      });
    key = await freeTemplateKey(key);
  }
  const doc = await insertTemplate({ actor, key, name, productLine: file.productLine, description: file.description, content: file.content });
  await commitVersion({ key: doc._id, content: file.content, actor, note: `从文件导入（原键 ${file.key || "无"}）`, expected: { revision: 1, currentVersion: 0 }, draft: "unset" });
  await writeAuditEvent({ id: `template:${doc._id}:create`, actor, action: "template.import", entity: "template", entityId: doc._id, templateKey: doc._id, revision: 2, meta: { name, fileKey: file.key } });
  return toAdminSummary(await loadTemplateDoc(doc._id));
}
