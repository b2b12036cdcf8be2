import { LOCALE_TAGS, type Locale } from "../i18n/locale";
import { translate } from "../i18n/messages";
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
      return typeof value === "string" ? formatDateTime(value) : String(value);
    default:
      return String(value);
  }
}
