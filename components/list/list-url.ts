import { listQueryToParams, type FieldFilter, type ListQuery } from "@/lib/records/list-query";
import type { ListSettings } from "@/lib/schema/types";

/** The list's address for a query, defaults left out: `/t/key` or `/t/key?f.x.in=a&page=2`. */
export function listHref(base: string, query: ListQuery, list: ListSettings): string {
  const params = listQueryToParams(query, list).toString();
  return params ? `${base}?${params}` : base;
}

/**
 * A changed query. Anything but a page change sends the reader back to page 1, since the old page
 * number means nothing under new filters, search, sort or page size.
 */
export function patchQuery(query: ListQuery, patch: Partial<ListQuery>): ListQuery {
  return { ...query, page: 1, ...patch };
}

/** The query with one field's filters replaced (an empty list removes them), kept in their place. */
export function replaceFieldFilters(query: ListQuery, path: string, filters: FieldFilter[]): ListQuery {
  const at = query.filters.findIndex((f) => f.path === path);
  const others = query.filters.filter((f) => f.path !== path);
  const next = at < 0 ? [...others, ...filters] : [...others.slice(0, at), ...filters, ...others.slice(at)];
  return patchQuery(query, { filters: next });
}

/** True when filters or a search narrow the list (so an empty result is "no match", not "no records"). */
export function hasCriteria(query: ListQuery): boolean {
  return query.filters.length > 0 || query.q !== "" || Boolean(query.owner);
}

/** The query without filters (the owner's included) and search, on page 1; sort, size and trash stay as they were. */
export function clearCriteria(query: ListQuery): ListQuery {
  return patchQuery(query, { filters: [], q: "", owner: undefined });
}

/** Sort after clicking a column header: the same column flips direction, another starts ascending. */
export function nextSort(query: ListQuery, column: string): ListQuery["sort"] {
  if (query.sort.field === column) return { field: column, dir: query.sort.dir === "asc" ? "desc" : "asc" };
  return { field: column, dir: "asc" };
}

/**
 * Page numbers to offer around the current one, with "gap" where pages are skipped:
 * 1 … 4 5 [6] 7 8 … 20. Always includes the first and last page and, once there are enough pages,
 * always the same number of entries, so the pager does not change width while paging.
 */
export function pageWindow(page: number, pages: number, span = 2): (number | "gap")[] {
  if (pages <= 1) return [1];
  const from = Math.max(2, Math.min(page - span, pages - 2 * span - 2));
  const to = Math.min(pages - 1, Math.max(page + span, 2 * span + 3));
  const out: (number | "gap")[] = [1];
  if (from > 2) out.push("gap");
  for (let p = from; p <= to; p++) out.push(p);
  if (to < pages - 1) out.push("gap");
  out.push(pages);
  return out;
}
