import type { DesignerProblem } from "../template-model/check-model";
import type { DiffEntry } from "../template-model/diff-content";
import type { DesignerModel } from "../template-model/model";
import type { FieldError } from "../schema/messages";
import type { TemplateContent } from "../schema/types";
import type { MigrationOp } from "../template-model/migration-op";
import type { TemplateSummary } from "./types";

/** A template's summary with the revision that guards its edits. */
export interface TemplateAdminSummary extends TemplateSummary {
  revision: number;
}

/** The last saved draft, if any. */
export interface DraftInfo {
  baseVersion: number;
  updatedAt: string;
  updatedByName: string;
}

/** What the designer opens: the draft if there is one, else the current version. */
export interface TemplateForEdit {
  template: TemplateAdminSummary;
  source: "draft" | "version";
  content: TemplateContent;
  model: DesignerModel;
  /** Problems that would keep this content from being published. */
  problems: DesignerProblem[];
  draft: DraftInfo | null;
}

/** One published version in the history. */
export interface VersionSummary {
  version: number;
  note: string;
  publishedAt: string;
  publishedByName: string;
  isCurrent: boolean;
  migration?: MigrationOp;
  impact?: { total: number; failing: number };
}

/** Why a record would fail a candidate version. */
export type ImpactReason = "required" | "choiceRemoved" | "typeNarrowed" | "pattern" | "duplicate" | "other";

/** A record that would fail, with its first errors of one reason. */
export interface ImpactRecord {
  id: string;
  title: string;
  templateVersion: number;
  errors: FieldError[];
}

/** The failing records of one reason: exact counts, the first records listed. */
export interface ImpactGroup {
  reason: ImpactReason;
  label: string;
  count: number;
  fields: { path: string; label: string; count: number }[];
  records: ImpactRecord[];
  truncated: boolean;
}

/** How existing records fare against a candidate version. */
export interface ImpactReport {
  total: number;
  failing: number;
  groups: ImpactGroup[];
}

/** A diff between two versions (or a version and the draft). */
export interface VersionDiff {
  from: number | "draft";
  to: number | "draft";
  changes: DiffEntry[];
}

/** The file format of an exported template. */
export interface TemplateExport {
  format: "dossier-template";
  formatVersion: 1;
  key: string;
  name: string;
  productLine: string;
  description: string;
  version: number | "draft";
  exportedAt: string;
  content: TemplateContent;
}
