import { META_COLUMNS } from "../schema/meta-columns";
import { VERIFICATION_STATES, type VerificationState } from "../schema/verification";
import { valueFieldMap } from "../schema/fields";
import type { FieldInfo, FieldKind, ListSettings } from "../schema/types";
import type { Locale } from "../schema/messages";
import { isIsoDate, normalizeValue } from "../schema/normalize";
import { listQueryMessages, type ListQueryMessages } from "./list-query-messages";

/** Filter operators; which ones a field offers depends on its kind. */
export type FilterOp = "contains" | "eq" | "in" | "gte" | "lte" | "is" | "empty" | "notEmpty" | "month";

/** One parsed filter: a known field, an operator it allows, and a value of the field's type. */
export interface FieldFilter {
  path: string;
  op: FilterOp;
  value?: string | number | boolean | string[];
}

/** Everything a list view shows, parsed from and written back to the URL. */
export interface ListQuery {
  filters: FieldFilter[];
  q: string;
  sort: { field: string; dir: "asc" | "desc" };
  page: number;
  size: number;
  trash: boolean;
  /** Only records in these verification states (双重验证); none: any state. */
  verification?: VerificationState[];
  /** Only the records of this owner (负责人, a user id): a statistics row per owner links here. */
  owner?: string;
}

export const PAGE_SIZES = [10, 20, 50, 100];

/** Field kinds the search box looks through (personal numbers only when typed in full). */
export const SEARCHABLE_KINDS: FieldKind[] = ["text", "textarea", "address", "email", "mobile", "phone", "idNumber"];

/**
 * The fields the search box looks through: text-like kinds and personal data, outside tables, not
 * removed. Without `personalData` (roles that see it masked) fields marked `x-pii` are left out.
 */
export function searchableFields(fields: FieldInfo[], { personalData = true }: { personalData?: boolean } = {}): FieldInfo[] {
  return [...valueFieldMap(fields).values()].filter(
    (f) => !f.removed && !f.inArray && (personalData || !f.pii) && (SEARCHABLE_KINDS.includes(f.kind) || (!!f.pii && f.pii !== "name")),
  );
}

/**
 * Personal numbers (ID, mobile and phone numbers) the search also matches by their end: staff type
 * the last digits a customer reads out. Only for roles that may reveal personal data.
 */
export function searchesByEnding(f: FieldInfo): boolean {
  return f.pii === "idNumber" || f.pii === "phone";
}

/** The trailing digits a search term can match a personal number by: at least 4, an ID's X included. */
export function endingDigits(q: string, pii: FieldInfo["pii"]): string | null {
  const t = q.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();
  const ok = pii === "idNumber" ? /^\d{3,17}[\dX]$/.test(t) : /^\d{4,}$/.test(t);
  return ok && t.length >= 4 ? t : null;
}

/** The list parameters besides filters (`f.…`). */
const LIST_PARAMS = ["q", "sort", "dir", "page", "size", "trash", "verification", "owner"];

const TEXT: FilterOp[] = ["contains", "eq", "empty", "notEmpty"];
/** Personal data is found by its exact value only: partial matches would let anyone probe it. */
const EXACT: FilterOp[] = ["eq", "empty", "notEmpty"];
const RANGE: FilterOp[] = ["gte", "lte", "empty", "notEmpty"];

/** Operators a field offers, or none when it cannot be filtered. */
export function opsFor(field: FieldInfo): FilterOp[] {
  if (field.removed) return [];
  const byKind: Partial<Record<FieldKind, FilterOp[]>> = {
    text: TEXT,
    textarea: TEXT,
    address: TEXT,
    email: TEXT,
    mobile: TEXT,
    phone: TEXT,
    idNumber: TEXT,
    select: ["in", "empty", "notEmpty"],
    multiselect: ["in", "empty", "notEmpty"],
    // 否 and 未填写 are different answers: "no" is a choice someone made.
    boolean: ["is", "empty"],
    number: RANGE,
    money: RANGE,
    percent: RANGE,
    integer: RANGE,
    date: RANGE,
    datetime: RANGE,
  };
  let ops = byKind[field.kind] ?? [];
  if (field.pii && field.pii !== "name" && ops === TEXT) ops = EXACT;
  // Inside tables a row matches on its own; ranges would mix values of different rows. A table's
  // date is found by its month instead: one row's date among the month's days (buildMongoQuery).
  if (field.inArray) ops = field.kind === "date" ? ["month"] : ops.filter((op) => op === "in" || op === "is" || op === "eq" || op === "contains");
  return ops;
}

