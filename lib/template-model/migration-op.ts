import { z } from "zod";
import { zodKey } from "../validation/parse-input";
import { changeKind } from "./change-kind";
import { checkModel } from "./check-model";
import { fromContent } from "./from-content";
import { KEY_PATTERN, KIND_LABELS, isContainer, type DesignerModel } from "./model";
import { getField, updateField } from "./model-paths";
import { renameKey } from "./rename-key";
import { toContent } from "./to-content";
import { checks } from "../i18n/dictionaries/checks";
import { designer } from "../i18n/dictionaries/designer";
import { fmt } from "../i18n/dictionaries";
import type { Locale } from "../schema/messages";
import type { FieldKind, TemplateContent } from "../schema/types";

/** A change to stored data that a draft cannot make: a field's key, or how its values are stored. */
export type MigrationOp =
  | { type: "renameKey"; path: string; newKey: string }
  | { type: "changeKind"; path: string; kind: FieldKind; options?: string[] };

const path = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, zodKey("templates.fieldPathInvalid")).max(300);
const VALUE_KINDS = ["text", "textarea", "number", "money", "percent", "integer", "date", "datetime", "select", "multiselect", "boolean", "mobile", "phone", "email", "idNumber", "address"] as const;

/** A migration operation as sent by a client. */
export const migrationOpInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("renameKey"), path, newKey: z.string().regex(KEY_PATTERN, zodKey("templates.newKeyPattern")).max(64) }).strict(),
  z.object({ type: z.literal("changeKind"), path, kind: z.enum(VALUE_KINDS), options: z.array(z.string().trim().min(1).max(200)).max(1000).optional() }).strict(),
]) as z.ZodType<MigrationOp>;

/** A problem with an operation against the current version, in Chinese; null when it can run. */
export function opProblem(model: DesignerModel, op: MigrationOp): string | null {
  const field = getField(model, op.path);
  if (!field) return `字段“${op.path}”不存在`;
  if (op.type === "renameKey") {
    if (op.newKey === field.key) return "新键与原键相同";
    const holder = op.path.split(".").slice(0, -1).join(".");
    const siblings = holder ? getField(model, holder)?.children ?? [] : model.sections;
    if (siblings.some((f) => f.key === op.newKey)) return `同一分组中已有键“${op.newKey}”`;
    return null;
  }
  if (isContainer(field.kind)) return `“${field.label}”是${KIND_LABELS[field.kind]}，不能更改类型`;
  if (field.kind === op.kind) return `“${field.label}”已经是${KIND_LABELS[op.kind]}`;
  return null;
}

/** The model with the operation applied (references to a renamed key follow it). */
export function applyOpToModel(model: DesignerModel, op: MigrationOp): DesignerModel {
  if (op.type === "renameKey") return renameKey(model, op.path, op.newKey);
  return updateField(model, op.path, (f) => {
    const next = changeKind(f, op.kind);
    if (op.options) next.options = [...op.options];
    return next;
  });
}

/**
 * The content of the version a migration publishes: the current content with the operation
 * applied. Throws an Error with a Chinese message when the result would not be a valid template.
 */
export function applyOpToContent(content: TemplateContent, op: MigrationOp): TemplateContent {
  const model = fromContent(content);
  const problem = opProblem(model, op);
  if (problem) throw new Error(problem);
  const next = applyOpToModel(model, op);
  const problems = checkModel(next, { publishing: true });
  if (problems.length) throw new Error(problems.map((p) => p.message).join("；"));
  return toContent(next);
}

/** "将“手机号码”的键从 mobile 改为 phone", in the reader's language. */
export function describeOp(model: DesignerModel, op: MigrationOp, locale: Locale = "zh"): string {
  const field = getField(model, op.path);
  const w = checks[locale];
  const kinds = designer[locale].kinds;
  const name = fmt(w.quote, { label: field?.label || op.path });
  if (op.type === "renameKey") return fmt(w.describeRename, { name, from: op.path.split(".").pop()!, to: op.newKey });
  return fmt(w.describeKind, { name, before: field ? kinds[field.kind] : "?", after: kinds[op.kind] });
}
