import { z } from "zod";
import { designerModelInput, reminderRulesInput, scopesInput, selfFillInput } from "../template-model/model-input";
import { TEMPLATE_KEY_PATTERN } from "../template-model/keys";
import type { TemplateContent } from "../schema/types";

const json = z.record(z.string(), z.unknown(), { message: "必须是 JSON 对象" });
const revision = z.number({ message: "缺少修改所基于的版本号（revision）" }).int({ message: "revision 必须是正整数" }).positive({ message: "revision 必须是正整数" });
const name = z.string().trim().min(1, "请填写模板名称").max(100, "模板名称最多 100 个字符");
const info = {
  productLine: z.string().trim().max(50, "产品线最多 50 个字符").optional(),
  description: z.string().trim().max(1000, "说明最多 1000 个字符").optional(),
};
/** A template key as typed by an administrator. */
export const templateKey = z.string().trim().regex(TEMPLATE_KEY_PATTERN, "模板键只能包含小写字母、数字和短横线，以字母开头，2–64 个字符");

/** Template content as sent by the JSON view or found in an imported file (shape only). */
export const templateContentInput = z
  .object({
    schema: json,
    uiSchema: json,
    list: z.object({ columns: z.array(z.string(), { message: "list.columns 必须是字符串数组" }) }).passthrough(),
    verification: z.object({ enabled: z.boolean(), critical: z.array(z.string().max(300)).max(500) }, { message: "核对设置必须是 { enabled, critical }" }).strict().optional(),
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
  .refine((v) => (v.model === undefined) !== (v.content === undefined), { message: "请提供 model 或 content 其中之一" });

/** Body of publish: the revision the draft was reviewed at, and a note for the version. */
export const publishInput = z.object({ revision, note: z.string().trim().max(500, "版本说明最多 500 个字符").optional() }).strict();

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
export const versionRef = z.union([z.literal("draft"), z.coerce.number().int().positive()], { message: "版本只能是正整数或 draft" });
export type VersionRef = number | "draft";
