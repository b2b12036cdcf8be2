/**
 * Calendar days as the office counts them. Dates in records are "YYYY-MM-DD" strings with no time
 * zone; "today" is the day in the office's zone (Asia/Shanghai), whatever the server's zone is.
 */
import { OFFICE_TIME_ZONE } from "../schema/normalize";

// Shared with the schema layer (reminder facts, lib/schema/reminder-facts.ts).
export { isIsoDay } from "../schema/iso-day";
// The zone date-times written without one are read in, too (lib/schema/normalize.ts).
export { OFFICE_TIME_ZONE };

const DAY_MS = 86_400_000;

/** The calendar day `now` falls on in the office's time zone. */
export function officeToday(now: Date = new Date(), timeZone: string = OFFICE_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The day `days` after (negative: before) an ISO day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(to) - t(from)) / DAY_MS);
}
