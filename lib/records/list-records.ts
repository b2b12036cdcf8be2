import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import { getByPath } from "../schema/fields";
import type { Locale } from "../schema/messages";
import type { FieldInfo, PiiKind } from "../schema/types";
import { getPublishedTemplate } from "../templates/get-published-template";
import { buildMongoQuery } from "./build-mongo-query";
import { listPermissions } from "./list-permissions";
import { maskerFor } from "./record-masking";
import { resolveScope } from "./resolve-scope";
import { ListQueryError, parseListQuery, type ListQuery } from "./list-query";
import { searchKey } from "./search-text";
import { searchTextState } from "./search-text-state";
import type { RecordPage, RecordRow } from "./types";

/** How far a text search's total is counted (see listRecords). */
export const SEARCH_COUNT_CAP = 1000;

const META: Record<string, (doc: Record<string, unknown>) => unknown> = {
  "@createdAt": (d) => (d.createdAt as Date).toISOString(),
  "@updatedAt": (d) => (d.updatedAt as Date).toISOString(),
  "@verification": (d) => d.verification,
  "@owner": (d) => d.ownerName ?? d.createdByName,
};

function cell(doc: Record<string, unknown>, column: string, byPath: Map<string, FieldInfo>, mask: (kind: PiiKind, value: unknown) => unknown): unknown {
  if (META[column]) return META[column](doc);
  const field = byPath.get(column);
  const value = getByPath(doc.data, column.split("."));
  return field?.pii ? mask(field.pii, value) : value;
}

/**
 * One page of a template's records, filtered, searched and sorted on the server. The parameters
 * come straight from the URL and are parsed against the template first; personal data in the
 * returned cells is masked (but for what the reader sees in full on their own records, see
 * lib/records/record-masking.ts), and roles that may not reveal it cannot search, filter or sort
 * by it. `strict` refuses unknown parameters (the API; a page ignores them).
 */
export async function listRecords(params: {
  actor: Actor | null;
  templateKey: string;
  searchParams: URLSearchParams;
  strict?: boolean;
  locale?: Locale;
  /** Tests lower it to see the cap without a thousand records. */
  searchCountCap?: number;
}): Promise<{ page: RecordPage; query: ListQuery }> {
  const { actor, templateKey, searchParams, strict = false, locale = "zh", searchCountCap: cap = SEARCH_COUNT_CAP } = params;
  assertCan(actor, "record.read");
  const template = await getPublishedTemplate(actor, templateKey);
  // Those who see personal data masked may not query it either: a search is an oracle.
  const { personalData } = listPermissions(actor);
  let query: ListQuery;
  try {
    query = parseListQuery(template.fields, template.content.list, searchParams, { strict, locale, personalData });
  } catch (err) {
    if (err instanceof ListQueryError) throw new DomainError("BAD_REQUEST", err.message);
    throw err;
  }
  if (query.trash) assertCan(actor, "record.restore");
  await connectDb();
  // A search asks the records' search text, and the old way only those without a current one.
  const searchText = query.q ? await searchTextState(templateKey, searchKey(template.fields)) : undefined;
  const { filter, sort, emptyLast } = buildMongoQuery(templateKey, template.fields, query, { personalData, actor, scope: await resolveScope(actor, template), searchText });
  const columns = template.content.list.columns;
  const titleField = template.content.list.titleField;
  const projection: Record<string, 1> = { revision: 1, createdAt: 1, updatedAt: 1, verification: 1, createdByName: 1, ownerName: 1, deletedAt: 1, ownerId: 1, incomplete: 1 };
  for (const c of [...columns, ...(titleField ? [titleField] : [])]) if (!c.startsWith("@")) projection[`data.${c}`] = 1;
  const skip = (query.page - 1) * query.size;
  const find = (f: Record<string, unknown>, s: Record<string, 1 | -1>, from: number, limit: number) =>
    limit > 0 ? RecordModel.find(f, projection).sort(s).skip(from).limit(limit).lean() : Promise.resolve([]);
  let total: number;
  let docs: unknown[];
  let totalCapped = false;
  if (!emptyLast) {
    // A text search is a scan: its total is counted only up to SEARCH_COUNT_CAP ("1,000+"), so
    // typing in the search box never waits for the end of the table.
    const scans = Boolean(query.q) || query.filters.some((f) => f.op === "contains");
    const counting = scans ? RecordModel.countDocuments(filter, { limit: cap + 1 }) : RecordModel.countDocuments(filter);
    [total, docs] = await Promise.all([counting, find(filter, sort, skip, query.size)]);
    if (scans && total > cap) [total, totalCapped] = [cap, true];
  } else {
    // Ascending with empty values last: the valued records in order, then the empty ones by id.
    const valued = { $and: [...filter.$and, emptyLast.valued] };
    const empty = { $and: [...filter.$and, emptyLast.empty] };
    const [all, withValue] = await Promise.all([RecordModel.countDocuments(filter), RecordModel.countDocuments(valued)]);
    total = all;
    const first = await find(valued, sort, skip, Math.min(query.size, Math.max(0, withValue - skip)));
    const rest = await find(empty, { _id: 1 }, Math.max(0, skip - withValue), query.size - first.length);
    docs = [...first, ...rest];
  }
  const byPath = new Map(template.fields.map((f) => [f.path, f]));
  const rows: RecordRow[] = docs.map((d) => {
    const doc = d as unknown as Record<string, unknown> & { _id: unknown; revision: number; deletedAt: Date | null; ownerId?: string; incomplete?: string[] };
    const mask = maskerFor(actor, doc.ownerId);
    const cells: Record<string, unknown> = {};
    for (const c of columns) cells[c] = cell(doc, c, byPath, mask);
    const title = titleField ? cell(doc, titleField, byPath, mask) : undefined;
    const incomplete = doc.incomplete?.length ? { incomplete: doc.incomplete.map((k) => template.content.schema.properties?.[k]?.title ?? k) } : {};
    return { id: String(doc._id), revision: doc.revision, title: title === undefined ? "" : String(title), cells, deletedAt: doc.deletedAt ? doc.deletedAt.toISOString() : null, ...incomplete };
  });
  // Past a capped total, one more page whenever this one is full.
  const pages = Math.max(1, Math.ceil(total / query.size), totalCapped ? query.page + (rows.length === query.size ? 1 : 0) : 0);
  return { page: { rows, total, totalCapped, page: query.page, size: query.size, pages }, query };
}
