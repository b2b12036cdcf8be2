import { listQueryToParams, opsFor, type FieldFilter, type ListQuery } from "../records/list-query";
import type { FieldInfo, ListSettings } from "../schema/types";
import { monthRange } from "./fold-months";

/**
 * The list filter that picks one group of a widget (a bar, a slice, a row of a top-N table), or
 * null when the list cannot express it. A month of a table's date picks the records with a row
 * dated in that month (`f.payments.date.month=2024-02`); the list shows records, so a record
 * with two such rows is one line there and two rows in the chart. The owner is not a field: see
 * ownerHref.
 */
export function groupFilters(field: FieldInfo | undefined, key: unknown, byMonth: boolean): FieldFilter[] | null {
  if (!field) return null;
  const ops = opsFor(field);
  if (byMonth) {
    if (typeof key !== "string" || !/^\d{4}-\d{2}$/.test(key)) return null;
    if (ops.includes("month")) return [{ path: field.path, op: "month", value: key }];
    if (!ops.includes("gte")) return null;
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
export function listHref(templateKey: string, list: ListSettings, query: ListQuery, extra: FieldFilter[] = [], owner?: string): string {
  const replaced = new Set(extra.map((f) => `${f.path}.${f.op}`));
  const filters = [...query.filters.filter((f) => !replaced.has(`${f.path}.${f.op}`)), ...extra];
  const params = listQueryToParams({ ...query, filters, page: 1, sort: list.defaultSort ?? { field: "@updatedAt", dir: "desc" }, ...(owner ? { owner } : {}) }, list);
  const qs = params.toString();
  return `/t/${encodeURIComponent(templateKey)}${qs ? `?${qs}` : ""}`;
}

/** The list's address for one owner's records (a row of a top-N by 经办人), with the widget's filters; null for an id that is not a user's. */
export function ownerHref(templateKey: string, list: ListSettings, query: ListQuery, ownerId: unknown): string | null {
  return typeof ownerId === "string" && /^[0-9a-f]{24}$/i.test(ownerId) ? listHref(templateKey, list, query, [], ownerId.toLowerCase()) : null;
}
