import type { Actor } from "../auth/roles";
import { buildMongoQuery } from "../records/build-mongo-query";
import type { ListQuery } from "../records/list-query";
import type { FieldInfo } from "../schema/types";
import { tableOf, type ResolvedWidget } from "./widget-fields";

/** One aggregation stage; the portable subset only ($match, $unwind, $group with one $sum). */
export type Stage = Record<string, unknown>;

/**
 * The aggregation a widget runs: the list's filter for the reader (which starts from
 * recordsFilter, so data scopes apply), then — for a table column — one document per table row
 * with the filters on that table applied to the row itself (缴费状态 = 已缴费 narrows the rows, not
 * just the records), then ONE $group with ONE $sum: by the grouping field's value (dates by day;
 * months are folded in the app), or by templateKey for a single number. Without a table this is
 * exactly [$match, $group by one path, $sum of 1 or of a path], which the embedded database
 * answers with SQL's GROUP BY (scripts/ferretdb/dossier_pushdown.go, dossierGroup).
 */
export function buildWidgetPipeline(params: { templateKey: string; fields: FieldInfo[]; resolved: ResolvedWidget; query: ListQuery; actor: Actor | null }): Stage[] {
  const { templateKey, fields, resolved, query, actor } = params;
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const { filter } = buildMongoQuery(templateKey, fields, query, { actor, personalData: false });
  const stages: Stage[] = [{ $match: filter }];
  if (resolved.table) {
    stages.push({ $unwind: `$data.${resolved.table}` });
    const rowFilters = query.filters.filter((f) => tableOf(byPath.get(f.path)) === resolved.table);
    if (rowFilters.length) stages.push({ $match: buildMongoQuery(templateKey, fields, { ...query, filters: rowFilters }, { actor, personalData: false }).filter });
  }
  const key = resolved.owner ? "$ownerId" : resolved.field ? `$data.${resolved.field.path}` : "$templateKey";
  const value = resolved.sum ? { $sum: `$data.${resolved.sum.path}` } : { $sum: 1 };
  stages.push({ $group: { _id: key, value } });
  return stages;
}
