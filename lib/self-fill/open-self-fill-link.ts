import "server-only";
import { randomUUID } from "node:crypto";
import { writeAuditEvent } from "../audit/write-audit-event";
import { SelfFillLinkModel } from "../db/models/self-fill-link";
import { selfFillOf } from "../schema/self-fill";
import type { ValidatorRef } from "../schema/standalone-runtime";
import type { JsonSchema, UiSchema } from "../schema/types";
import { currentShape } from "../templates/upgrade-record-data";
import { validatorScriptFor } from "../templates/validator-scripts";
import { narrowSchema, narrowUiSchema, withOptional } from "./narrow-schema";
import { prefill } from "./prefill";
import { resolveLink } from "./resolve-link";

/** What the customer's page gets: the narrowed form, prefilled without personal data in full. */
export interface SelfFillFormModel {
  templateName: string;
  schema: JsonSchema;
  uiSchema: UiSchema;
  data: Record<string, unknown>;
  consent: boolean;
  /** The template's privacy notice; "" means the product's general one. */
  notice: string;
  expiresAt: string;
  isNew: boolean;
  /** Some personal data on file is shown only as masked hints (and kept when left blank). */
  masked: boolean;
  /** Where the page loads the precompiled validators of `schema` (the Content-Security-Policy allows no compiling). */
  validator: ValidatorRef;
}

/**
 * The form a link shows: the template's schema narrowed to the link's sections, with the personal
 * data on file made optional (left blank, it stays as stored), and the data it starts from.
 */
export async function selfFillForm(resolved: NonNullable<Awaited<ReturnType<typeof resolveLink>>>) {
  const { template, record, sections } = resolved;
  const narrowed = narrowSchema(template.content.schema, sections);
  const stored = record ? await currentShape(record, template.version) : {};
  const { data, placeholders, optional } = prefill(narrowed, stored);
  return { schema: withOptional(narrowed, optional), data, placeholders, optional };
}

/** The precompiled validators of a link's form, for the public page's script (null: the link cannot be used). */
export async function selfFillValidatorScript(token: string): Promise<string | null> {
  const resolved = await resolveLink(token);
  if (!resolved) return null;
  return validatorScriptFor((await selfFillForm(resolved)).schema).code;
}

/** Merges placeholder hints into a section's uiSchema. */
function withPlaceholders(ui: UiSchema, placeholders: UiSchema): UiSchema {
  const out: UiSchema = { ...ui };
  for (const [section, fields] of Object.entries(placeholders)) {
    const sectionUi = { ...((out[section] as UiSchema | undefined) ?? {}) };
    for (const [field, hint] of Object.entries(fields as UiSchema)) sectionUi[field] = { ...((sectionUi[field] as UiSchema | undefined) ?? {}), ...(hint as UiSchema) };
    out[section] = sectionUi;
  }
  return out;
}

/**
 * Opens a self-fill link for the customer (public): the form restricted to the link's sections,
 * prefilled from the record for an existing one — personal data only as masked hints — or null
 * for any link that cannot be used (see resolveLink). Every open is audited; the first one marks
 * the link 已打开.
 */
export async function openSelfFillLink(params: { token: string; ip: string }): Promise<SelfFillFormModel | null> {
  const resolved = await resolveLink(params.token);
  if (!resolved) return null;
  const { link, agent, template, record, sections } = resolved;
  const { schema, data, placeholders, optional } = await selfFillForm(resolved);
  const { hash } = validatorScriptFor(schema);
  const at = new Date();
  await SelfFillLinkModel.updateOne({ _id: link._id, openedAt: null }, { $set: { openedAt: at } });
  await writeAuditEvent({
    id: `selffill:${String(link._id)}:open:${at.getTime()}:${randomUUID().slice(0, 8)}`,
    actor: agent,
    action: "selfFill.open",
    entity: record ? "record" : "user",
    entityId: record ? String(record._id) : agent.id,
    templateKey: template.key,
    meta: { linkId: String(link._id), ip: params.ip },
    at,
  });
  const settings = selfFillOf(template.content);
  return {
    templateName: template.name,
    schema,
    uiSchema: withPlaceholders(narrowUiSchema(template.content.uiSchema, sections), placeholders),
    data,
    consent: settings.consent,
    notice: settings.notice,
    expiresAt: link.expiresAt.toISOString(),
    isNew: !record,
    masked: optional.length > 0,
    validator: { src: `/api/public/self-fill/${encodeURIComponent(params.token)}/validator.js?h=${hash}`, hash },
  };
}
