import { shortHash } from "../shared/short-hash";
import type { FieldInfo } from "../schema/types";
import { endingDigits, searchableFields, searchesByEnding } from "./list-query";

/**
 * A record's search text (issue 8): the values the search box looks through, kept flat beside
 * the data by the write pipeline, so that a search reads one small indexed string per record
 * instead of every field of every ~20 KB document. Three parts, so that who matches what stays
 * exactly as when the search asked `data.*` (build-mongo-query.ts):
 *  - `t`: fields without personal data, searched by everyone ("contains", any case);
 *  - `n`: personal names, searched the same way by those who may reveal personal data;
 *  - `p`: other personal data (ID and phone numbers…), found only by its exact value or, for ID
 *    and phone numbers, its ending — each value tagged with its field, for those roles only.
 * `k` names what the text was computed from (the searchable fields, the format): a record whose
 * key differs from its template's is searched the old way until a write or the backfill renews it.
 */
export interface SearchText {
  k: string;
  t: string;
  n: string;
  p: string;
}

/** Bump when what the text holds or how it is spelled changes: every stored key then differs. */
const SEARCH_FORMAT = "s1";
/** Separates the values of `t` and `n`, and wraps them. */
const SEP = "\u001f";
/** Wraps each tagged value of `p`. */
const SEG = "\u001e";
/** Separates a field's path from its value in `p`. */
const TAG = "\u001d";
/** The separators, which a value is stored without (each one becomes SEP) and a search may not hold. */
const SEPARATORS = /[\u001d-\u001f]/g;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Part = "t" | "n" | "p";

/** Which part of the text a searchable field goes to (see SearchText). */
function partOf(f: FieldInfo): Part {
  if (!f.pii) return "t";
  return f.pii === "name" ? "n" : "p";
}

/**
 * The key of a template version's search text: the searchable fields' paths and parts. Titles,
 * order of sections or validation rules do not change what is stored, so they keep the key; a
 * field added, removed, renamed or marked as personal data changes it.
 */
export function searchKey(fields: FieldInfo[]): string {
  const parts = searchableFields(fields)
    .map((f) => `${partOf(f)}:${f.path}`)
    .sort();
  return `${SEARCH_FORMAT}-${shortHash(JSON.stringify(parts))}`;
}

/**
 * The strings a MongoDB query on `data.<path>` compares with: the value when it is a string, the
 * strings of an array, and through arrays of objects on the way, as MongoDB looks paths up.
 */
function stringsAt(value: unknown, segs: string[]): string[] {
  if (Array.isArray(value)) {
    if (segs.length === 0) return value.filter((v): v is string => typeof v === "string");
    return value.flatMap((v) => (v && typeof v === "object" && !Array.isArray(v) ? stringsAt(v, segs) : []));
  }
  if (segs.length === 0) return typeof value === "string" ? [value] : [];
  if (!value || typeof value !== "object") return [];
  const [first, ...rest] = segs;
  return Object.hasOwn(value, first) ? stringsAt((value as Record<string, unknown>)[first], rest) : [];
}

/**
 * The search text of a record's data as stored, for the template version's fields. Never throws
 * on odd data; values that are not strings are not searched (as `$regex` skips them).
 */
export function searchText(fields: FieldInfo[], data: unknown): SearchText {
  const out: Record<Part, string[]> = { t: [], n: [], p: [] };
  for (const f of searchableFields(fields)) {
    const part = partOf(f);
    for (const raw of stringsAt(data, f.path.split("."))) {
      const value = raw.replace(SEPARATORS, SEP);
      out[part].push(part === "p" ? `${f.path}${TAG}${value}${SEG}` : `${value}${SEP}`);
    }
  }
  return { k: searchKey(fields), t: SEP + out.t.join(""), n: SEP + out.n.join(""), p: SEG + out.p.join("") };
}

/** Whether a search can be asked of the search text: one holding a separator cannot (the old way answers it). */
export function searchableByText(q: string): boolean {
  return !/[\u001d-\u001f]/.test(q);
}

/**
 * The conditions on the search text that match exactly the records the old `$or` over `data.*`
 * matched for `q` (build-mongo-query.ts), one per part the reader may search: "contains" in `t`
 * (and `n` with personal data); with personal data, each personal field's exact value (after the
 * same clean-up as on entry) and its ending for ID and phone numbers, as one expression on `p`.
 * `normalize` is that clean-up (normalizeValue of the field's schema). Null when q cannot be
 * asked this way (searchableByText).
 */
export function searchTextConditions(
  fields: FieldInfo[],
  q: string,
  options: { personalData: boolean; normalize: (f: FieldInfo, q: string) => unknown },
): Record<string, unknown>[] | null {
  if (!searchableByText(q)) return null;
  const contains = { $regex: escapeRegex(q), $options: "i" };
  const or: Record<string, unknown>[] = [{ "search.t": contains }];
  if (!options.personalData) return or;
  or.push({ "search.n": contains });
  const alternatives: string[] = [];
  for (const f of searchableFields(fields)) {
    if (partOf(f) !== "p") continue;
    const path = escapeRegex(f.path);
    const exact = options.normalize(f, q);
    if (typeof exact === "string") {
      if (!searchableByText(exact)) return null;
      alternatives.push(`${path}${TAG}${escapeRegex(exact)}${SEG}`);
    }
    const ending = searchesByEnding(f) ? endingDigits(q, f.pii) : null;
    if (ending) alternatives.push(`${path}${TAG}[^${SEG}]*${escapeRegex(ending)}${SEG}`);
  }
  if (alternatives.length) or.push({ "search.p": { $regex: `${SEG}(?:${alternatives.join("|")})` } });
  return or;
}
