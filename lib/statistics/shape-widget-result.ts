import type { ListQuery } from "../records/list-query";
import type { ListSettings } from "../schema/types";
import { foldMonths } from "./fold-months";
import type { ResolvedWidget, WidgetProblem } from "./widget-fields";
import { groupFilters, listHref, ownerHref } from "./widget-link";
import type { Widget } from "./widget";

/** One bar, slice, point or table row. `key` null is 未填写; `label` is set where the key is not what people read (owners). */
export interface WidgetItem {
  key: string | boolean | null;
  label?: string;
  value: number;
  /** The list filtered to this group; null when the list cannot express it. */
  href: string | null;
}

/** What a widget shows, ready to draw: its numbers, or why it cannot show them. */
export type WidgetResult =
  | { state: "ok"; value: number; items: WidgetItem[]; href: string; money: boolean }
  | { state: "problem"; code: WidgetProblem["code"]; message: string }
  | { state: "badFilter"; message: string }
  | { state: "failed"; message: string };

/**
 * Sums of money can come back as 0.30000000000000004: cents are what people count. The embedded
 * database sums amounts with cents exactly in SQL only where it can prove the figure rounded
 * here is the same as with FerretDB's float sum (scripts/ferretdb/dossier_unwind.go,
 * dossierCentsProvable): figures shown with more than cents would need that proof again.
 */
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Turns the database's groups into what a widget draws: choices in the template's order with
 * 未填写 last, months folded from days, the largest groups first for a top-N table (at most
 * `limit`), each with its click-through to the list.
 */
export function shapeWidgetResult(params: {
  widget: Widget;
  resolved: ResolvedWidget;
  groups: { _id: unknown; value: unknown }[];
  templateKey: string;
  list: ListSettings;
  query: ListQuery;
  ownerNames?: Map<string, string>;
}): WidgetResult {
  const { widget, resolved, templateKey, list, query } = params;
  const groups = params.groups.map((g) => ({ _id: g._id, value: typeof g.value === "number" && Number.isFinite(g.value) ? g.value : 0 }));
  const money = resolved.sum?.kind === "money";
  const href = listHref(templateKey, list, query);
  const link = (key: unknown, byMonth = false) => {
    const extra = groupFilters(resolved.field, key, byMonth);
    return extra ? listHref(templateKey, list, query, extra) : null;
  };
  const total = round(groups.reduce((s, g) => s + g.value, 0));
  let items: WidgetItem[] = [];
  if (widget.kind === "byChoice") {
    const norm = (k: unknown): string | boolean | null => (typeof k === "string" && k !== "" ? k : typeof k === "boolean" ? k : null);
    const merged = new Map<string | boolean | null, number>();
    for (const g of groups) merged.set(norm(g._id), (merged.get(norm(g._id)) ?? 0) + g.value);
    const order: (string | boolean | null)[] = resolved.field?.kind === "boolean" ? [true, false] : [...(resolved.field?.options ?? [])];
    const keys = [...order.filter((k) => merged.has(k)), ...[...merged.keys()].filter((k) => k !== null && !order.includes(k)), ...(merged.has(null) ? [null] : [])];
    items = keys.map((key) => ({ key, value: round(merged.get(key)!), href: link(key) }));
  } else if (widget.kind === "byMonth") {
    items = foldMonths(groups).map(({ month, value }) => ({ key: month, value: round(value), href: link(month, true) }));
  } else if (widget.kind === "topN") {
    items = groups
      .map((g) => {
        const key = typeof g._id === "string" || typeof g._id === "boolean" ? g._id : g._id instanceof Date ? g._id.toISOString().slice(0, 10) : null;
        const label = resolved.owner ? (params.ownerNames?.get(String(g._id)) ?? undefined) : undefined;
        return { key, value: round(g.value), href: resolved.owner ? ownerHref(templateKey, list, query, g._id) : link(key), ...(label ? { label } : {}) };
      })
      .sort((a, b) => b.value - a.value || String(a.key).localeCompare(String(b.key)))
      .slice(0, widget.limit ?? 10);
  }
  return { state: "ok", value: total, items, href, money };
}
