import { isIsoDate } from "../schema/normalize";

/** Months between the first and last with data are filled with zeros up to this span; longer spans keep only months with data. */
const FILL_MONTHS = 240;

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * Folds per-day groups (the database groups a date field by its stored ISO day, which it can do
 * exactly and cheaply) into months, in order. Empty, missing and invalid dates are skipped, never
 * an error; months without data between the first and the last are shown as 0 so a line reads
 * true.
 */
export function foldMonths(groups: { _id: unknown; value: number }[]): { month: string; value: number }[] {
  const byMonth = new Map<string, number>();
  for (const g of groups) {
    if (!isIsoDate(g._id)) continue;
    const month = g._id.slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + (Number.isFinite(g.value) ? g.value : 0));
  }
  const months = [...byMonth.keys()].sort();
  if (months.length === 0) return [];
  const [first, last] = [months[0], months[months.length - 1]];
  const span = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5)) - Number(first.slice(5));
  if (span > FILL_MONTHS) return months.map((month) => ({ month, value: byMonth.get(month)! }));
  const out: { month: string; value: number }[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push({ month: m, value: byMonth.get(m) ?? 0 });
  return out;
}

/** The first and last day of a month ("2026-02" → 2026-02-01, 2026-02-28), for a list filter. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}
