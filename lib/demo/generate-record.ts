import type { ValidateFunction } from "ajv";
import { createAjv } from "../schema/ajv";
import { residentIdFacts } from "../schema/cn-id";
import { fieldKind, fieldOptions } from "../schema/fields";
import type { DemoHints, JsonSchema } from "../schema/types";
import { isVisible } from "../schema/visibility";
import { cohereRecord } from "./cohere-record";
import * as gen from "./generate-value";
import { choiceValue, isPaired, objectHint, range, type Hint } from "./hints";
import { addYears, dayToIso, isoToDay, Random } from "./random";

/** How to generate one record. */
export interface GenerateOptions {
  schema: JsonSchema;
  /** The template's `demo` hints, keyed by field path ("basic.name", "payments.amount"). */
  hints?: DemoHints;
  /** The same seed (and sequence) gives the same record. */
  seed: number;
  /** The number sequence hints write ("KH000123"). */
  sequence: number;
  /** Dates are generated up to this day (YYYY-MM-DD); defaults to today. */
  today?: string;
}

interface Walk {
  ctx: gen.ValueContext;
  hints: DemoHints;
  root: Record<string, unknown>;
}

// `if` branches are evaluated with ajv, like validation does; compiled once per branch schema.
let ifAjv: ReturnType<typeof createAjv> | undefined;
const ifValidators = new WeakMap<JsonSchema, ValidateFunction>();

function matches(schema: JsonSchema, data: unknown): boolean {
  let v = ifValidators.get(schema);
  if (!v) {
    v = (ifAjv ??= createAjv(false, { strict: false, allErrors: false })).compile(schema);
    ifValidators.set(schema, v);
  }
  return v(data) as boolean;
}

const isObject = (s: JsonSchema) => fieldKind(s) === "section";

/** A value from a hint, or `undefined` to fall back to the field's kind ("" means: leave empty). */
function fromHint(hint: Hint | undefined, schema: JsonSchema, w: Walk): unknown {
  if (hint === undefined) return undefined;
  if (hint === "person-name") return gen.personName(w.ctx);
  if (hint === "address") return gen.address(w.ctx);
  if (typeof hint !== "object" || hint === null) return undefined;
  if (Array.isArray(hint.oneOf) && hint.oneOf.length) return choiceValue(w.ctx.rng.pick(hint.oneOf));
  if (typeof hint.sequence === "string") return `${hint.sequence}${String(w.ctx.sequence).padStart(hint.digits ?? 0, "0")}`;
  if (typeof hint.min === "number" || typeof hint.max === "number") return gen.number(w.ctx, schema, fieldKind(schema), hint);
  return undefined;
}

/** A value for a field that is not an object or a table, by its kind. */
function scalar(schema: JsonSchema, w: Walk): unknown {
  const { rng } = w.ctx;
  if (schema.const !== undefined) return schema.const;
  const kind = fieldKind(schema);
  const options = schema.enum ?? (kind === "boolean" ? [true, false] : undefined);
  // A default is the usual answer: give it half of the records.
  if (options) return schema.default !== undefined && rng.chance(0.5) ? schema.default : rng.pick(options);
  switch (kind) {
    case "multiselect": {
      const all = fieldOptions(schema) ?? [];
      const chosen = all.filter(() => rng.chance(0.4));
      const list = chosen.length >= (schema.minItems ?? 0) ? chosen : all.slice(0, schema.minItems);
      return list.length ? list : undefined;
    }
    case "idNumber":
      return gen.residentId(w.ctx);
    case "mobile":
      return gen.mobile(w.ctx);
    case "phone":
      return gen.phone(w.ctx);
    case "email":
      return gen.email(w.ctx);
    case "date":
      return gen.date(w.ctx);
    case "datetime":
      return `${gen.date(w.ctx)}T${String(rng.int(8, 19)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`;
    case "number":
    case "money":
    case "percent":
    case "integer":
      return gen.number(w.ctx, schema, kind);
    case "address":
      return gen.address(w.ctx);
    default:
      return schema["x-pii"] === "name" ? gen.personName(w.ctx) : gen.text(w.ctx, schema);
  }
}

/** Splits `total` units into `n` random positive parts of at least `least` units each. */
function partition(rng: Random, total: number, n: number, least: number): number[] {
  const free = total - n * least;
  const cuts = Array.from({ length: n - 1 }, () => rng.int(0, free)).sort((a, b) => a - b);
  return [...cuts, free].map((c, i) => c - (i ? cuts[i - 1] : 0) + least);
}

