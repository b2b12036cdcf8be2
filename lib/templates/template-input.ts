import { z } from "zod";
import { zodKey } from "../validation/parse-input";
import { designerModelInput, reminderRulesInput, scopesInput, selfFillInput } from "../template-model/model-input";
import { TEMPLATE_KEY_PATTERN } from "../template-model/keys";
import type { TemplateContent } from "../schema/types";

const json = z.record(z.string(), z.unknown(), { message: zodKey("templates.inputNotObject") });
const revision = z.number({ message: zodKey("templates.revisionMissing") }).int({ message: zodKey("api.positiveInt") }).positive({ message: zodKey("api.positiveInt") });
const name = z.string().trim().min(1, zodKey("templates.nameRequired")).max(100, zodKey("templates.nameTooLong"));
const info = {
  productLine: z.string().trim().max(50, zodKey("templates.productLineTooLong")).optional(),
  description: z.string().trim().max(1000, zodKey("templates.descriptionTooLong")).optional(),
};
/** A template key as typed by an administrator. */
export const templateKey = z.string().trim().regex(TEMPLATE_KEY_PATTERN, zodKey("templates.keyPattern"));

/** Template content as sent by the JSON view or found in an imported file (shape only). */
export const templateContentInput = z
  .object({
    schema: json,
    uiSchema: json,
    list: z.object({ columns: z.array(z.string(), { message: zodKey("templates.columnsNotStrings") }) }).passthrough(),
    verification: z.object({ enabled: z.boolean(), critical: z.array(z.string().max(300)).max(500) }, { message: zodKey("templates.verificationShape") }).strict().optional(),
    selfFill: selfFillInput.optional(),
    scopes: scopesInput.optional(),
    demo: json.optional(),
    reminders: reminderRulesInput.optional(),
  })
  .strict() as unknown as z.ZodType<TemplateContent>;

/** Body of a draft save: the revision it started from and either the designer model or raw content. */
export const saveDraftInput = z
  .object({ revision, model: designerModelInput.optional(), content: templateContentInput.optional() })
  .strict()
  .refine((v) => (v.model === undefined) !== (v.content === undefined), { message: zodKey("templates.modelOrContent") });

/** Body of publish: the revision the draft was reviewed at, and a note for the version. */
export const publishInput = z.object({ revision, note: z.string().trim().max(500, zodKey("templates.noteTooLong")).optional() }).strict();

/** Body of a discard: the revision the draft was seen at. */
export const revisionInput = z.object({ revision }).strict();

/** Create a blank template. */
export const createTemplateInput = z.object({ name, key: templateKey.optional(), ...info }).strict();

/** Clone a version of another template. */
export const cloneTemplateInput = z
  .object({ source: templateKey, version: z.number().int().positive().optional(), name, key: templateKey.optional(), ...info })
  .strict();

/** Import an exported template file. */
export const importTemplateInput = z
  .object({ document: z.unknown(), key: templateKey.optional(), name: name.optional(), onConflict: z.enum(["error", "rename"]).default("error") })
  .strict();

/** Rename or describe a template (not a new version). */
export const updateInfoInput = z.object({ revision, name: name.optional(), ...info }).strict();

/** A version number or the draft. */
export const versionRef = z.union([z.literal("draft"), z.coerce.number().int().positive()], { message: zodKey("templates.versionRef") });
export type VersionRef = number | "draft";
