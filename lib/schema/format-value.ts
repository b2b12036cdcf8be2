import { LOCALE_TAGS, type Locale } from "../i18n/locale";
import { translate } from "../i18n/messages";
import { OFFICE_TIME_ZONE } from "./normalize";
import type { FieldKind } from "./types";

const perLocale = (options: Intl.NumberFormatOptions) => ({ zh: new Intl.NumberFormat(LOCALE_TAGS.zh, options), en: new Intl.NumberFormat(LOCALE_TAGS.en, options) });
const moneyFmt = perLocale({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
const numberFmt = perLocale({ maximumFractionDigits: 6 });

/** An ISO timestamp as local date and time, e.g. 2024-03-01 14:05. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const officeClock = new Intl.DateTimeFormat("en-CA", { timeZone: OFFICE_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/**
 * A stored date-time field's instant on the office's clock (OFFICE_TIME_ZONE), e.g. 2026-12-06
 * 18:30 — the clock the import reads zoneless times on and the export writes by default. The
 * record page, print and history are rendered on the server, whose process clock may be UTC:
 * formatDateTime showed 10:30 there for 18:30 picked in Beijing (review10b), and a list cell
 * rendered first on the server then in the browser could differ.
 */
export function formatOfficeDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(officeClock.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * A stored value as text for lists, detail pages and history: money with two decimals and ¥,
 * percentages with %, yes/no in words, lists joined. Empty values give "".
 */
export function formatValue(kind: FieldKind | undefined, value: unknown, locale: Locale = "zh"): string {
  if (value === undefined || value === null || value === "") return "";
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) return value.map(String).join(translate(locale, "format.listSeparator"));
    return translate(locale, value.length === 1 ? "format.rowsOne" : "format.rows", { n: value.length });
  }
  if (typeof value === "object") return JSON.stringify(value);
  switch (kind) {
    case "money":
      return typeof value === "number" ? `¥${moneyFmt[locale].format(value)}` : String(value);
    case "percent":
      return typeof value === "number" ? `${numberFmt[locale].format(value)}%` : String(value);
    case "number":
    case "integer":
      return typeof value === "number" ? numberFmt[locale].format(value) : String(value);
    case "boolean":
      return value === true ? translate(locale, "format.yes") : value === false ? translate(locale, "format.no") : String(value);
    case "datetime":
      return typeof value === "string" ? formatOfficeDateTime(value) : String(value);
    default:
      return String(value);
  }
}