/** Makes a table column add up to its `x-sumEquals` total exactly. */
function fixSum(schema: JsonSchema, rows: Record<string, unknown>[], rng: Random) {
  const rule = schema["x-sumEquals"];
  if (!rule || rows.length === 0) return;
  const column = schema.items?.properties?.[rule.field] ?? {};
  // Whole numbers when they fit, otherwise hundredths.
  const scale = Number.isInteger(rule.value) && rule.value >= rows.length && column.type !== "integer" ? 1 : 100;
  const least = Math.max(1, Math.ceil((column.minimum ?? 0) * scale));
  partition(rng, Math.round(rule.value * scale), rows.length, least).forEach((units, i) => (rows[i][rule.field] = units / scale));
}

function fillTable(schema: JsonSchema, path: string, required: boolean, w: Walk): unknown[] | undefined {
  const [hintLeast, hintMost] = range(objectHint(w.hints, path)?.rows, [0, 4]);
  const least = Math.max(schema.minItems ?? 0, required ? 1 : 0, hintLeast);
  const most = Math.max(least, Math.min(schema.maxItems ?? hintMost, hintMost));
  const rows = Array.from({ length: w.ctx.rng.int(least, most) }, () => fillObject(schema.items ?? {}, path, w));
  fixSum(schema, rows, w.ctx.rng);
  return rows.length ? rows : undefined;
}

/** How likely an optional field gets a value: real files are never complete, but never miss their number. */
function fillChance(schema: JsonSchema, hint: Hint | undefined): number {
  if (typeof hint === "object" && hint !== null) {
    if (typeof hint.fill === "number") return Math.min(1, Math.max(0, hint.fill));
    if (typeof hint.sequence === "string") return 1;
  }
  const kind = fieldKind(schema);
  if (kind === "section") return 0.95;
  if (hint !== undefined || kind !== "text") return 0.85;
  return 0.4;
}

function fillField(out: Record<string, unknown>, key: string, schema: JsonSchema, path: string, required: boolean, w: Walk) {
  const fieldPath = path ? `${path}.${key}` : key;
  const hint = w.hints[fieldPath] as Hint | undefined;
  if (!required && !w.ctx.rng.chance(fillChance(schema, hint))) return;
  const kind = fieldKind(schema);
  let value: unknown;
  if (kind === "section") {
    const obj = fillObject(schema, fieldPath, w);
    value = Object.keys(obj).length ? obj : undefined;
  } else if (kind === "table") value = fillTable(schema, fieldPath, required, w);
  else value = fromHint(hint, schema, w) ?? scalar(schema, w);
  if (typeof value === "string" && schema.maxLength) value = value.slice(0, schema.maxLength);
  if (value !== undefined && value !== "") out[key] = value;
}

/** Fills an object: plain fields first, then the `if` branch, then fields shown on condition. */
function fillObject(schema: JsonSchema, path: string, w: Walk, target?: Record<string, unknown>): Record<string, unknown> {
  const out = target ?? {};
  const props = schema.properties ?? {};
  const keys = Object.keys(props);
  const outer = w.ctx.person;
  w.ctx.person = gen.newPerson(w.ctx.rng);
  const required = new Set(schema.required ?? []);
  const shape = (k: string, extra?: JsonSchema) => (extra?.properties?.[k] ? { ...props[k], ...extra.properties[k] } : props[k]);
  for (const k of keys) if (!props[k]["x-visibleWhen"]) fillField(out, k, props[k], path, required.has(k), w);
  const branch = schema.if ? (matches(schema.if, out) ? schema.then : schema.else) : undefined;
  for (const k of branch?.required ?? []) required.add(k);
  for (const k of keys) {
    const conditional = Boolean(props[k]["x-visibleWhen"]);
    if (!conditional && (out[k] !== undefined || !branch?.required?.includes(k))) continue;
    if (conditional && !isVisible(props[k]["x-visibleWhen"], out, w.root)) continue;
    fillField(out, k, shape(k, branch), path, required.has(k), w);
  }
  deriveAndOrder(props, out, path, w);
  w.ctx.person = outer;
  return out;
}

const addDays = (iso: string, days: number) => dayToIso(isoToDay(iso) + days);

/**
 * Makes one object's fields agree: `x-idDerive` (birth date and gender from the ID), paired
 * choices (a product and its type), dates that follow another (`after`), end dates after their
 * start (`x-notBefore`, by the hint's `years`; a missing start is filled, an end alone is not a
 * file), and the share of end dates that come up within the next weeks (`upcoming`).
 */
