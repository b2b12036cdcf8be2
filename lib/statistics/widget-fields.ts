import { valueFieldMap } from "../schema/fields";
import type { FieldInfo, FieldKind } from "../schema/types";
import { CHARTS_OF, OWNER, type Widget, type WidgetKind } from "./widget";

const CHOICE: FieldKind[] = ["select", "boolean"];
const DATE: FieldKind[] = ["date"];
const GROUPABLE: FieldKind[] = ["select", "boolean", "text", "date"];
const SUMMABLE: FieldKind[] = ["number", "money", "integer"];

/**
 * The field kinds a widget may group by. Personal data is never among them (a count per ID number
 * or per name would list the people); multiple choices are left out (a group per combination).
 */
export function groupKinds(kind: WidgetKind): FieldKind[] {
  return kind === "byChoice" ? CHOICE : kind === "byMonth" ? DATE : kind === "topN" ? GROUPABLE : [];
}

/** Fields a widget of `kind` may group by: live, not personal data, of a fitting kind (the editor offers these). */
export function groupFields(fields: FieldInfo[], kind: WidgetKind): FieldInfo[] {
  const kinds = groupKinds(kind);
  return [...valueFieldMap(fields).values()].filter((f) => !f.removed && !f.pii && kinds.includes(f.kind));
}

/** Number and money fields a widget may add up (not percentages: their sum means nothing). */
export function sumFields(fields: FieldInfo[]): FieldInfo[] {
  return [...valueFieldMap(fields).values()].filter((f) => !f.removed && !f.pii && SUMMABLE.includes(f.kind));
}

/** The table a table column belongs to ("payments" for payments.amount); null outside tables. */
export function tableOf(field: FieldInfo | undefined): string | null {
  return field?.inArray ? field.segments.slice(0, -1).join(".") : null;
}

/** What a widget refers to that is not (or no longer) usable, or null when everything fits. */
export type WidgetProblem =
  | { code: "fieldGone"; field: string }
  | { code: "personal"; field: string }
  | { code: "needsField" }
  | { code: "mixedTables"; field: string; sum: string }
  | { code: "outsideTable"; table: string; field: string | null }
  | { code: "badChart" };

/** The fields a widget names, resolved against the template (undefined: not there). */
export interface ResolvedWidget {
  field?: FieldInfo;
  sum?: FieldInfo;
  owner: boolean;
  /** The table whose rows the widget counts or adds up ($unwind), if any. */
  table: string | null;
}

/**
 * Checks a widget against the template's fields: the grouping field and the summed field exist,
 * are not removed, have a fitting kind, are not personal data, and use at most one table. The same
 * check refuses a save and, for a dashboard saved before the template changed, turns a widget into
 * a placeholder instead of a query.
 */
export function resolveWidget(widget: Widget, fields: FieldInfo[]): { ok: ResolvedWidget } | { problem: WidgetProblem } {
  const byPath = valueFieldMap(fields);
  if (widget.chart !== undefined && !CHARTS_OF[widget.kind].includes(widget.chart)) return { problem: { code: "badChart" } };
  let field: FieldInfo | undefined;
  const owner = widget.kind === "topN" && widget.field === OWNER;
  if (widget.kind !== "number" && !owner) {
    if (!widget.field) return { problem: { code: "needsField" } };
    field = byPath.get(widget.field);
    if (field?.pii) return { problem: { code: "personal", field: field.title } };
    if (!field || field.removed || !groupKinds(widget.kind).includes(field.kind)) return { problem: { code: "fieldGone", field: field?.title ?? widget.field } };
  }
  let sum: FieldInfo | undefined;
  if (widget.sum) {
    sum = byPath.get(widget.sum);
    if (sum?.pii) return { problem: { code: "personal", field: sum.title } };
    if (!sum || sum.removed || !SUMMABLE.includes(sum.kind)) return { problem: { code: "fieldGone", field: sum?.title ?? widget.sum } };
  }
  const tables = new Set([tableOf(field), tableOf(sum)].filter((t): t is string => t !== null));
  if (tables.size > 1) return { problem: { code: "mixedTables", field: field!.title, sum: sum!.title } };
  // Rows of a table are grouped and added up by their own columns only: a row does not carry the
  // record's other fields through the embedded database's $unwind (lib/db/unwind-keeps-document.ts).
  const table = [...tables][0] ?? null;
  if (table) {
    const outside = owner ? null : [field, sum].find((f) => f && !f.inArray);
    if (owner || outside) return { problem: { code: "outsideTable", table: fields.find((f) => f.path === table)?.title ?? table, field: outside ? outside.title : null } };
  }
  return { ok: { field, sum, owner, table } };
}
