/**
 * The list page's view of a template: its columns, the fields its filter bar offers (with their
 * operators) and the fields its search box names, slimmed for the browser. Pure and shared: the
 * list page service (get-list-page.ts) builds them on the server, the client components read them.
 */
import { filterableFields, opsFor, searchableFields, searchesByEnding, type FilterOp } from "./list-query";
import { META_COLUMNS } from "../schema/meta-columns";
import { valueFieldMap } from "../schema/fields";
import type { FieldInfo, FieldKind, ListSettings, PiiKind } from "../schema/types";

/** A filterable field as the list's client components need it (no schema: it can be large). */
export interface ListField {
  path: string;
  title: string;
  /** The title with the table it lives in, e.g. "指定受益人 › 姓名"; equal to title outside tables. */
  label: string;
  kind: FieldKind;
  options?: string[];
  pii?: PiiKind;
  /** Marked `x-filterable`: shown as a chip even when not in use. */
  pinned: boolean;
  section: string;
  sectionTitle: string;
  ops: FilterOp[];
}

/** A column of the list table. Meta columns ("@updatedAt"…) get their titles from the dictionary. */
export interface ListColumn {
  id: string;
  title: string;
  kind?: FieldKind;
  options?: string[];
  meta: boolean;
  sortable: boolean;
  numeric: boolean;
}

const NUMERIC: FieldKind[] = ["number", "money", "percent", "integer"];

/** True for kinds shown right-aligned and filtered by range. */
export const isNumericKind = (kind: FieldKind | undefined) => !!kind && NUMERIC.includes(kind);

function titleIndex(fields: FieldInfo[]): Map<string, string> {
  return new Map(fields.map((f) => [f.path, f.title]));
}

/** "指定受益人 › 姓名" for a field inside a table; the plain title elsewhere. */
function labelOf(field: FieldInfo, titles: Map<string, string>): string {
  if (!field.inArray) return field.title;
  const parents: string[] = [];
  // Skip the root section: the filter menu already groups by it.
  for (let i = 1; i < field.segments.length - 1; i++) parents.push(titles.get(field.segments.slice(0, i + 1).join(".")) ?? field.segments[i]);
  if (field.segments.length > 1 && parents.length === 0) {
    // A table at the root (e.g. payments): its title is the group, the field title alone is ambiguous enough to prefix.
    parents.push(titles.get(field.segments[0]) ?? field.segments[0]);
  }
  return [...parents, field.title].join(" › ");
}

/**
 * The filterable fields of a template, in template order, slimmed for the browser. Without
 * `personalData` (a role that sees it masked) fields marked `x-pii` are left out, as the server refuses them.
 */
export function listFieldsForFilters(fields: FieldInfo[], options: { personalData?: boolean } = {}): ListField[] {
  const titles = titleIndex(fields);
  const personalData = options.personalData ?? true;
  return filterableFields(fields).filter((f) => personalData || !f.pii).map((f) => ({
    path: f.path,
    title: f.title,
    label: labelOf(f, titles),
    kind: f.kind,
    options: f.options,
    pii: f.pii,
    pinned: f.filterable,
    section: f.section,
    sectionTitle: titles.get(f.section) ?? f.section,
    ops: opsFor(f),
  }));
}

/** The table columns from the list settings; unknown or removed fields are left out. Without `personalData`, personal data is not sortable. */
export function listColumns(fields: FieldInfo[], list: ListSettings, options: { personalData?: boolean } = {}): ListColumn[] {
  const personalData = options.personalData ?? true;
  const byPath = valueFieldMap(fields);
  const out: ListColumn[] = [];
  for (const id of list.columns) {
    if (META_COLUMNS.includes(id)) {
      out.push({ id, title: id, meta: true, sortable: true, numeric: false });
      continue;
    }
    const f = byPath.get(id);
    if (!f || f.removed) continue;
    out.push({ id, title: f.title, kind: f.kind, options: f.options, meta: false, sortable: !f.inArray && (personalData || !f.pii), numeric: isNumericKind(f.kind) });
  }
  return out;
}

/** Groups fields by their section, keeping template order, for the "添加筛选" menu. */
export function groupBySection(fields: ListField[]): { section: string; title: string; fields: ListField[] }[] {
  const groups: { section: string; title: string; fields: ListField[] }[] = [];
  for (const f of fields) {
    let g = groups.find((x) => x.section === f.section);
    if (!g) groups.push((g = { section: f.section, title: f.sectionTitle, fields: [] }));
    g.fields.push(f);
  }
  return groups;
}

/**
 * Up to `max` titles of the fields the search box looks through, the list's columns first: the
 * box's placeholder names what this template's search finds.
 */
export function searchFieldTitles(fields: FieldInfo[], list: ListSettings, { personalData = true, max = 3 }: { personalData?: boolean; max?: number } = {}): string[] {
  // Without the right to see personal data, the server leaves it out of the search.
  const searchable = searchableFields(fields, { personalData });
  const rank = (path: string) => {
    const at = list.columns.indexOf(path);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return [...searchable]
    .sort((a, b) => rank(a.path) - rank(b.path))
    .slice(0, max)
    .map((f) => f.title);
}

/** Titles of the personal numbers the search matches by their last digits (roles that may reveal them). */
export function endingSearchTitles(fields: FieldInfo[], { personalData = true }: { personalData?: boolean } = {}): string[] {
  return personalData ? searchableFields(fields, { personalData }).filter(searchesByEnding).map((f) => f.title) : [];
}