function deriveAndOrder(props: Record<string, JsonSchema>, out: Record<string, unknown>, path: string, w: Walk) {
  const { rng, today } = w.ctx;
  const hintOf = (k: string) => objectHint(w.hints, path ? `${path}.${k}` : k);
  for (const [k, s] of Object.entries(props)) {
    const rule = s["x-idDerive"];
    const facts = rule && typeof out[k] === "string" ? residentIdFacts(out[k] as string) : null;
    if (rule && facts) {
      if (rule.birthDate && props[rule.birthDate]) out[rule.birthDate] = facts.birthDate;
      if (rule.gender && props[rule.gender]) out[rule.gender] = facts.gender;
    }
    const paired = hintOf(k)?.oneOf?.find((e) => isPaired(e) && e.value === out[k]);
    if (isPaired(paired)) for (const [sibling, v] of Object.entries(paired.with)) if (props[sibling]) out[sibling] = v;
  }
  // What each date follows: its `after` hint, else its `x-notBefore` start.
  const source = (k: string): string | undefined => hintOf(k)?.after?.field ?? props[k]?.["x-notBefore"];
  const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
  const ordered: string[] = [];
  const visit = (k: string, depth = 0) => {
    if (ordered.includes(k) || depth > 10) return;
    const src = source(k);
    if (src && props[src]) visit(src, depth + 1);
    ordered.push(k);
  };
  for (const k of Object.keys(props)) if (source(k)) visit(k);
  for (const k of ordered) {
    const src = source(k);
    if (!src || !props[src]) continue;
    const hint = hintOf(k);
    if (hint?.after) {
      const [lo, hi] = range(hint.after.days, [0, 30]);
      if (isDate(out[src]) && isDate(out[k])) out[k] = addDays(out[src] as string, rng.int(lo, hi));
      continue;
    }
    const years = hint?.years ? rng.int(...range(hint.years, [1, 20])) : rng.pick([1, 1, 3, 5, 10, 15, 20, 30]);
    // A policy from 1 March runs to the last day of February: the day before the anniversary.
    if (isDate(out[src]) && isDate(out[k])) out[k] = addDays(addYears(out[src] as string, years), hint?.years ? -1 : 0);
    else if (isDate(out[k]) && out[src] === undefined) out[src] = addDays(addYears(out[k] as string, -years), hint?.years ? 1 : 0);
  }
  for (const k of ordered) {
    const hint = hintOf(k);
    if (!hint?.upcoming || !isDate(out[k]) || !rng.chance(hint.upcoming)) continue;
    const shift = isoToDay(today) + rng.int(1, hint.upcomingDays ?? 90) - isoToDay(out[k] as string);
    for (let f: string | undefined = k, n = 0; f && isDate(out[f]) && n < 10; f = source(f), n++) out[f] = addDays(out[f] as string, shift);
  }
}

/**
 * A synthetic record for any template, generated from its schema: types, formats, enums, bounds
 * and lengths, conditional fields, `if`/`then` requirements, tables (0–4 rows) and the `x-…`
 * cross-field rules, so that it passes the template's own validation. The template's `demo`
 * hints choose realistic values ("person-name", "address", `{ oneOf }`, `{ min, max, step }`,
 * `{ sequence, digits }`); nothing about any particular template is written here. Pure and
 * deterministic: the same options give the same record.
 */
export function generateRecord(options: GenerateOptions): Record<string, unknown> {
  const rng = new Random(options.seed);
  const root: Record<string, unknown> = {};
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const w: Walk = { ctx: { rng, today, sequence: options.sequence, person: gen.newPerson(rng) }, hints: options.hints ?? {}, root };
  if (isObject(options.schema)) {
    fillObject(options.schema, "", w, root);
    cohereRecord(root, w.hints, rng, today);
  }
  return root;
}

/** The template's sequence hints outside tables: where generated numbers like "KH000123" go. */
export function sequenceHints(hints: DemoHints | undefined): { path: string; prefix: string; digits: number }[] {
  return Object.entries(hints ?? {}).flatMap(([path, h]) =>
    h && typeof h === "object" && typeof (h as { sequence?: unknown }).sequence === "string"
      ? [{ path, prefix: (h as { sequence: string }).sequence, digits: Number((h as { digits?: number }).digits ?? 0) }]
      : [],
  );
}
