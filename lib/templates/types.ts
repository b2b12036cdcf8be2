import type { FieldInfo, TemplateContent } from "../schema/types";

/** A template as listed in the sidebar and on the templates page. */
export interface TemplateSummary {
  key: string;
  name: string;
  productLine: string;
  description: string;
  status: "active" | "archived";
  currentVersion: number;
  hasDraft: boolean;
  origin?: { templateKey: string; version: number };
  updatedAt: string;
}

/** One published, immutable version of a template, parsed and ready to render or validate with. */
export interface PublishedTemplate {
  key: string;
  name: string;
  productLine: string;
  description: string;
  version: number;
  content: TemplateContent;
  fields: FieldInfo[];
  /** Archived templates keep their records readable and editable but take no new ones. */
  archived?: boolean;
}