/** Fields that can be filtered, in template order. */
export function filterableFields(fields: FieldInfo[]): FieldInfo[] {
  return [...valueFieldMap(fields).values()].filter((f) => opsFor(f).length > 0);
}

/** A problem with the list parameters; the list answers 400 with it. */
export class ListQueryError extends Error {}

const isNumeric = (k: FieldKind) => k === "number" || k === "money" || k === "percent" || k === "integer";

function parseValue(field: FieldInfo, op: FilterOp, raw: string[], m: ListQueryMessages): FieldFilter["value"] {
  const title = field.title;
  if (op === "empty" || op === "notEmpty") return undefined;
  if (op === "in") {
    const values = raw.flatMap((r) => r.split("|")).filter(Boolean);
    const options = field.options ?? [];
    const bad = values.find((v) => !options.includes(v));
    if (bad !== undefined) throw new ListQueryError(m.noOption(title, bad));
    if (values.length === 0) throw new ListQueryError(m.noOptions(title));
    return values;
  }
  if (raw.length !== 1) throw new ListQueryError(m.repeated(title));
  const text = raw[0];
  if (op === "is") {
    if (text !== "true" && text !== "false") throw new ListQueryError(m.yesNo(title));
    return text === "true";
  }
  if (isNumeric(field.kind)) {
    const n = normalizeValue(field.schema, text);
    if (typeof n !== "number" || !Number.isFinite(n)) throw new ListQueryError(m.notNumber(title, text));
    return n;
  }
  if (op === "month") {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text.trim())) throw new ListQueryError(m.notMonth(title, text));
    return text.trim();
  }
  if (field.kind === "date") {
    const d = normalizeValue(field.schema, text);
    if (!isIsoDate(d)) throw new ListQueryError(m.notDate(title, text));
    return d;
  }
  if (text.length > 200) throw new ListQueryError(m.tooLong(title));
  if (!text.trim()) throw new ListQueryError(m.emptyValue(title));
  const normalized = normalizeValue(field.schema, text);
  return typeof normalized === "string" ? normalized : text.trim();
}

/**
 * Parses list parameters from the URL against the template: `f.<field path>.<op>=value`
 * (repeated or `|`-separated for several options), `q`, `sort`, `dir`, `page`, `size`, `trash`.
 * Only known fields, their allowed operators and values of their type get through; everything
 * else is a ListQueryError, never part of a database query. `strict` (the API) also refuses
 * parameters it does not know (`$where=…`, `q[$ne]=…`), which a page address may carry harmlessly.
 * Without `personalData` (roles that see personal data masked) fields marked `x-pii` can be
 * neither filtered nor sorted by: a mask leaves most of a value in view (1101**********002X,
 * 138****8000) and other fields give away more (出生日期 is digits 7–14 of an ID number), so an
 * exact match would confirm a guessed full value in a handful of tries, and a sort would order
 * values the reader was not meant to see. Errors are in `locale` (Chinese unless asked).
 */
