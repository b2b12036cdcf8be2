import type { Locale } from "../schema/messages";
import type { FieldInfo, ListSettings } from "../schema/types";
import { ListQueryError, parseListQuery, type FieldFilter, type ListQuery } from "../records/list-query";
import { listQueryMessages } from "../records/list-query-messages";

/** Only the `f.…` parameters of an address or a widget's filter: a dashboard has no search, sort or page. */
export function filterParams(source: URLSearchParams | string | undefined): URLSearchParams {
  const params = new URLSearchParams(source ?? "");
  const out = new URLSearchParams();
  for (const [name, value] of params) if (name.startsWith("f.")) out.append(name, value);
  return out;
}

/**
 * The list query a widget reads: its own filter (parsed as a viewer would, so a saved widget never
 * filters by personal data) and then the dashboard's filters from the address (parsed for the
 * reader, with the same rules as the list). A filter on the same field and operator in both is
 * taken from the dashboard: the page narrows what the widget shows. Throws ListQueryError.
 */
export function widgetListQuery(params: {
  fields: FieldInfo[];
  list: ListSettings;
  widgetFilter?: string;
  pageFilters?: URLSearchParams;
  personalData: boolean;
  locale?: Locale;
}): ListQuery {
  const { fields, list, locale } = params;
  const ownParams = new URLSearchParams(params.widgetFilter ?? "");
  const stray = [...ownParams.keys()].find((name) => !name.startsWith("f."));
  if (stray !== undefined) throw new ListQueryError(listQueryMessages[locale ?? "zh"].unknownParam(stray, ["f.…"]));
  const own = parseListQuery(fields, list, ownParams, { locale, personalData: false });
  const page = parseListQuery(fields, list, filterParams(params.pageFilters), { locale, personalData: params.personalData });
  const taken = new Set(page.filters.map((f) => `${f.path}.${f.op}`));
  const filters: FieldFilter[] = [...own.filters.filter((f) => !taken.has(`${f.path}.${f.op}`)), ...page.filters];
  return { ...own, filters, q: "", page: 1, trash: false };
}
