import type { DemoHints } from "../schema/types";
import { objectHint, type ObjectHint } from "./hints";
import { dayToIso, isoToDay, type Random } from "./random";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The objects a hint path's field lives in: a section, or every row of a table. */
function containers(root: Obj, segments: string[]): { holder: Obj; rows?: Obj[]; parent?: Obj; key?: string }[] {
  let level: { holder: Obj; rows?: Obj[]; parent?: Obj; key?: string }[] = [{ holder: root }];
  for (const seg of segments) {
    const next: typeof level = [];
    for (const { holder } of level) {
      const v = holder[seg];
      if (Array.isArray(v)) for (const row of v) if (isObj(row)) next.push({ holder: row, rows: v as Obj[], parent: holder, key: seg });
      if (isObj(v)) next.push({ holder: v });
    }
    level = next;
  }
  return level;
}

/** A hint's reference: `today`, `/section/field` from the root, or a sibling `field`. */
function resolve(ref: string, holder: Obj, root: Obj, today: string): unknown {
  if (ref === "today") return today;
  if (ref.startsWith("/")) {
    let node: unknown = root;
    for (const seg of ref.slice(1).split("/")) node = isObj(node) ? node[seg] : undefined;
    return node;
  }
  return holder[ref];
}

type Rule = { segments: string[]; field: string; hint: ObjectHint };

function rules(hints: DemoHints, has: (h: ObjectHint) => boolean): Rule[] {
  return Object.keys(hints).flatMap((path) => {
    const hint = objectHint(hints, path);
    if (!hint || !has(hint)) return [];
    const segments = path.split(".");
    return [{ segments: segments.slice(0, -1), field: segments[segments.length - 1], hint }];
  });
}

/** `from`: copies another field's value (a payment is the policy's premium). */
function copyFrom(root: Obj, hints: DemoHints, today: string) {
  for (const { segments, field, hint } of rules(hints, (h) => typeof h.from === "string")) {
    for (const { holder } of containers(root, segments)) {
      if (holder[field] === undefined) continue;
      const v = resolve(hint.from!, holder, root, today);
      if (v !== undefined && typeof v === typeof holder[field]) holder[field] = v;
    }
  }
}

/** The first day from `want` on (then from `lo`) that no other row took, or null when all are taken. */
function freeDay(want: number, lo: number, hi: number, taken: Set<number>): number | null {
  for (let d = want; d <= hi; d++) if (!taken.has(d)) return d;
  for (let d = lo; d < want; d++) if (!taken.has(d)) return d;
  return null;
}

/** `between`: dates inside a span that ends today at the latest; table rows then in date order. */
function placeBetween(root: Obj, hints: DemoHints, rng: Random, today: string) {
  for (const { segments, field, hint } of rules(hints, (h) => Array.isArray(h.between) && h.between.length === 2)) {
    // Sibling dates that follow this one (`after`) move with it, keeping their distance.
    const followers = rules(hints, (h) => h.after?.field === field).filter((r) => r.segments.join(".") === segments.join("."));
    const move = (holder: Obj, to: string) => {
      const shift = isoToDay(to) - isoToDay(holder[field] as string);
      holder[field] = to;
      for (const f of followers) if (isDate(holder[f.field])) holder[f.field] = dayToIso(isoToDay(holder[f.field] as string) + shift);
    };
    const tables = new Map<Obj[], { parent: Obj; key: string }>();
    const drop = new Set<Obj>();
    const used = new Map<Obj[], Set<number>>();
    for (const { holder, rows, parent, key } of containers(root, segments)) {
      if (!isDate(holder[field])) continue;
      const from = resolve(hint.between![0], holder, root, today);
      const to = resolve(hint.between![1], holder, root, today);
      if (!isDate(from)) continue;
      const lo = isoToDay(from);
      const hi = Math.min(isDate(to) ? isoToDay(to) : isoToDay(today), isoToDay(today));
      if (lo > hi) {
        // Nothing can have happened yet (a policy that starts next month has no payments).
        if (rows) drop.add(holder);
        else move(holder, from);
      } else if (rows) {
        // Rows of one table on different days: two payments on the same day with the same
        // amount read as one entered twice (an import takes them as a repeated row).
        const taken = used.get(rows) ?? new Set<number>();
        used.set(rows, taken);
        const day = freeDay(rng.int(lo, hi), lo, hi, taken);
        if (day === null) drop.add(holder);
        else {
          taken.add(day);
          move(holder, dayToIso(day));
        }
      } else move(holder, dayToIso(rng.int(lo, hi)));
      if (rows && parent && key) tables.set(rows, { parent, key });
    }
    for (const [rows, { parent, key }] of tables) {
      const kept = rows.filter((r) => !drop.has(r)).sort((a, b) => String(a[field] ?? "").localeCompare(String(b[field] ?? "")));
      if (kept.length) parent[key] = kept;
      else delete parent[key];
    }
  }
}

/** `byDates`: a status that follows its dates, and the date it last changed. */
function followDates(root: Obj, hints: DemoHints, rng: Random, today: string) {
  for (const { segments, field, hint } of rules(hints, (h) => isObj(h.byDates))) {
    const rule = hint.byDates!;
    for (const { holder } of containers(root, segments)) {
      const start = resolve(rule.start, holder, root, today);
      const end = resolve(rule.end, holder, root, today);
      if (!isDate(start) && !isDate(end)) continue;
      const phase = isDate(start) && start > today ? "before" : isDate(end) && end < today ? "after" : "during";
      const options = rule[phase];
      if (!Array.isArray(options) || options.length === 0) continue;
      const value = rng.pick(options);
      holder[field] = value;
      if (!rule.changedAt) continue;
      const t = isoToDay(today);
      let changed: number;
      if (phase === "before") changed = t - rng.int(0, 30);
      else if (phase === "after") changed = Math.min(isoToDay(end as string) + 1, t);
      else if (isDate(start) && value === options[0]) changed = isoToDay(start);
      else changed = rng.int(isDate(start) ? isoToDay(start) : t - 365, t);
      if (isDate(start) && phase !== "before") changed = Math.max(changed, isoToDay(start));
      holder[rule.changedAt] = dayToIso(changed);
    }
  }
}

/**
 * The record-wide demo rules, after every field has its value: copies (`from`), dates inside
 * spans (`between`) and statuses that follow dates (`byDates`), in that order, so that a status
 * sees the final dates. See ./hints.ts for what each hint means.
 */
export function cohereRecord(root: Obj, hints: DemoHints, rng: Random, today: string): void {
  copyFrom(root, hints, today);
  placeBetween(root, hints, rng, today);
  followDates(root, hints, rng, today);
}
