import { residentIdFacts } from "./cn-id";
import { fieldKind, schemaAt } from "./fields";
import type { FieldKind, JsonSchema } from "./types";

/** Full-width ASCII (０-９, Ａ-Ｚ, ，…) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A real calendar date as YYYY-MM-DD, or null. */
function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** True for a YYYY-MM-DD string that names a real calendar date. */
export function isIsoDate(value: unknown): value is string {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/**
 * Reads the date spellings people actually type or paste: 2023-1-1, 2023/1/1, 2023.1.1,
 * 2023年1月1日 (or 1号, as people say it), 20230101, and spreadsheet serial numbers. Returns YYYY-MM-DD, or the input when it
 * cannot be read (validation then says what is wrong).
 */
export function normalizeDate(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  // 20230101 typed into a cell Excel keeps as a number: read as the text would be.
  if (typeof value === "number" && Number.isInteger(value) && value >= 10000101 && value <= 99991231) return normalizeDate(String(value));
  // A date-time serial (45000.5 is noon of that day): its day.
  if (typeof value === "number" && !Number.isInteger(value) && value >= 61 && value < 2958466) return normalizeDate(Math.floor(value));
  if (typeof value === "number" && Number.isInteger(value) && value > 0 && value < 2958466 && value !== 60) {
    // Excel's day 1 is 1900-01-01 and day 60 is a 1900-02-29 that never was (left for validation
    // to reject), so serials from 61 on count from 1899-12-30 and the ones before from 1899-12-31.
    const d = new Date(Date.UTC(1899, 11, value < 60 ? 31 : 30) + value * 86400000);
    return normalizeDate(d);
  }
  if (typeof value !== "string") return value;
  const s = toHalfWidth(value).trim();
  // No date is longer (2023年01月05日 星期四 下午 12:00:00.000 +08:00 is 40): a longer text is not
  // matched at all — DATE_TEXT's runs of optional spaces make a failing match slow on a long text
  // (a self-fill page or an import cell could otherwise hold the server for minutes).
  if (s.length > 64) return s;
  // A weekday and a time of day after the date (spreadsheets add 0:00:00) are dropped; any other tail is not a date.
  const m = DATE_TEXT.exec(s);
  if (!m) {
    const digits = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    return (digits && isoDate(Number(digits[1]), Number(digits[2]), Number(digits[3]))) ?? s;
  }
  const { y, mo, d, weekday, meridiem, suffix, hour } = m.groups!;
  const date = isoDate(Number(y), Number(mo), Number(d));
  if (!date) return s;
  // 星期四 after a date that is no Thursday: one of the two is wrong, and which is not for us to guess.
  if (weekday && new Date(`${date}T00:00:00Z`).getUTCDay() !== WEEKDAYS.indexOf(weekday) % 7) return s;
  // 上午/下午 (AM/PM) count hours 1 to 12 (上午 12:00:00 is midnight, as Chinese Excel writes it).
  if ((meridiem || suffix) && Number(hour) > 12) return s;
  return date;
}

/** 星期日 (or 星期天) is day 0; 一…六 days 1…6. */
const WEEKDAYS = "日一二三四五六天";
/**
 * A date as people and programs write it in text: 2023-1-5, 2023/1/5, 2023.1.5, 2023年1月5日 (or
 * 5号); then a weekday as Chinese Excel's long date shows it (星期四, 周四, （星期四）); then a time
 * of day — 15:00, 15:00:00.000, an ISO T and zone, Chinese Excel's 上午/下午 3:00:00 (or AM/PM)
 * and 0时0分.
 */
const DATE_TEXT = new RegExp(
  [
    String.raw`^(?<y>\d{4})\s*[-/.年]\s*(?<mo>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*[日号]?`,
    String.raw`(?:\s*[(（]?\s*(?:星期|周|礼拜)(?<weekday>[一二三四五六日天])\s*[)）]?)?`,
    String.raw`(?:(?:[T\s]\s*|(?<=[日号)）一二三四五六天]))(?:(?<meridiem>上午|下午|AM|PM)\s*)?(?<hour>\d{1,2})`,
    String.raw`(?::\d{2}(?::\d{2}(?:\.\d{1,9})?)?|\s*[时点]\s*(?:\d{1,2}\s*分\s*(?:\d{1,2}\s*秒)?)?)`,
    String.raw`(?:\s*(?<suffix>AM|PM))?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$`,
  ].join(""),
  "i",
);

/** The office's time zone: where a date-time written without one (2026-12-06 18:30, an Excel cell) happens. */
export const OFFICE_TIME_ZONE = "Asia/Shanghai";

const zoneClocks = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's clocks are ahead of UTC at the instant `ms`, in ms. */
function zoneOffset(ms: number, timeZone: string): number {
  let clock = zoneClocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    zoneClocks.set(timeZone, clock);
  }
  const p = Object.fromEntries(clock.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time (given as its UTC fields' ms) is in a zone; a time skipped by a clock change counts on the offset before it. */
function wallToInstant(wall: number, timeZone: string): number {
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  return second;
}

/**
 * A date and a time of day as people and programs write them: 2026-12-06 18:30, 2026-12-06T18:30,
 * 2026/12/6 8:05, 2026年12月6日 18:30, 下午6:30, seconds and fractions, an ISO zone (Z, +08:00).
 */
const DATE_TIME_TEXT =
  /^(?<y>\d{4})\s*[-/.年]\s*(?<mo>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})\s*[日号]?(?:\s*T\s*|\s+|(?<=[日号]))(?<meridiem>上午|下午|AM|PM)?\s*(?<h>\d{1,2})\s*[:：时点]\s*(?<mi>\d{2})(?:\s*[:：分]\s*(?:(?<s>\d{2})(?:\.(?<ms>\d{1,9}))?\s*秒?)?)?\s*(?<suffix>AM|PM)?\s*(?<zone>Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a date-time (format date-time) to the instant it names, as ISO text in UTC
 * (2026-12-06T10:30:00.000Z, what the form stores). Written without a zone — typed text, an Excel
 * date-time cell (its clock as shown) or day number (46362.75) — it is the time in `timeZone`, the
 * office's: the import took only ISO text with a zone and refused 2026-12-06 18:30 and Excel's
 * cells. Returns the input when it cannot be read (validation then says what is wrong).
 */
export function normalizeDateTime(value: unknown, timeZone: string = OFFICE_TIME_ZONE): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : new Date(wallToInstant(value.getTime(), timeZone)).toISOString();
  if (typeof value === "number") {
    // Excel's day number with the time as its fraction, from 1900-03-01 (see normalizeDate).
    if (!(value >= 61 && value < 2958466)) return value;
    const wall = Date.UTC(1899, 11, 30) + Math.round(value * 86400000 / 1000) * 1000;
    return new Date(wallToInstant(wall, timeZone)).toISOString();
  }
  if (typeof value !== "string") return value;
  const s = toHalfWidth(value).trim();
  if (s.length > 64) return value;
  const m = DATE_TIME_TEXT.exec(s);
  if (!m) return value;
  const g = m.groups!;
  const date = isoDate(Number(g.y), Number(g.mo), Number(g.d));
  let hour = Number(g.h);
  const meridiem = (g.meridiem ?? g.suffix)?.toUpperCase();
  if (!date || (g.meridiem && g.suffix) || Number(g.mi) > 59 || Number(g.s ?? 0) > 59) return value;
  if (meridiem) {
    if (hour < 1 || hour > 12) return value;
    hour = (hour % 12) + (meridiem === "下午" || meridiem === "PM" ? 12 : 0);
  } else if (hour > 23) return value;
  const ms = g.ms ? Number(g.ms.slice(0, 3).padEnd(3, "0")) : 0;
  const wall = Date.UTC(Number(g.y), Number(g.mo) - 1, Number(g.d), hour, Number(g.mi), Number(g.s ?? 0), ms);
  if (!g.zone) return new Date(wallToInstant(wall, timeZone)).toISOString();
  const z = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(g.zone);
  const offset = z ? (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60000 : 0;
  if (z && (Number(z[2]) > 23 || Number(z[3] ?? 0) > 59)) return value;
  return new Date(wall - offset).toISOString();
}

const units: Record<string, number> = { 千: 1e3, 万: 1e4, 百万: 1e6, 千万: 1e7, 亿: 1e8 };

/**
 * Which marks a number's text may use. "grouping": a comma groups thousands, a dot is the decimal
 * point (1,000,000.50) — the form, an .xlsx's text cells, a comma- or tab-separated file. "either":
 * a file that comes from an Excel whose decimal mark is a comma (semicolon-separated): 1.234,56 and 1,5 are read as that
 * Excel means them, 1,234.56 as the other; a text the two read differently (1,500 or 1.500:
 * 1.5 or 1500) is not read at all (see `ambiguousNumber`).
 */
export type NumberMarks = "grouping" | "either";

/**
 * A number's text as typed, without spaces, currency marks and 元, in half-width characters. A
 * minus sign may come before the currency mark as well as after it (-￥500 as ￥-500 and -500元:
 * before, it was no number, refused as 必须是数字 when the sign was the fault); the minus sign
 * (U+2212) of text from Word or a web page is a minus. One sign only. An accountant's negative,
 * a whole text of digits in parentheses — (1,000), (￥500), （500元）, as Excel's accounting format
 * shows a negative — is that number with a minus: it was refused as 必须是数字, so the field's own
 * rule (保险金额不能小于 0) never named the fault. A note in parentheses, an unclosed one or a sign
 * inside stays text.
 */
const numberText = (value: string) =>
  toHalfWidth(value)
    .trim()
    .replace(/\s/g, "")
    .replace(/\u2212/g, "-")
    .replace(/^\(([¥￥]?\d[\d,.]*(?:千|万|百万|千万|亿)?元?)\)$/, "-$1")
    .replace(/^(-?)[¥￥]/, "$1")
    .replace(/元$/, "");

/**
 * The texts (dot as the decimal point, no grouping, the unit and % kept) a number's text means
 * with either mark as the decimal one and the other grouping thousands (a group starts with 1–9:
 * 0,125 groups nothing); one text when both read it alike (1500) or only one reads it (1,5).
 */
function decimalReadings(s: string): string[] {
  const [, core, suffix] = /^(.*?)((?:千|万|百万|千万|亿)?%?)$/.exec(s)!;
  const out: string[] = [];
  if (/^-?(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?$/.test(core)) out.push(core.replace(/,/g, "") + suffix);
  if (/^-?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,\d+)?$/.test(core)) {
    const text = core.replace(/\./g, "").replace(",", ".") + suffix;
    if (!out.length || Number(core.replace(/,/g, "")) !== Number(text.slice(0, text.length - suffix.length))) out.push(text);
  }
  return out;
}

/**
 * The two numbers a text means in a file whose decimal mark may be a comma, when it means two
 * (1,500: 1.5 and 1500), smaller first, as plain text; null for any other text.
 */
export function ambiguousNumber(value: string): [string, string] | null {
  const readings = decimalReadings(numberText(value));
  if (readings.length !== 2) return null;
  const suffix = /(?:千|万|百万|千万|亿)?%?$/.exec(readings[0])![0];
  const [a, b] = readings.map((r) => Number(r.slice(0, r.length - suffix.length))).sort((x, y) => x - y);
  return [`${a}${suffix}`, `${b}${suffix}`];
}

/**
 * Reads numbers as people write them: "1,000,000", "¥1 000.50", "100万", "1.5亿", "12%" — with
 * `marks` "either", also 1.234,56 and 12,5 (see `NumberMarks`). Returns a number, or the input
 * when it is not a number (validation reports the type).
 */
export function normalizeNumber(value: unknown, kind: FieldKind, marks: NumberMarks = "grouping"): unknown {
  if (typeof value === "number") return kind === "money" ? Math.round(value * 100) / 100 : value;
  if (typeof value !== "string") return value;
  let s = numberText(value);
  if (marks === "either") {
    const readings = decimalReadings(s);
    if (readings.length !== 1) return value;
    s = readings[0];
  }
  // Commas group thousands (1,000,000); anywhere else (12,5, 0,125 or 1.000,50: a decimal comma) the text
  // is not read as a number rather than as a bigger one.
  if (s.includes(",")) {
    if (!/^-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?:千|万|百万|千万|亿)?%?$/.test(s)) return value;
    s = s.replace(/,/g, "");
  }
  if (kind === "percent") s = s.replace(/%$/, "");
  const m = /^(-?\d+(?:\.\d+)?)(千|万|百万|千万|亿)?$/.exec(s);
  if (!m) return value;
  let n = Number(m[1]) * (m[2] ? units[m[2]] : 1);
  if (kind === "money") n = Math.round(n * 100) / 100;
  else n = Number(n.toPrecision(15));
  return n;
}

const truthy = new Set(["是", "true", "1", "y", "yes", "√", "✓", "对"]);
const falsy = new Set(["否", "false", "0", "n", "no", "×", "✗", "不"]);

/** Reads 是/否, true/false, 1/0, Y/N. */
export function normalizeBoolean(value: unknown): unknown {
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : value;
  if (typeof value !== "string") return value;
  const s = toHalfWidth(value).trim().toLowerCase();
  if (truthy.has(s)) return true;
  if (falsy.has(s)) return false;
  return value;
}

/** Characters that take no room: zero-width space/joiners, word joiner, BOM, soft hyphen, direction marks and controls. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\u202A-\u202E\u2066-\u2069]/g;
/**
 * The invisible characters that neither show nor move anything (zero-width space, non-joiner and
 * joiner, word joiner, BOM, soft hyphen): pasted from a web page or WeChat after a policy number,
 * a phone number or a choice, they made a valid value fail with a message about something else
 * ("只能包含数字、字母和短横线"). Dropped from values with a fixed shape; free text keeps them
 * (emoji sequences are made with the joiner). Direction marks are not dropped: they change what
 * is shown, and validation refuses them.
 */
export const ZERO_WIDTH = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const visible = (value: unknown) => (typeof value === "string" ? value.replace(ZERO_WIDTH, "") : value);

/** Cleans one scalar value for its field kind; empty strings become `undefined` (absent). `marks`: how a number's text is read (see `NumberMarks`). */
export function normalizeValue(schema: JsonSchema, value: unknown, marks: NumberMarks = "grouping"): unknown {
  if (value === null || value === undefined) return undefined;
  const kind = fieldKind(schema);
  if (kind !== "text" && kind !== "textarea" && kind !== "address" && kind !== "multiselect") value = visible(value);
  else if (schema.format || schema.pattern) value = visible(value);
  switch (kind) {
    case "date":
      return value === "" ? undefined : normalizeDate(value);
    case "datetime":
      return value === "" ? undefined : normalizeDateTime(value);
    case "number":
    case "money":
    case "percent":
    case "integer":
      return value === "" ? undefined : normalizeNumber(value, kind, marks);
    case "boolean":
      return value === "" ? undefined : normalizeBoolean(value);
    case "idNumber":
      if (typeof value === "number") return value; // a number here is a spreadsheet accident; say so
      if (typeof value !== "string") return value;
      // Grouped for reading with spaces or dashes (110105-19800101-0011): the same ID.
      return toHalfWidth(value).replace(/[\s-]/g, "").toUpperCase() || undefined;
    case "mobile":
    case "phone": {
      if (typeof value === "number") return String(value);
      if (typeof value !== "string") return value;
      const s = toHalfWidth(value).replace(/[\s()（）]/g, "");
      // Dashes go before the country code is looked for: "+86 138-0013-8000" is a mobile too.
      // A landline keeps its dash; a mobile never has one.
      const digits = s.replace(/-/g, "");
      // +86, 86 or 0086 (the international prefix as dialled from China's neighbours) before it.
      const mobile = /^(?:\+?86|0086)?(1\d{10})$/.exec(digits)?.[1];
      if (mobile) return mobile;
      return (kind === "mobile" ? digits : s) || undefined;
    }
    case "email":
      return typeof value === "string" ? toHalfWidth(value).trim() || undefined : value;
    case "select":
      return typeof value === "string" ? value.trim() || undefined : value;
    default:
      if (typeof value === "string") {
        // Line breaks as the form's text areas give them (LF): a carriage return before one (text
        // pasted into Excel from Word, which an .xlsx keeps as _x000D_; a CSV written on Windows)
        // would make the same address another value, for 未变 on a re-import and for search.
        const lines = value.replace(/\r\n?/g, "\n");
        const s = schema.format || schema.pattern ? toHalfWidth(lines).trim() : lines.trim();
        // Text of nothing but invisible characters (zero-width spaces, joiners, direction marks) is
        // empty: a required 客户姓名 of "\u200B\u200B" must fail as missing, not be stored.
        return s.replace(INVISIBLE, "").trim() === "" ? undefined : s;
      }
      if (typeof value === "number" && fieldKind(schema) !== "multiselect" && schema.type === "string") return String(value);
      return value;
  }
}

/** Recursively cleans a record's data against its schema; unknown keys are kept for validation to report. */
export function normalizeData(schema: JsonSchema, data: unknown): unknown {
  if (schema.type === "array" && Array.isArray(data)) {
    const items = schema.items ?? {};
    if (items.type === "object") return data.map((row) => normalizeData(items, row));
    return data.map((v) => normalizeValue(items, v)).filter((v) => v !== undefined);
  }
  if (schema.type === "object" && data && typeof data === "object" && !Array.isArray(data)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      const child = schema.properties?.[key];
      const next = child ? normalizeData(child, value) : value;
      if (next !== undefined) out[key] = next;
    }
    return out;
  }
  return normalizeValue(schema, data);
}

/**
 * Stored data at `segments` (a field, a table, a table row's cell) as this release would store it.
 * A value stored before a normalizer changed — free text with CR LF, now LF; a mobile as
 * "0086138…", now the bare number — then compares equal to the same value given again. The value
 * itself where the schema has no such path.
 */
export function respell(schema: JsonSchema, segments: (string | number)[], value: unknown): unknown {
  const node = schemaAt(schema, segments);
  return node ? normalizeData(node, value) : value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Removes sections and nested objects left empty (`notes: {}`, a table with no rows `payments: []`)
 * so that an untouched optional section is stored as absent, not as an empty shell. Kept: what the
 * schema requires, or constrains under a condition (`then: { required: ["list"] }`), so that
 * validation reports the missing fields or rows themselves; tables with a `minItems`; table rows
 * (each row is the user's, empty or not).
 */
export function dropEmpty(schema: JsonSchema, data: unknown): unknown {
  if (Array.isArray(data)) return data.map((row) => (isPlainObject(row) ? dropEmptyKeys(schema.items ?? {}, row) : row));
  if (isPlainObject(data)) return dropEmptyKeys(schema, data);
  return data;
}

/** Keys the schema requires or mentions in a conditional or combined branch. */
function constrainedKeys(schema: JsonSchema, out = new Set<string>()): Set<string> {
  for (const key of schema.required ?? []) out.add(key);
  for (const branch of [schema.then, schema.else, ...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    if (!branch) continue;
    for (const key of Object.keys(branch.properties ?? {})) out.add(key);
    constrainedKeys(branch, out);
  }
  return out;
}

function dropEmptyKeys(schema: JsonSchema, data: Record<string, unknown>): Record<string, unknown> {
  const keep = constrainedKeys(schema);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const child = schema.properties?.[key] ?? {};
    const next = dropEmpty(child, value);
    const empty = Array.isArray(next) ? next.length === 0 && !(child.minItems && child.minItems > 0) : isPlainObject(next) && Object.keys(next).length === 0;
    if (empty && !keep.has(key)) continue;
    out[key] = next;
  }
  return out;
}

/**
 * Fills empty birth-date and gender fields from a valid resident ID (`x-idDerive`). Given the data
 * before an edit (`previous`, the entry form does), an ID that just changed also replaces what
 * is there: correcting a mistyped number must not leave the old number's birth date behind.
 */
export function deriveFromIds(schema: JsonSchema, data: unknown, previous?: unknown): unknown {
  if (Array.isArray(data)) return data.map((row, i) => deriveFromIds(schema.items ?? {}, row, Array.isArray(previous) ? previous[i] : undefined));
  if (!data || typeof data !== "object" || !schema.properties) return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  const before = previous && typeof previous === "object" ? (previous as Record<string, unknown>) : undefined;
  for (const [key, child] of Object.entries(schema.properties)) {
    if (out[key] !== undefined) out[key] = deriveFromIds(child, out[key], before?.[key]);
    const rule = child["x-idDerive"];
    const facts = rule && typeof out[key] === "string" ? residentIdFacts(out[key] as string) : null;
    if (!rule || !facts) continue;
    const changed = before !== undefined && before[key] !== out[key];
    if (rule.birthDate && (changed || out[rule.birthDate] === undefined)) out[rule.birthDate] = facts.birthDate;
    if (rule.gender && (changed || out[rule.gender] === undefined)) out[rule.gender] = facts.gender;
  }
  return out;
}
