import { residentIdCheckChar } from "../schema/cn-id";
import type { FieldKind, JsonSchema } from "../schema/types";
import { fromPattern } from "./from-pattern";
import { dayToIso, isoToDay, type Random } from "./random";
import { AREA_CODES, EMAIL_DOMAINS, EMAIL_SYLLABLES, GIVEN, MOBILE_PREFIXES, NOTES, PLACES, SURNAMES } from "./samples";

/** Whom the object being filled describes: its names, ID numbers and addresses agree. */
export interface Person {
  gender: "男" | "女";
  place: (typeof PLACES)[number];
}

/** What value generators need: randomness, today's date, the sequence number, the person. */
export interface ValueContext {
  rng: Random;
  today: string;
  sequence: number;
  person: Person;
}

/** A person for one object (a section or a table row). */
export function newPerson(rng: Random): Person {
  return { gender: rng.chance(0.5) ? "男" : "女", place: rng.pick(PLACES) };
}

/** A Chinese name: a common surname and one or two given-name characters. */
export function personName({ rng, person }: ValueContext): string {
  const chars = GIVEN[person.gender];
  const pick = () => chars[rng.int(0, chars.length - 1)];
  return rng.pick(SURNAMES) + pick() + (rng.chance(0.7) ? pick() : "");
}

/** A street address in the person's district. */
export function address({ rng, person }: ValueContext): string {
  const { area, streets } = person.place;
  const base = `${area}${rng.pick(streets)}${rng.int(1, 399)}号`;
  return rng.chance(0.6) ? `${base}${rng.int(1, 30)}栋${rng.int(1, 4)}单元${rng.int(1, 32)}0${rng.int(1, 4)}室` : base;
}

/** A birth date: mostly working age, some children and elderly; always before today. */
function birthDate({ rng, today }: ValueContext): string {
  const age = rng.chance(0.75) ? rng.int(22, 62) : rng.int(1, 85);
  const day = isoToDay(today) - Math.floor(age * 365.25) - rng.int(1, 364);
  return dayToIso(day);
}

/** A valid 18-digit resident ID: real region code, plausible birth date, the person's gender, check character. */
export function residentId(ctx: ValueContext): string {
  const order = ctx.rng.int(0, 99) * 10 + (ctx.person.gender === "男" ? ctx.rng.pick([1, 3, 5, 7, 9]) : ctx.rng.pick([0, 2, 4, 6, 8]));
  const first17 = `${ctx.person.place.region}${birthDate(ctx).replace(/-/g, "")}${String(order).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/** A mainland mobile number. */
export function mobile({ rng }: ValueContext): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** A mobile number or a landline with its area code. */
export function phone(ctx: ValueContext): string {
  if (ctx.rng.chance(0.6)) return mobile(ctx);
  const { code, digits } = ctx.rng.pick(AREA_CODES);
  return `${code}-${ctx.rng.int(2, 8)}${ctx.rng.digits(digits - 1)}`;
}

/** An address at a reserved example domain. */
export function email({ rng }: ValueContext): string {
  return `${rng.pick(EMAIL_SYLLABLES)}${rng.pick(EMAIL_SYLLABLES)}${rng.int(1, 9999)}@${rng.pick(EMAIL_DOMAINS)}`;
}

/** A date between two YYYY-MM-DD bounds (default: the last five years). */
export function date(ctx: ValueContext, from?: string, to?: string): string {
  const end = isoToDay(to ?? ctx.today);
  const start = from ? isoToDay(from) : end - 5 * 365;
  return dayToIso(ctx.rng.int(Math.min(start, end), end));
}

const NUMBER_DEFAULTS: Record<string, [number, number, number]> = {
  money: [100, 100000, 10],
  percent: [1, 100, 1],
  integer: [0, 100, 1],
  number: [0, 1000, 1],
};

/** A number within the hint's range and the schema's bounds, on the hint's step. */
export function number(ctx: ValueContext, schema: JsonSchema, kind: FieldKind, hint?: { min?: number; max?: number; step?: number }): number {
  const [dMin, dMax, dStep] = NUMBER_DEFAULTS[kind] ?? NUMBER_DEFAULTS.number;
  const step = hint?.step ?? (kind === "integer" ? 1 : dStep);
  const floor = Math.max(schema.minimum ?? -Infinity, schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + step : -Infinity);
  const ceil = Math.min(schema.maximum ?? Infinity, schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - step : Infinity);
  let lo = Math.max(hint?.min ?? dMin, floor);
  let hi = Math.min(hint?.max ?? dMax, ceil);
  if (lo > hi) [lo, hi] = Number.isFinite(floor) ? [floor, Math.min(ceil, floor + 1000 * step)] : [ceil - 1000 * step, ceil];
  const steps = Math.max(0, Math.floor((hi - lo) / step + 1e-9));
  const decimals = (String(step).split(".")[1] ?? "").length;
  const value = Number((Math.ceil(lo / step - 1e-9) * step + ctx.rng.int(0, steps) * step).toFixed(decimals));
  return Math.min(value, hi);
}

/** Text that fits the field's pattern and length limits, when the pattern is a simple one. */
function patterned(ctx: ValueContext, schema: JsonSchema): string | undefined {
  for (let attempt = 0; attempt < 5; attempt++) {
    const s = fromPattern(schema.pattern!, ctx.rng);
    if (s !== undefined && s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity)) return s;
  }
  return undefined;
}

/** Free text that fits the field's length limits. */
export function text(ctx: ValueContext, schema: JsonSchema): string | undefined {
  if (schema.pattern) return patterned(ctx, schema);
  let s = ctx.rng.pick(NOTES);
  if ((schema.minLength ?? 0) > s.length) s = s.padEnd(schema.minLength!, "。");
  return schema.maxLength ? s.slice(0, schema.maxLength) : s;
}
