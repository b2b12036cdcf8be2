import customerArchive from "../../schemas/customer-archive.json";
import customerArchiveDashboard from "../../schemas/customer-archive.dashboard.json";
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
  return { schema: t.schema, uiSchema: t.uiSchema, list: t.list, ...(t.verification ? { verification: t.verification } : {}), ...(t.selfFill ? { selfFill: t.selfFill } : {}), ...(t.scopes ? { scopes: t.scopes } : {}), demo: t.demo, reminders: t.reminders };
}

/**
 * The statistics dashboards shipped beside the templates (`schemas/<key>.dashboard.json`): shown
 * until an administrator saves one of their own, and again after 恢复默认. Checked by
 * lib/statistics like any saved dashboard; a clone gets its origin's.
 */
export const shippedDashboards = [customerArchiveDashboard] as { templateKey: string; widgets: unknown[] }[];
