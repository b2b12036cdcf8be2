import type { Locale } from "../i18n/locale";
import { pathLabel, pointerSegments } from "../schema/messages";
import { respell } from "../schema/normalize";
import type { JsonSchema } from "../schema/types";
import type { FieldChange } from "../shared/field-change";

const escape = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");

/** Flattens nested data into JSON-pointer → scalar (arrays of scalars count as one value). */
export function flatten(data: unknown, prefix = "", out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (Array.isArray(data)) {
    if (data.every((v) => v === null || typeof v !== "object")) {
      if (data.length > 0) out.set(prefix, data);
      return out;
    }
    data.forEach((row, i) => flatten(row, `${prefix}/${i}`, out));
  } else if (data && typeof data === "object") {
    for (const [k, v] of Object.entries(data)) flatten(v, `${prefix}/${escape(k)}`, out);
  } else if (data !== undefined && data !== null && prefix) {
    out.set(prefix, data);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-level differences between two versions of a record's data, in schema order. */
export function diffData(schema: JsonSchema, before: unknown, after: unknown, locale: Locale = "zh"): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = new Set([...a.keys(), ...b.keys()]);
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (same(x, y)) continue;
    changes.push({ path, label: pathLabel(schema, pointerSegments(path), locale), before: x, after: y });
  }
  return changes;
}

/**
 * The changes from stored data to `next` (data as this release prepares it: normalized). A stored
 * value that only an older release's normalizers spelled differently (see `respell`) is no change:
 * given again — the form sent back untouched, the same file re-imported — it makes no revision and
 * no 更新. A value that does change is listed as it was stored. Only values that differ are
 * normalized again (an unchanged record costs nothing more).
 */
export function diffStored(schema: JsonSchema, stored: unknown, next: unknown, locale: Locale = "zh"): FieldChange[] {
  return diffData(schema, stored, next, locale).filter((c) => !same(respell(schema, pointerSegments(c.path), c.before), c.after));
}
