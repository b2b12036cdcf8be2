import "server-only";
import type { Actor } from "../auth/roles";
import { normalizeValue } from "../schema/normalize";
import type { FieldInfo } from "../schema/types";
import { endingDigits, searchableFields, searchesByEnding, type ListQuery } from "./list-query";
import { recordsFilter, type RecordScope } from "./records-filter";
import { searchKey, searchTextConditions } from "./search-text";

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");


/**
 * A date in a month ("2024-02"). Outside tables a range. Inside a table every row's date must be
 * in the month on its own, and without $elemMatch (not on FerretDB 1.x) two range conditions
 * on an array would be met by two different rows — so the month's days, which a stored date (an
 * ISO day, normalized on write) equals exactly when it is in that month: at most 31 values.
 */
export function monthCondition(month: string, inArray: boolean): Record<string, unknown> {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!inArray) return { $gte: `${month}-01`, $lte: `${month}-${String(last).padStart(2, "0")}` };
  return { $in: Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`) };
}

const META_SORT: Record<string, string> = {
  "@createdAt": "createdAt",
  "@updatedAt": "updatedAt",
  "@verification": "verification",
  // The column shows the creator's name, so that is what it sorts by (an id order looks random).
  "@owner": "ownerName",
};

/**
 * Turns a parsed list query into a MongoDB filter and sort. Values are primitives taken from the
 * typed query; field names come from the template, never from the request. Without
 * `personalData` the search leaves fields marked `x-pii` out. It starts from the base filter of
 * every read (recordsFilter), one condition per key, for `actor` within `scope` (resolveScope;
 * none: every record, as for the system). `searchText` (searchTextState) lets the search ask the
 * records' search text (search-text.ts) — alone ("only") or beside the old way for records whose
 * text is missing or stale ("mixed"); without it the search asks `data.*`.
 */
export function buildMongoQuery(
  templateKey: string,
  fields: FieldInfo[],
  query: ListQuery,
  options: { personalData?: boolean; actor?: Actor | null; scope: RecordScope; searchText?: "only" | "mixed" },
) {
  const personalData = options.personalData ?? true;
  const base = recordsFilter({ actor: options.actor ?? null, templateKey, trash: query.trash ? "trash" : "live", scope: options.scope });
  const and: Record<string, unknown>[] = Object.entries(base).map(([key, value]) => ({ [key]: value }));
  // Records from before verification have no state stored: they read as 未核对.
  if (query.verification?.length)
    and.push(query.verification.includes("unverified") ? { $or: [{ verification: { $in: query.verification } }, { verification: null }] } : { verification: { $in: query.verification } });
  if (query.owner) and.push({ ownerId: query.owner });
  const byPath = new Map(fields.map((f) => [f.path, f]));
  for (const f of query.filters) {
    const key = `data.${f.path}`;
    switch (f.op) {
      case "contains":
        and.push({ [key]: { $regex: escapeRegex(String(f.value)), $options: "i" } });
        break;
      case "eq":
        and.push({ [key]: f.value });
        break;
      case "in":
        and.push({ [key]: { $in: f.value as string[] } });
        break;
      case "gte":
        and.push({ [key]: { $gte: f.value } });
        break;
      case "lte":
        and.push({ [key]: { $lte: f.value } });
        break;
      case "is":
        // Only what was answered: an unanswered yes/no is 未填写 (op "empty"), not 否.
        and.push({ [key]: f.value === true });
        break;
      case "empty":
        and.push({ [key]: { $in: [null, ""] } });
        break;
      case "notEmpty":
        and.push({ [key]: { $nin: [null, ""] } });
        break;
      case "month":
        and.push({ [key]: monthCondition(String(f.value), byPath.get(f.path)?.inArray ?? false) });
        break;
    }
  }
  if (query.q) {
    const or: Record<string, unknown>[] = [];
    // Personal data is searched only for those who may reveal it (see parseListQuery).
    for (const f of searchableFields(fields, { personalData })) {
      if (f.pii && f.pii !== "name") {
        // Personal data matches in full, after the same clean-up as on entry; ID and phone
        // numbers also by their last digits (at least 4), as staff type what a customer reads out.
        const exact = normalizeValue(f.schema, query.q);
        if (typeof exact === "string") or.push({ [`data.${f.path}`]: exact });
        const ending = searchesByEnding(f) ? endingDigits(query.q, f.pii) : null;
        if (ending) or.push({ [`data.${f.path}`]: { $regex: `${escapeRegex(ending)}$` } });
      } else {
        or.push({ [`data.${f.path}`]: { $regex: escapeRegex(query.q), $options: "i" } });
      }
    }
    const byText = options.searchText ? searchTextConditions(fields, query.q, { personalData, normalize: (f, q) => normalizeValue(f.schema, q) }) : null;
    const old = or.length ? { $or: or } : { _id: null };
    if (!byText) and.push(old);
    else if (options.searchText === "only") and.push({ $or: byText });
    else {
      const key = searchKey(fields);
      and.push({ $or: [{ "search.k": key, $or: byText }, { "search.k": { $ne: key }, ...old }] });
    }
  }
  const sortKey = META_SORT[query.sort.field] ?? `data.${query.sort.field}`;
  const dir = query.sort.dir === "asc" ? 1 : -1;
  const sort: Record<string, 1 | -1> = { [sortKey]: dir, _id: dir };
  // Empty values come last in both directions. Descending, the database puts them last itself;
  // ascending, the page is read from the records with a value first, then from the empty ones.
  const emptyLast = dir === 1 && sortKey.startsWith("data.") ? { valued: { [sortKey]: { $nin: [null, ""] } }, empty: { [sortKey]: { $in: [null, ""] } } } : undefined;
  return { filter: { $and: and }, sort, emptyLast };
}
