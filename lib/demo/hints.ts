import type { DemoHints } from "../schema/types";

/**
 * One field's demo hint, as a template writes it under `demo` (keyed by field path, e.g.
 * "policy.startDate" or "payments.date" for a table column). A string names a generator
 * ("person-name", "address"); an object may combine:
 *
 * - `oneOf`: values to pick from; an entry `{ "value": "金福年金险", "with": { "insuranceType": "年金险" } }`
 *   also sets sibling fields, so that pairs that belong together stay together;
 * - `min`, `max`, `step`: a number range; `sequence`, `digits`: a running number ("KH000123");
 * - `fill`: how often an optional field (or table) gets a value, 0–1 (sequence numbers: always);
 * - `rows`: `[min, max]` rows for a table;
 * - `after`: `{ "field": "applicationDate", "days": [0, 30] }`: this date follows a sibling date;
 * - `years`: `[min, max]` whole years between an `x-notBefore` date's start and this end date
 *   (the end is the day before the anniversary, as on a policy schedule);
 * - `upcoming`: share of records, 0–1, whose date (and the dates it follows) moves into the next
 *   `upcomingDays` (default 90) days, so that reminders have something to show;
 * - `between`: `[from, to]` (paths, see below): a date in that span, never after today (what
 *   happened); table rows are then kept in date order;
 * - `from`: a path: copy that value (a payment is the policy's premium);
 * - `byDates`: `{ "start", "end", "before": [...], "during": [...], "after": [...], "changedAt" }`:
 *   a status that follows dates (not started yet / running / ended), and the sibling date field
 *   that records when it changed.
 *
 * Paths: `/section/field` from the record's root, a bare `field` for a sibling, `today`.
 */
export interface ObjectHint {
  oneOf?: unknown[];
  min?: number;
  max?: number;
  step?: number;
  sequence?: string;
  digits?: number;
  fill?: number;
  rows?: [number, number];
  after?: { field: string; days?: [number, number] };
  years?: [number, number];
  upcoming?: number;
  upcomingDays?: number;
  between?: [string, string];
  from?: string;
  byDates?: { start: string; end: string; before?: unknown[]; during?: unknown[]; after?: unknown[]; changedAt?: string };
}

export type Hint = string | ObjectHint;

/** A `oneOf` entry that carries values for sibling fields. */
export interface PairedChoice {
  value: unknown;
  with: Record<string, unknown>;
}

export const isPaired = (entry: unknown): entry is PairedChoice =>
  typeof entry === "object" && entry !== null && !Array.isArray(entry) && "value" in entry && typeof (entry as PairedChoice).with === "object";

/** The value a `oneOf` entry stands for. */
export const choiceValue = (entry: unknown): unknown => (isPaired(entry) ? entry.value : entry);

/** The hint for a field path as an object, or undefined when it is absent or a generator name. */
export function objectHint(hints: DemoHints, path: string): ObjectHint | undefined {
  const h = hints[path];
  return h && typeof h === "object" && !Array.isArray(h) ? (h as ObjectHint) : undefined;
}

const isRange = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every((n) => typeof n === "number" && Number.isFinite(n)) && r[0] <= r[1];

/** A `[min, max]` pair from a hint, or the fallback when the hint has none (or a broken one). */
export function range(r: unknown, fallback: [number, number]): [number, number] {
  return isRange(r) ? r : fallback;
}
