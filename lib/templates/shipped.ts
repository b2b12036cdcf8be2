import customerArchive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "../schema/types";

/** A template shipped in `schemas/`, seeded on first start. */
export interface ShippedTemplate extends TemplateContent {
  key: string;
  name: string;
  productLine: string;
  description: string;
}

/** Every template in `schemas/`; the first is the default one. */
export const shippedTemplates = [customerArchive] as unknown as ShippedTemplate[];

/** Splits a shipped file into identity and version content. */
export function contentOf(t: ShippedTemplate): TemplateContent {
  return { schema: t.schema, uiSchema: t.uiSchema, list: t.list, ...(t.verification ? { verification: t.verification } : {}), ...(t.scopes ? { scopes: t.scopes } : {}), demo: t.demo, reminders: t.reminders };
}
