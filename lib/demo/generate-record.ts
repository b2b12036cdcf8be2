import type { ValidateFunction } from "ajv";
import { createAjv } from "../schema/ajv";
import { residentIdFacts } from "../schema/cn-id";
import { fieldKind, fieldOptions } from "../schema/fields";
import type { DemoHints, JsonSchema } from "../schema/types";
import { isVisible } from "../schema/visibility";
import { addYears, Random } from "./random";
import * as gen from "./generate-value";

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

type Hint = string | { oneOf?: unknown[]; min?: number; max?: number; step?: number; sequence?: string; digits?: number };

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
  if (Array.isArray(hint.oneOf) && hint.oneOf.length) return w.ctx.rng.pick(hint.oneOf);
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
  const least = Math.max(schema.minItems ?? 0, required ? 1 : 0);
  const most = Math.max(least, Math.min(schema.maxItems ?? 4, 4));
  const rows = Array.from({ length: w.ctx.rng.int(least, most) }, () => fillObject(schema.items ?? {}, path, w));
  fixSum(schema, rows, w.ctx.rng);
  return rows.length ? rows : undefined;
}

/** How likely an optional field gets a value: real files are never complete. */
function fillChance(schema: JsonSchema, hasHint: boolean): number {
  const kind = fieldKind(schema);
  if (kind === "section") return 0.95;
  if (hasHint || kind !== "text") return 0.85;
  return 0.4;
}

function fillField(out: Record<string, unknown>, key: string, schema: JsonSchema, path: string, required: boolean, w: Walk) {
  const fieldPath = path ? `${path}.${key}` : key;
  const hint = w.hints[fieldPath] as Hint | undefined;
  if (!required && !w.ctx.rng.chance(fillChance(schema, hint !== undefined))) return;
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
  deriveAndOrder(props, out, w);
  w.ctx.person = outer;
  return out;
}

/** Applies `x-idDerive` (birth date and gender from the ID) and `x-notBefore` (end after start). */
function deriveAndOrder(props: Record<string, JsonSchema>, out: Record<string, unknown>, w: Walk) {
  for (const [k, s] of Object.entries(props)) {
    const rule = s["x-idDerive"];
    const facts = rule && typeof out[k] === "string" ? residentIdFacts(out[k] as string) : null;
    if (rule && facts) {
      if (rule.birthDate && props[rule.birthDate]) out[rule.birthDate] = facts.birthDate;
      if (rule.gender && props[rule.gender]) out[rule.gender] = facts.gender;
    }
    const start = s["x-notBefore"] ? out[s["x-notBefore"]] : undefined;
    if (typeof start === "string" && typeof out[k] === "string") out[k] = addYears(start, w.ctx.rng.pick([1, 1, 3, 5, 10, 15, 20, 30]));
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
  if (isObject(options.schema)) fillObject(options.schema, "", w, root);
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