export function parseListQuery(
  fields: FieldInfo[],
  list: ListSettings,
  params: URLSearchParams,
  options: { strict?: boolean; locale?: Locale; personalData?: boolean } = {},
): ListQuery {
  const m = listQueryMessages[options.locale ?? "zh"];
  const personalData = options.personalData ?? true;
  if (options.strict) {
    const unknown = [...new Set(params.keys())].find((name) => !name.startsWith("f.") && !LIST_PARAMS.includes(name));
    if (unknown !== undefined) throw new ListQueryError(m.unknownParam(unknown, LIST_PARAMS));
  }
  const byPath = new Map(filterableFields(fields).map((f) => [f.path, f]));
  const sortable = valueFieldMap(fields);
  const filters: FieldFilter[] = [];
  const seen = new Set<string>();
  for (const name of new Set(params.keys())) {
    if (!name.startsWith("f.")) continue;
    const rest = name.slice(2);
    const dot = rest.lastIndexOf(".");
    const path = dot > 0 ? rest.slice(0, dot) : "";
    const op = rest.slice(dot + 1) as FilterOp;
    const field = byPath.get(path);
    if (!field) throw new ListQueryError(m.noField(path || rest));
    if (!opsFor(field).includes(op)) throw new ListQueryError(m.badOp(field.title, op));
    if (field.pii && !personalData) throw new ListQueryError(m.piiFilter(field.title));
    if (seen.has(`${path}.${op}`)) continue;
    seen.add(`${path}.${op}`);
    filters.push({ path, op, value: parseValue(field, op, params.getAll(name), m) });
  }
  const q = (params.get("q") ?? "").trim();
  if (q.length > 100) throw new ListQueryError(m.longSearch);
  // A template's default sort by personal data falls back to the newest first for those who may not sort by it.
  const defaultSort = list.defaultSort && (personalData || !sortable.get(list.defaultSort.field)?.pii) ? list.defaultSort : undefined;
  const sortField = params.get("sort") ?? defaultSort?.field ?? "@updatedAt";
  const sortInfo = sortable.get(sortField);
  if (!META_COLUMNS.includes(sortField) && (!sortInfo || sortInfo.inArray)) throw new ListQueryError(m.badSort(sortField));
  if (sortInfo?.pii && !personalData) throw new ListQueryError(m.piiSort(sortInfo.title));
  const dirRaw = params.get("dir") ?? (params.get("sort") ? "asc" : defaultSort?.dir ?? "desc");
  if (dirRaw !== "asc" && dirRaw !== "desc") throw new ListQueryError(m.badDir);
  const pageRaw = params.get("page") ?? "1";
  const page = /^\d+$/.test(pageRaw) ? Number(pageRaw) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > 100000) throw new ListQueryError(m.badPage(pageRaw));
  const size = Number(params.get("size") ?? "20");
  if (!PAGE_SIZES.includes(size)) throw new ListQueryError(m.badSize(PAGE_SIZES));
  const trashRaw = params.get("trash");
  if (trashRaw !== null && trashRaw !== "1" && trashRaw !== "0") throw new ListQueryError(m.badTrash);
  const states = (params.get("verification") ?? "").split("|").filter(Boolean);
  const badState = states.find((v) => !(VERIFICATION_STATES as readonly string[]).includes(v));
  if (badState !== undefined) throw new ListQueryError(m.badVerification(badState, [...VERIFICATION_STATES]));
  const verification = states.length ? { verification: [...new Set(states)] as VerificationState[] } : {};
  const ownerRaw = params.get("owner");
  if (ownerRaw !== null && !/^[0-9a-f]{24}$/i.test(ownerRaw)) throw new ListQueryError(m.badOwner(ownerRaw));
  const owner = ownerRaw !== null ? { owner: ownerRaw.toLowerCase() } : {};
  return { filters, q, sort: { field: sortField, dir: dirRaw }, page, size, trash: trashRaw === "1", ...verification, ...owner };
}

/** Writes a list query back to URL parameters, leaving out defaults so that links stay short. */
export function listQueryToParams(query: ListQuery, list: ListSettings): URLSearchParams {
  const p = new URLSearchParams();
  for (const f of query.filters) {
    const name = `f.${f.path}.${f.op}`;
    if (Array.isArray(f.value)) p.set(name, f.value.join("|"));
    else p.set(name, f.value === undefined ? "1" : String(f.value));
  }
  if (query.q) p.set("q", query.q);
  const def = list.defaultSort ?? { field: "@updatedAt", dir: "desc" };
  if (query.sort.field !== def.field || query.sort.dir !== def.dir) {
    p.set("sort", query.sort.field);
    p.set("dir", query.sort.dir);
  }
  if (query.page !== 1) p.set("page", String(query.page));
  if (query.size !== 20) p.set("size", String(query.size));
  if (query.trash) p.set("trash", "1");
  if (query.verification?.length) p.set("verification", query.verification.join("|"));
  if (query.owner) p.set("owner", query.owner);
  return p;
}
