import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { checkDraft, problemsToFieldErrors } from "../template-model/check-draft";
import { isPlainObject } from "../template-model/json";
import { TEMPLATE_KEY_PATTERN, templateKeyFromName } from "../template-model/keys";
import { connectDb } from "../db/connect";
import { TemplateModel } from "../db/models/template";
import { DomainError } from "../errors";
import { checks } from "../i18n/dictionaries/checks";
import { fmt } from "../i18n/dictionaries";
import type { FieldError, Locale } from "../schema/messages";
import type { TemplateContent } from "../schema/types";
import { parseInput } from "../validation/parse-input";
import { commitVersion } from "./commit-version";
import { freeTemplateKey, insertTemplate } from "./create-template";
import type { TemplateAdminSummary } from "./edit-types";
import { loadTemplateDoc, toAdminSummary } from "./template-doc";
import { importTemplateInput, templateContentInput } from "./template-input";

const bad = (message: string, path = "/document") =>
  new DomainError("VALIDATION", message, { fieldErrors: [{ path, label: "模板文件", message, keyword: "format" } satisfies FieldError] });

/** Checks an exported template file and returns its parts, or throws a clear Chinese error. */
export function readTemplateFile(document: unknown): { key: string; name: string; productLine: string; description: string; content: TemplateContent } {
  if (!isPlainObject(document)) throw bad("文件内容不是 JSON 对象，不是 Dossier 模板文件");
  if (document.format !== "dossier-template") throw bad("这不是 Dossier 模板文件：缺少 \"format\": \"dossier-template\"", "/document/format");
  if (document.formatVersion !== 1) throw bad(`不支持的模板文件版本“${String(document.formatVersion)}”（支持 1）`, "/document/formatVersion");
  if (typeof document.name !== "string" || !document.name.trim()) throw bad("模板文件缺少名称（name）", "/document/name");
  if (!isPlainObject(document.content)) throw bad("模板文件缺少内容（content）", "/document/content");
  let content: TemplateContent;
  try {
    content = parseInput(templateContentInput, document.content);
  } catch (err) {
    throw bad(`模板内容格式不正确：${(err as Error).message}`, "/document/content");
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
      throw new DomainError("CONFLICT", `模板键“${key}”已存在；可以换一个键，或选择自动改名导入`, { fieldErrors: [{ path: "/key", label: "模板键", message: `模板键“${key}”已存在`, keyword: "unique" }] });
    key = await freeTemplateKey(key);
  }
  const doc = await insertTemplate({ actor, key, name, productLine: file.productLine, description: file.description, content: file.content });
  await commitVersion({ key: doc._id, content: file.content, actor, note: `从文件导入（原键 ${file.key || "无"}）`, expected: { revision: 1, currentVersion: 0 }, draft: "unset" });
  await writeAuditEvent({ id: `template:${doc._id}:create`, actor, action: "template.import", entity: "template", entityId: doc._id, templateKey: doc._id, revision: 2, meta: { name, fileKey: file.key } });
  return toAdminSummary(await loadTemplateDoc(doc._id));
}
