/**
 * What an export writes, decided before a record is read: its sheets, their columns and each
 * column's title. Pure: the export service (export-records.ts) fills the rows.
 *
 * The titles are the ones the import reads back (a field's title; "表名·列名" for a table column
 * and "分区·字段" for a field only when a plain title would be taken twice), so an exported file
 * imports into the same template, or a clone of it, without touching the mapping.
 */
import { importTargets, suggestMapping, type ImportTarget } from "../imports/targets";
import { META_COLUMNS } from "../schema/meta-columns";
import { valueFieldMap } from "../schema/fields";
import type { FieldInfo, FieldKind, ListSettings, PiiKind } from "../schema/types";

/** Which columns: the list's, or every field (tables included). */
export type ExportColumns = "list" | "all";
/** Tables (with every field): one row per table row (the seed's one-row shape), or a sheet per table (.xlsx only). */
export type ExportTables = "flat" | "sheets";

/** One column of a sheet: a record property ("@updatedAt"), a record field, or a table column. */
export interface ExportColumn {
  header: string;
  /** "@createdAt"… for a record property; a field's dot path otherwise. */
  id: string;
  kind?: FieldKind;
  pii?: PiiKind;
  /** The table it belongs to (dot path), for a table column. */
  table: string | null;
  /** Segments from the record root, or from the table row for a table column. */
  segments: string[];
}

export interface ExportSheet {
  name: string;
  /** Set on a table's own sheet: one spreadsheet row per row of that table. */
  table: string | null;
  columns: ExportColumn[];
}

const fieldColumn = (t: ImportTarget): ExportColumn => ({ header: t.title, id: t.path, kind: t.field.kind, pii: t.field.pii, table: t.table, segments: t.segments });

/**
 * Plain titles where the import maps them back to the same field, the longer label where it
 * would not: a title used twice (身份证号码 of the insured and of a beneficiary), or one that is
 * another field's import alias (a beneficiary's 联系方式 would land in 手机号码).
 */
function settleHeaders(columns: ExportColumn[], targets: ImportTarget[], labelOf: (c: ExportColumn) => string): ExportColumn[] {
  const suggested = suggestMapping(columns.map((c) => c.header), targets);
  return columns.map((c, i) => (!c.id.startsWith("@") && suggested[i] !== c.id ? { ...c, header: labelOf(c) } : c));
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, " ").trim().slice(0, 31) || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The sheets of an export. `metaTitle` names record properties in the reader's language.
 * - "list": the list's columns (the record title first when the list leaves it out), one sheet.
 * - "all", "flat": every record field, then every table's columns, then the record properties;
 *   a record with several table rows takes several spreadsheet rows (its fields repeated).
 * - "all", "sheets": the record fields and properties on the first sheet; each table on its
 *   own sheet, its rows joined to the record by the record's key columns.
 */
export function exportLayout(params: {
  fields: FieldInfo[];
  list: ListSettings;
  templateName: string;
  columns: ExportColumns;
  tables: ExportTables;
  metaTitle: (id: string) => string;
}): ExportSheet[] {
  const { fields, list, templateName, metaTitle } = params;
  const taken = new Set<string>();
  const targets = importTargets(fields);
  const meta = (id: string): ExportColumn => ({ header: metaTitle(id), id, table: null, segments: [] });
  if (params.columns === "list") {
    const byPath = valueFieldMap(fields);
    const ids = list.titleField && !list.columns.includes(list.titleField) ? [list.titleField, ...list.columns] : list.columns;
    const columns: ExportColumn[] = [];
    for (const id of ids) {
      if (META_COLUMNS.includes(id)) columns.push(meta(id));
      else {
        const f = byPath.get(id);
        if (f && !f.removed && !f.inArray) columns.push({ header: f.title, id, kind: f.kind, pii: f.pii, table: null, segments: f.segments });
      }
    }
    return [{ name: sheetName(templateName, taken), table: null, columns: settleHeaders(columns, targets, (c) => sectionLabel(fields, c)) }];
  }
  const recordColumns = targets.filter((t) => !t.table).map(fieldColumn);
  const tableColumns = targets.filter((t) => t.table).map(fieldColumn);
  const metaColumns = ["@createdAt", "@updatedAt", "@owner"].map(meta);
  const tableTitle = (table: string) => fields.find((f) => f.path === table)?.title ?? table;
  const tableLabel = (c: ExportColumn) => (c.table ? `${tableTitle(c.table)}·${c.header}` : sectionLabel(fields, c));
  if (params.tables === "flat") {
    return [{ name: sheetName(templateName, taken), table: null, columns: settleHeaders([...recordColumns, ...tableColumns, ...metaColumns], targets, tableLabel) }];
  }
  const sheets: ExportSheet[] = [{ name: sheetName(templateName, taken), table: null, columns: settleHeaders([...recordColumns, ...metaColumns], targets, tableLabel) }];
  const keys = joinColumns(fields, recordColumns, list.titleField, meta);
  for (const table of [...new Set(tableColumns.map((c) => c.table!))]) {
    const own = tableColumns.filter((c) => c.table === table);
    sheets.push({ name: sheetName(tableTitle(table), taken), table, columns: settleHeaders([...keys, ...own], targets.filter((t) => t.table === table || keys.some((k) => k.id === t.path)), tableLabel) });
  }
  return sheets;
}

/** "投保人信息·姓名": a record field with the section it sits in. */
function sectionLabel(fields: FieldInfo[], c: ExportColumn): string {
  const section = fields.find((f) => f.path === c.segments[0] && f.kind === "section");
  return section && c.segments.length > 1 ? `${section.title}·${c.header}` : c.header;
}

/**
 * The columns that tie a table sheet's rows to their record: the template's first unique field
 * and the record title (the record id when there is no unique field), whatever the reader picks.
 */
function joinColumns(fields: FieldInfo[], recordColumns: ExportColumn[], titleField: string | undefined, meta: (id: string) => ExportColumn): ExportColumn[] {
  const unique = recordColumns.find((c) => fields.find((f) => f.path === c.id)?.schema["x-unique"] === true);
  const title = recordColumns.find((c) => c.id === titleField && c.id !== unique?.id);
  return [unique ?? meta("@id"), ...(title ? [title] : [])];
}
