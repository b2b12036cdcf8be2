import { z } from "zod";
import { zodKey } from "../validation/parse-input";
import type { FieldKind, PiiKind } from "../schema/types";
import type { DesignerField, DesignerModel } from "./model";

const KINDS: FieldKind[] = [
  "section", "table", "text", "textarea", "number", "money", "percent", "integer", "date", "datetime",
  "select", "multiselect", "boolean", "mobile", "phone", "email", "idNumber", "address",
];
const PII: PiiKind[] = ["idNumber", "phone", "email", "name", "address", "text"];

const json = z.record(z.string(), z.unknown());
const extras = z.object({ schema: json, ui: json }).strict();
const text = (max: number) => z.string().max(max, zodKey("templates.textTooLong"));

const visibleWhen = z
  .object({ field: text(300), equals: z.unknown().optional(), notEquals: z.unknown().optional(), in: z.array(z.unknown()).optional(), notIn: z.array(z.unknown()).optional() })
  .strict();

const scope = z.enum(["own", "team", "all"], { message: zodKey("templates.scopeValue") });
/** A version's data scopes: per role, own / team / all records (roles left out see all). */
export const scopesInput = z.object({ admin: scope.optional(), agent: scope.optional(), reviewer: scope.optional(), viewer: scope.optional() }).strict();

/** Reminder rules as sent by a client or found in content (shape only; the rules are in lib/schema/reminder-rules.ts). */
export const reminderRulesInput = z
  .array(
    z
      .object({
        id: text(40),
        title: text(100),
        date: text(300),
        offsets: z.array(z.number().int()).max(20),
        until: z.number().int().optional(),
        when: z.array(visibleWhen).max(20).optional(),
        outcomes: z.array(text(50)).max(20),
      })
      .strict(),
  )
  .max(50);

/** Self-fill settings (客户自填) as sent by a client or found in content (shape only). */
export const selfFillInput = z.object({ sections: z.array(text(64)).max(200), consent: z.boolean(), notice: text(5000) }).strict();

/** A designer field as sent by a client (shape only; the rules are in check-model). */
export const designerFieldInput: z.ZodType<DesignerField> = z.lazy(() =>
  z
    .object({
      key: text(64),
      label: text(200),
      kind: z.enum(KINDS as [FieldKind, ...FieldKind[]]),
      widget: z.enum(["dropdown", "radio", "checkboxes", "checkbox"]).optional(),
      description: text(2000).optional(),
      help: text(2000).optional(),
      placeholder: text(200).optional(),
      default: z.unknown().optional(),
      required: z.boolean(),
      min: z.number().optional(),
      max: z.number().optional(),
      minLength: z.number().optional(),
      maxLength: z.number().optional(),
      pattern: text(1000).optional(),
      patternMessage: text(200).optional(),
      options: z.array(text(200)).max(1000).optional(),
      unique: z.boolean(),
      showInList: z.boolean(),
      filterable: z.boolean(),
      pii: z.enum(PII as [PiiKind, ...PiiKind[]]).optional(),
      visibleWhen: visibleWhen.optional(),
      removed: z.boolean(),
      removedColumn: z.number().int().min(0).max(10_000).optional(),
      importAliases: z.array(z.string().min(1).max(50)).max(20).optional(),
      rowKey: z.array(text(64)).max(20).optional(),
      children: z.array(designerFieldInput).max(2000).optional(),
      uiOrder: z.boolean().optional(),
      extras,
      rowExtras: extras.optional(),
    })
    .strict(),
) as z.ZodType<DesignerField>;

/** A designer model as sent by a client. */
export const designerModelInput: z.ZodType<DesignerModel> = z
  .object({
    title: text(200).optional(),
    sections: z.array(designerFieldInput).max(2000),
    uiOrder: z.boolean(),
    extras,
    list: z
      .object({
        columns: z.array(text(300)).max(200),
        defaultSort: z.object({ field: text(300), dir: z.enum(["asc", "desc"]) }).strict().optional(),
        titleField: text(300).optional(),
        extras: json,
      })
      .strict(),
    verification: z.object({ enabled: z.boolean(), critical: z.array(text(300)).max(500) }).strict().optional(),
    selfFill: selfFillInput.optional(),
    scopes: scopesInput.optional(),
    demo: json.optional(),
    reminders: reminderRulesInput.optional(),
  })
  .strict() as z.ZodType<DesignerModel>;
