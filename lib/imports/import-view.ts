import "server-only";
import type { ImportDoc } from "../db/models/import";
import type { JobDoc } from "../db/models/job";
import { toJobProgress, type JobProgress } from "../jobs/job-progress";
import type { PublishedTemplate } from "../templates/types";
import type { ImportJobState } from "./import-job";
import { constantsOf, keyCandidates } from "./import-settings";
import { importSource } from "./import-source";
import { ROW_SPAN } from "./sheet-joins";
import { importTargets, titleUnit } from "./targets";
import type { UndoJobState } from "./undo-job";

/** An import's check or run as the page shows it. */
export interface ImportJobView extends ImportJobState {
  progress: JobProgress;
}

/** A field a column can be mapped to, as the mapping step lists it. */
export interface TargetOption {
  path: string;
  label: string;
  table: boolean;
  unique: boolean;
  required: boolean;
}

/** Everything the import page needs about one import. */
export interface ImportView {
  id: string;
  templateKey: string;
  fileName: string;
  format: "xlsx" | "csv";
  size: number;
  sheets: string[];
  /** Which of `sheets` the workbook hides (下拉选项 lists): listed as hidden, never chosen by default. */
  hiddenSheets: string[];
  sheet: string | null;
  /** Table sheets read with `sheet` as one table, in order (their rows are numbered as in sheet-joins.ts). */
  joins: string[];
  /** Whether table sheets are looked for and read with `sheet`. */
  joinSheets: boolean;
  encoding: string | null;
  detectedEncoding: string | null;
  /** The header's row number in the sheet (null: an import from before it was kept). */
  headerRow: number | null;
  /** A CSV's separator: ",", ";" or a tab. */
  delimiter: string | null;
  /** The separator guessed at upload (null: not a CSV, or an import from before it was kept). */
  detectedDelimiter: string | null;
  headers: string[];
  /** The columns (indexes into `headers`) hidden in Excel: imported like any other when mapped, so marked. */
  hiddenColumns: number[];
  sample: string[][];
  mapping: (string | null)[];
  keyField: string | null;
  mode: "create" | "upsert" | "update";
  constants: Record<string, string>;
  targets: TargetOption[];
  /** Per column, the unit of amount its title names for the field it is mapped to (万元: 50 is read as 500,000), else null. */
  units: (string | null)[];
  keyFields: string[];
  check: ImportJobView | null;
  run: ImportJobView | null;
  /** Undoing the whole import: progress and what it did, once started. */
  undo: ImportUndoView | null;
  undone: boolean;
  createdAt: string;
  createdByName: string;
}

/** Rows of joined table sheets with their sheet and their row there (the API gave 10000003 for 缴费记录 row 3). */
function placed<T extends { row: number }>(rows: T[] | undefined, joins: string[]): T[] | undefined {
  return rows?.map((r) => (r.row >= ROW_SPAN && joins[Math.floor(r.row / ROW_SPAN) - 1] ? { ...r, sheet: joins[Math.floor(r.row / ROW_SPAN) - 1], sheetRow: r.row % ROW_SPAN } : r));
}

function jobView(doc: JobDoc | null, joins: string[]): ImportJobView | null {
  if (!doc) return null;
  const state = (doc.state ?? {}) as ImportJobState;
  const view: ImportJobView = { ...state, progress: toJobProgress(doc) };
  if (joins.length) {
    if (state.samples) view.samples = placed(state.samples, joins);
    if (state.skippedRows) view.skippedRows = placed(state.skippedRows, joins);
    if (state.noticeRows) view.noticeRows = placed(state.noticeRows, joins);
  }
  return view;
}

/**
 * Fields every record must have, by dot path: required by their section, in a section the record
 * itself requires. A field required only inside an optional section (投保人信息 › 与被保险人关系)
 * or a table row is needed only when that section or row is there, so it is not asked for as a
 * fixed value.
 */
function requiredPaths(template: PublishedTemplate): Set<string> {
  const out = new Set<string>();
  const visit = (node: PublishedTemplate["content"]["schema"], prefix: string[]) => {
    const required = node.required ?? [];
    for (const key of required) out.add([...prefix, key].join("."));
    for (const [key, child] of Object.entries(node.properties ?? {})) if (child.type === "object" && required.includes(key)) visit(child, [...prefix, key]);
  };
  visit(template.content.schema, []);
  return out;
}

/** An undo's progress and tallies (not the list of what the import wrote). */
export type ImportUndoView = Omit<UndoJobState, "items" | "next"> & { progress: JobProgress; keptTitles?: Record<string, string> };

function undoView(doc: JobDoc): ImportUndoView {
  const { items: _items, next: _next, ...tallies } = (doc.state ?? {}) as UndoJobState;
  return { ...tallies, progress: toJobProgress(doc) };
}

/** The import as the page shows it, with its jobs' progress. */
export function toImportView(doc: ImportDoc, template: PublishedTemplate, jobs: { check: JobDoc | null; run: JobDoc | null; undo?: JobDoc | null }): ImportView {
  const targets = importTargets(template.fields);
  const required = requiredPaths(template);
  const joins = (importSource(doc).joins ?? []).map((j) => j.sheet);
  return {
    id: doc._id,
    templateKey: doc.templateKey,
    fileName: doc.fileName,
    format: doc.format as ImportView["format"],
    size: doc.size,
    sheets: doc.sheets,
    hiddenSheets: doc.hiddenSheets ?? [],
    sheet: doc.sheet ?? null,
    joins,
    joinSheets: doc.joinSheets ?? true,
    encoding: doc.encoding ?? null,
    detectedEncoding: doc.detectedEncoding ?? null,
    headerRow: doc.headerRow ?? null,
    delimiter: doc.format === "csv" ? (doc.delimiter ?? ",") : null,
    detectedDelimiter: doc.format === "csv" ? (doc.detectedDelimiter ?? null) : null,
    headers: doc.headers,
    hiddenColumns: doc.hiddenColumns ?? [],
    sample: ((doc.sample ?? []) as { cells: string[] }[]).map((r) => r.cells),
    mapping: doc.mapping as (string | null)[],
    keyField: doc.keyField ?? null,
    mode: doc.mode as ImportView["mode"],
    constants: constantsOf(doc.constants),
    targets: targets.map((t) => ({ path: t.path, label: t.label, table: !!t.table, unique: t.field.schema["x-unique"] === true, required: required.has(t.path) })),
    units: doc.headers.map((title, i) => {
      const target = targets.find((t) => t.path === (doc.mapping as (string | null)[])[i]);
      return (target && titleUnit(title, target)?.text) ?? null;
    }),
    keyFields: keyCandidates(targets).map((t) => t.path),
    check: jobView(jobs.check, joins),
    run: jobView(jobs.run, joins),
    undo: jobs.undo ? undoView(jobs.undo) : null,
    undone: !!doc.undoneAt,
    createdAt: doc.createdAt.toISOString(),
    createdByName: doc.createdByName,
  };
}
