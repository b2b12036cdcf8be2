import type { Actor } from "../auth/roles";
import { buildMongoQuery, monthCondition } from "../records/build-mongo-query";
import type { FieldFilter, ListQuery } from "../records/list-query";
import type { FieldInfo } from "../schema/types";
import { tableOf, type ResolvedWidget } from "./widget-fields";
import type { RecordScope } from "../records/records-filter";

/** One aggregation stage; the portable subset only ($match, $unwind, $group with one $sum). */
export type Stage = Record<string, unknown>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A list filter on a table column, applied to one unwound row (table columns filter by equality, choice, yes/no, "contains" or a date's month). */
function rowCondition(f: FieldFilter, at: string): Stage {
  switch (f.op) {
    case "in":
      return { [at]: { $in: f.value as string[] } };
    case "is":
      return { [at]: f.value === true };
    case "contains":
      return { [at]: { $regex: escapeRegex(String(f.value)), $options: "i" } };
    case "month":
      return { [at]: monthCondition(String(f.value), true) };
    default:
      return { [at]: f.value };
  }
}

/**
 * The aggregation a widget runs: the list's filter for the reader (which starts from
 * recordsFilter, so data scopes apply), then — for a table column — one document per table row
 * with the filters on that table applied to the row itself (缴费状态 = 已缴费 narrows the rows, not
 * just the records), then ONE $group with ONE $sum: by the grouping field's value (dates by day;
 * months are folded in the app), or for a single number by null (a count) or templateKey (a sum). Without a table this is
 * exactly [$match, $group by one path, $sum of 1 or of a path], which the embedded database
 * answers with SQL's GROUP BY (scripts/ferretdb/dossier_pushdown.go, dossierGroup). After
 * `$unwind` only the row is read, at `rowPath` (lib/db/unwind-keeps-document.ts).
 */
export function buildWidgetPipeline(params: { templateKey: string; fields: FieldInfo[]; resolved: ResolvedWidget; query: ListQuery; actor: Actor | null; scope: RecordScope; rowPath?: string }): Stage[] {
  const { templateKey, fields, resolved, query, actor, scope } = params;
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const { filter } = buildMongoQuery(templateKey, fields, query, { actor, personalData: false, scope });
  const stages: Stage[] = [{ $match: filter }];
  const table = resolved.table;
  const rowPath = params.rowPath ?? `data.${table}`;
  /** A field's path in the documents the $group reads. */
  const at = (f: FieldInfo) => (table && f.inArray ? `${rowPath}.${f.segments.at(-1)}` : `data.${f.path}`);
  if (table) {
    stages.push({ $unwind: `$data.${table}` });
    const rows = query.filters.filter((f) => tableOf(byPath.get(f.path)) === table).map((f) => rowCondition(f, at(byPath.get(f.path)!)));
    if (rows.length) stages.push({ $match: rows.length === 1 ? rows[0] : { $and: rows } });
  }
  // A number card's count is `_id: null` — the shape of the list's own count, which the embedded
  // database answers with SQL's count(*) from an index — and its sum one group by the template
  // key (the pushdown groups by a path only).
  const key = resolved.owner ? "$ownerId" : resolved.field ? `$${at(resolved.field)}` : table || !resolved.sum ? null : "$templateKey";
  const value = resolved.sum ? { $sum: `$${at(resolved.sum)}` } : { $sum: 1 };
  stages.push({ $group: { _id: key, value } });
  return stages;
}
