import { listQueryToParams, opsFor, type FieldFilter, type ListQuery } from "../records/list-query";
import type { FieldInfo, ListSettings } from "../schema/types";
import { monthRange } from "./fold-months";

/**
 * The list filter that picks one group of a widget (a bar, a slice, a row of a top-N table), or
 * null when the list cannot express it (the owner, a month of a table column: the list filters
 * table columns only by equality, and a record matches when any of its rows does).
 */
export function groupFilters(field: FieldInfo | undefined, key: unknown, byMonth: boolean): FieldFilter[] | null {
  if (!field) return null;
  const ops = opsFor(field);
  if (byMonth) {
    if (typeof key !== "string" || !ops.includes("gte")) return null;
    const { from, to } = monthRange(key);
    return [
      { path: field.path, op: "gte", value: from },
      { path: field.path, op: "lte", value: to },
    ];
  }
  if (key === null || key === undefined || key === "") return ops.includes("empty") ? [{ path: field.path, op: "empty" }] : null;
  if (typeof key === "boolean") return ops.includes("is") ? [{ path: field.path, op: "is", value: key }] : null;
  if (typeof key !== "string") return null;
  if (ops.includes("in") && field.options?.includes(key)) return [{ path: field.path, op: "in", value: [key] }];
  if (ops.includes("eq")) return [{ path: field.path, op: "eq", value: key }];
  if (ops.includes("gte")) return [
    { path: field.path, op: "gte", value: key },
    { path: field.path, op: "lte", value: key },
  ];
  return null;
}

/**
 * The list's address for a widget's records: its filters (the widget's own and the dashboard's),
 * plus those picking one group, which replace any on the same field and operator.
 */
export function listHref(templateKey: string, list: ListSettings, query: ListQuery, extra: FieldFilter[] = []): string {
  const replaced = new Set(extra.map((f) => `${f.path}.${f.op}`));
  const filters = [...query.filters.filter((f) => !replaced.has(`${f.path}.${f.op}`)), ...extra];
  const params = listQueryToParams({ ...query, filters, page: 1, sort: list.defaultSort ?? { field: "@updatedAt", dir: "desc" } }, list);
  const qs = params.toString();
  return `/t/${encodeURIComponent(templateKey)}${qs ? `?${qs}` : ""}`;
}
