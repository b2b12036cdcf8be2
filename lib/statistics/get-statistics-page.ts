import "server-only";
import { assertCan } from "../auth/permissions";
import { roleCan, type Actor } from "../auth/roles";
import type { Locale } from "../i18n/locale";
import { listPermissions } from "../records/list-permissions";
import { ListQueryError, parseListQuery, type ListQuery } from "../records/list-query";
import { listFieldsForFilters, type ListField } from "../records/list-view-model";
import type { ListSettings } from "../schema/types";
import { getPublishedTemplate } from "../templates/get-published-template";
import { translate } from "../i18n/messages";
import { computeWidget } from "./compute-widget";
import { loadDashboard } from "./load-dashboard";
import type { WidgetResult } from "./shape-widget-result";
import type { Dashboard, WidgetKind } from "./widget";
import { groupFields, sumFields, tableOf } from "./widget-fields";
import type { FieldInfo } from "../schema/types";
import { filterParams } from "./widget-query";

/** A field the widget editor offers. */
export interface EditorField {
  path: string;
  /** With its table: "缴费记录 › 缴费日期". */
  label: string;
  kind: string;
  money: boolean;
  /** The table the field is a column of (rows are grouped and added up by their own table's columns only). */
  table: string | null;
}

/** Everything the 统计 tab shows, decided on the server. */
export interface StatisticsPage {
  template: { key: string; name: string; description: string; list: ListSettings };
  dashboard: Dashboard;
  /**
   * Each widget's figures, computed in parallel and streamed: the page shows each card as soon as
   * its aggregation is done (a count by a choice takes milliseconds, a table's rows seconds).
   */
  results: Record<string, Promise<WidgetResult>>;
  /** The dashboard's own filters from the address (the same syntax as the list's). */
  query: ListQuery;
  filterFields: ListField[];
  /** Why the address's filters were not used (a hand-edited link), if so. */
  refused: string | null;
  canEdit: boolean;
  /** What the widget editor may offer, per widget kind (no personal data anywhere). */
  editor: { group: Record<WidgetKind, EditorField[]>; sum: EditorField[] };
}

/**
 * The 统计 tab of a template in one call: the dashboard, each widget computed in the database for
 * this reader with the address's filters, the filter bar's fields and what the editor may offer.
 * Readers of the records see it (record.read); administrators (template.manage) may edit it.
 */
export async function getStatisticsPage(params: { actor: Actor; templateKey: string; searchParams: URLSearchParams; locale?: Locale }): Promise<StatisticsPage> {
  const { actor, templateKey, locale = "zh" } = params;
  assertCan(actor, "record.read");
  const template = await getPublishedTemplate(actor, templateKey);
  const dashboard = await loadDashboard({ actor, templateKey });
  const { personalData } = listPermissions(actor);
  const list = template.content.list;
  let pageFilters = filterParams(params.searchParams);
  let query: ListQuery;
  let refused: string | null = null;
  try {
    query = parseListQuery(template.fields, list, pageFilters, { locale, personalData });
  } catch (err) {
    if (!(err instanceof ListQueryError)) throw err;
    refused = err.message;
    pageFilters = new URLSearchParams();
    query = parseListQuery(template.fields, list, pageFilters, { locale, personalData });
  }
  const computed = dashboard.widgets.map((widget) =>
    computeWidget({ actor, template, widget, pageFilters, personalData, locale }).catch((err): WidgetResult => {
      // One failing aggregation (the database went away meanwhile) must not take the page down.
      console.error(`[statistics] widget ${widget.id} of ${templateKey} failed`, err);
      return { state: "failed", message: translate(locale, "statistics.failed") };
    }),
  );
  const byPath = new Map(template.fields.map((f) => [f.path, f]));
  const labelOf = (path: string) => {
    const f = byPath.get(path)!;
    const table = f.inArray ? byPath.get(f.segments.slice(0, -1).join(".")) : undefined;
    return table ? `${table.title} › ${f.title}` : f.title;
  };
  const asEditor = (fs: FieldInfo[]): EditorField[] => fs.map((f) => ({ path: f.path, label: labelOf(f.path), kind: f.kind, money: f.kind === "money", table: tableOf(f) }));
  return {
    template: { key: template.key, name: template.name, description: template.description, list },
    dashboard,
    results: Object.fromEntries(dashboard.widgets.map((w, i) => [w.id, computed[i]])),
    query,
    filterFields: listFieldsForFilters(template.fields, { personalData }),
    refused,
    canEdit: roleCan(actor.role, "template.manage"),
    editor: {
      group: {
        number: [],
        byChoice: asEditor(groupFields(template.fields, "byChoice")),
        byMonth: asEditor(groupFields(template.fields, "byMonth")),
        topN: asEditor(groupFields(template.fields, "topN")),
      },
      sum: asEditor(sumFields(template.fields)),
    },
  };
}

/** Every widget's figures once all are computed (the API and tests; the page streams them instead). */
export async function settleResults(results: StatisticsPage["results"]): Promise<Record<string, WidgetResult>> {
  const entries = await Promise.all(Object.entries(results).map(async ([id, r]) => [id, await r] as const));
  return Object.fromEntries(entries);
}
