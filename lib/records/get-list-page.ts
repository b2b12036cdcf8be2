import "server-only";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import type { ListSettings } from "../schema/types";
import { getPublishedTemplate } from "../templates/get-published-template";
import { verificationOf } from "../schema/verification";
import type { ListQuery } from "./list-query";
import { listPermissions, type ListPermissions } from "./list-permissions";
import { listRecords } from "./list-records";
import { endingSearchTitles, listColumns, listFieldsForFilters, searchFieldTitles, type ListColumn, type ListField } from "./list-view-model";
import type { RecordPage } from "./types";
import { resolveScope } from "./resolve-scope";
import { userNames } from "../users/user-names";

/** Everything a template's list page shows. */
export interface ListPage {
  template: { key: string; name: string; description: string; list: ListSettings; verification: boolean };
  can: ListPermissions;
  columns: ListColumn[];
  /** The fields the filter bar offers. */
  filters: ListField[];
  /** The titles the search box names as what it looks through. */
  searchFields: string[];
  /** Personal numbers the search also matches by their last digits (empty for masked roles). */
  searchEndings: string[];
  /** The records; or, for a hand-edited or outdated link, why its parameters cannot be used. */
  result: { query: ListQuery; page: RecordPage } | { refused: DomainError };
  /** The name of the owner the list is narrowed to (`owner=`), when that user exists. */
  ownerName?: string;
}

/**
 * A template's list page in one call: the rows of the page the URL asks for, the columns,
 * filters and search fields, and what the reader may do — all decided here with the same rule
 * about personal data (columns not sortable, filters and search fields left out, the query
 * refused), so the page only renders. An unknown template is a NOT_FOUND error.
 */
export async function getListPage(params: { actor: Actor; templateKey: string; searchParams: URLSearchParams; locale?: Locale }): Promise<ListPage> {
  const { actor, templateKey, searchParams, locale = "zh" } = params;
  const template = await getPublishedTemplate(actor, templateKey);
  const can = listPermissions(actor);
  const { personalData } = can;
  let result: ListPage["result"];
  try {
    result = await listRecords({ actor, templateKey, searchParams, locale });
  } catch (err) {
    if (!(err instanceof DomainError) || (err.code !== "BAD_REQUEST" && err.code !== "FORBIDDEN")) throw err;
    result = { refused: err };
  }
  const owner = "query" in result ? result.query.owner : undefined;
  // The chip names the owner only when the reader may see that owner's records at all.
  const { ownerIds } = await resolveScope(actor, template);
  const ownerName = owner && (!ownerIds || ownerIds.includes(owner)) ? (await userNames([owner])).get(owner) : undefined;
  return {
    template: { key: template.key, name: template.name, description: template.description, list: template.content.list, verification: verificationOf(template.content).enabled },
    can,
    columns: listColumns(template.fields, template.content.list, { personalData }),
    filters: listFieldsForFilters(template.fields, { personalData }),
    searchFields: searchFieldTitles(template.fields, template.content.list, { personalData }),
    searchEndings: endingSearchTitles(template.fields, { personalData }),
    result,
    ...(ownerName ? { ownerName } : {}),
  };
}
