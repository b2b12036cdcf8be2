import type { PiiKind } from "./types";

const stars = (n: number) => "*".repeat(Math.max(n, 1));

/**
 * Masks a personal-data value for display to people who need not see it in full. Text keeps the
 * usual hints (1101…002X); a number, yes/no or date marked as personal data is hidden entirely,
 * list items one by one: a value is masked whatever its type.
 */
export function maskValue(kind: PiiKind, value: unknown): unknown {
  if (value === undefined || value === null || value === "") return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(kind, v));
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(kind, v)]));
  if (typeof value !== "string") return stars(6);
  const chars = Array.from(value);
  switch (kind) {
    case "idNumber":
      return chars.length <= 8 ? stars(chars.length) : chars.slice(0, 4).join("") + stars(chars.length - 8) + chars.slice(-4).join("");
    case "phone":
      return chars.length <= 7 ? stars(chars.length) : chars.slice(0, 3).join("") + stars(chars.length - 7) + chars.slice(-4).join("");
    case "email": {
      const at = value.indexOf("@");
      return at <= 0 ? stars(chars.length) : `${value[0]}${stars(at - 1)}${value.slice(at)}`;
    }
    case "name":
      return chars.length <= 1 ? value : chars[0] + stars(chars.length - 1);
    case "address":
      return chars.slice(0, 6).join("") + stars(Math.min(Math.max(chars.length - 6, 1), 6));
    default:
      return stars(Math.min(chars.length, 6));
  }
}

/**
 * A copy of record data with every `x-pii` value masked, by `mask` (maskValue unless the reader
 * sees some kinds in full: lib/records/record-masking.ts decides that).
 */
export function maskData(schema: import("./types").JsonSchema, data: unknown, mask: (kind: PiiKind, value: unknown) => unknown = maskValue): unknown {
  if (Array.isArray(data)) return data.map((row) => maskData(schema.items ?? {}, row, mask));
  if (data && typeof data === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      const child = schema.properties?.[k];
      out[k] = !child ? v : child["x-pii"] ? mask(child["x-pii"], v) : maskData(child, v, mask);
    }
    return out;
  }
  return data;
}
