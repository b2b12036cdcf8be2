/**
 * One stored value as an exported cell. Pure, shared by the .xlsx and .csv writers.
 *
 * Values come out the way the import reads them back: numbers as numbers, dates as real date
 * cells in .xlsx (yyyy-mm-dd text in .csv), date-times as the export's clock shows them (a
 * date-time cell in .xlsx, "yyyy-mm-dd HH:mm" text in .csv), yes/no as 是/否, several choices
 * joined with 、.
 * Personal data is masked unless the export may show it. Text that a spreadsheet would run as a
 * formula (= + - @, or a tab or carriage return first, after any apostrophes of its own) gets a
 * leading apostrophe, which the import takes off again.
 */
import { maskValue } from "../schema/mask";
import { escapeFormula } from "../imports/cells";
import { OFFICE_TIME_ZONE } from "../reminders/office-date";
import type { ExportColumn } from "./export-layout";

export type OutCell = string | number | Date | null;

export interface CellOptions {
  /** Personal data in full (the reader may reveal it and asked for it). */
  personal: boolean;
  format: "xlsx" | "csv";
  yes: string;
  no: string;
  /** How a personal value is masked for this record's reader (lib/records/record-masking.ts); maskValue when not given. */
  mask?: (kind: NonNullable<ExportColumn["pii"]>, value: unknown) => unknown;
  /** The clock date-times are shown on (the reader's time zone); the office's when not given. */
  timeZone?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function exportCell(value: unknown, column: Pick<ExportColumn, "kind" | "pii">, options: CellOptions): OutCell {
  if (value === undefined || value === null || value === "") return null;
  if (column.pii && !options.personal) value = (options.mask ?? maskValue)(column.pii, value);
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== null && v !== undefined && v !== "").map((v) => text(v, options));
    return items.length ? escapeFormula(items.join("、")) : null;
  }
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? options.yes : options.no;
  if (typeof value === "string") {
    const date = column.kind === "date" && options.format === "xlsx" ? DATE.exec(value) : null;
    if (date) return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
    if (column.kind === "datetime") {
      const at = Date.parse(value);
      if (!Number.isNaN(at)) return dateTimeCell(new Date(at), options);
    }
    return escapeFormula(value);
  }
  return escapeFormula(text(value, options));
}

function text(value: unknown, options: CellOptions): string {
  if (typeof value === "boolean") return value ? options.yes : options.no;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * One formatter per time zone: making an Intl.DateTimeFormat costs far more than using one, and an
 * export formats two moments per record (the profile of `bench:import`'s export: 0.75 s of 2,000
 * records' flattened export went to making them).
 */
const clocks = new Map<string, Intl.DateTimeFormat>();
function clock(timeZone: string): Intl.DateTimeFormat {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    if (clocks.size > 64) clocks.clear();
    clocks.set(timeZone, f);
  }
  return f;
}

/** A moment as the zone's clock shows it, asked of the formatter (exact, and slow). */
function askedTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(clock(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${pad(Number(parts.hour))}:${parts.minute}`;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Since 1973 every zone's offset is whole minutes (Liberia's −0:44:30 was the last to go). */
const WHOLE_MINUTES_SINCE = Date.UTC(1973, 0, 1);
/** Per zone and UTC day: the zone's offset that day in ms, or NaN when it changes during the day. */
const offsets = new Map<string, number>();

/** The zone's offset at a whole minute, in ms: its clock's reading then, as if UTC, minus the moment. */
function offsetAt(ms: number, timeZone: string): number {
  const [date, time] = askedTime(new Date(ms), timeZone).split(" ");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  return Date.UTC(y, mo - 1, d, h, mi) - ms;
}

/**
 * A moment as the reader's clock shows it: "2026-12-04 10:30" in their time zone. The formatter is
 * asked once per zone and day (an export formats two moments per record: the formatter's
 * formatToParts was 0.4 s of 20,000 records); a day whose offset changes (daylight saving starts
 * or ends) and moments before 1973 are asked moment by moment.
 */
export function localTime(at: Date, timeZone: string): string {
  const t = at.getTime();
  if (!(t >= WHOLE_MINUTES_SINCE)) return askedTime(at, timeZone);
  const day = Math.floor(t / DAY);
  const key = `${timeZone}\n${day}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = offsetAt(day * DAY, timeZone);
    offset = start === offsetAt(day * DAY + DAY - MINUTE, timeZone) ? start : Number.NaN;
    if (offsets.size >= 4096) offsets.clear();
    offsets.set(key, offset);
  }
  if (Number.isNaN(offset)) return askedTime(at, timeZone);
  const local = new Date(Math.floor(t / MINUTE) * MINUTE + offset);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/**
 * A moment's reading on the zone's clock, to the millisecond, as the UTC fields of a Date (how a
 * spreadsheet's date cell holds a time: no zone). Offsets are whole minutes since 1973 (see
 * localTime); before, the minute's reading is kept and the seconds added.
 */
export function wallClock(at: Date, timeZone: string): Date {
  const t = at.getTime();
  const minute = Math.floor(t / MINUTE) * MINUTE;
  const [date, time] = localTime(new Date(minute), timeZone).split(" ");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi) + (t - minute));
}

/**
 * A stored date-time (an instant) as the export's clock shows it: a date-time cell in .xlsx, and
 * in .csv "2026-12-06 18:30" (seconds and milliseconds only when it has them, so the instant comes
 * back whole). The stored text was written before: UTC ("2026-12-06T10:30:00.000Z"), so a reader
 * in Beijing read 10:30 for 18:30 (tester round 9 P1-7). The import reads a date-time written
 * without a zone on the office's clock (Asia/Shanghai): where the export's clock reads otherwise
 * (a reader in Berlin), "11:30" would come back 7 hours early, so the value is text with its UTC
 * offset after it ("2026-12-06 11:30+01:00"), in .xlsx too — a date cell cannot hold a zone.
 */
function dateTimeCell(at: Date, options: CellOptions): OutCell {
  const wall = wallClock(at, options.timeZone ?? OFFICE_TIME_ZONE);
  const office = options.timeZone === undefined || options.timeZone === OFFICE_TIME_ZONE || wall.getTime() === wallClock(at, OFFICE_TIME_ZONE).getTime();
  if (options.format === "xlsx" && office) return wall;
  const iso = wall.toISOString();
  let text = `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  if (wall.getUTCSeconds() || wall.getUTCMilliseconds()) text += iso.slice(16, 19);
  if (wall.getUTCMilliseconds()) text += iso.slice(19, 23);
  if (!office) {
    const offset = Math.round((wall.getTime() - at.getTime()) / MINUTE);
    text += `${offset < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  }
  return text;
}

/** A time zone name the server knows, or the default. */
export function knownTimeZone(name: string | null, fallback = "Asia/Shanghai"): string {
  if (!name) return fallback;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name;
  } catch {
    return fallback;
  }
}
