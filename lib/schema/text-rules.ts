import type { FieldError } from "../errors";
import type { Locale } from "../i18n/locale";
import { translate } from "../i18n/messages";
import { schemaAt } from "./fields";
import { pathLabel } from "./messages";
import type { JsonSchema } from "./types";

/** The longest text a field without its own `maxLength` may hold (a few pages). */
export const MAX_TEXT_LENGTH = 20_000;

// Control characters other than tab and line breaks (NUL among them), and halves of a character
// (lone surrogates, which the database would store as "�", not as what was validated).
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Bidirectional embeddings, overrides and isolates: they make text display in another order than
// it is stored (张三 shown for 三张, a file name ending in "fdp.exe" shown as "exe.pdf"). Nothing a
// Chinese or English record needs; the marks (U+200E/F) stay allowed.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Rules every text value follows whatever its template says: no control characters (NUL, escape…)
 * and, in a field without its own `maxLength`, at most MAX_TEXT_LENGTH characters, so that one
 * pasted essay cannot bloat every list page that shows it. Walks iteratively.
 */
export function textProblems(schema: JsonSchema, data: unknown, locale: Locale = "zh"): FieldError[] {
  const out: FieldError[] = [];
  const stack: { value: unknown; segments: (string | number)[] }[] = [{ value: data, segments: [] }];
  while (stack.length > 0) {
    const { value, segments } = stack.pop()!;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, segments: [...segments, i] }));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) stack.push({ value: v, segments: [...segments, k] });
    else if (typeof value === "string") {
      const node = schemaAt(schema, segments);
      const problem = BAD_CHARS.test(value) ? "chars" : BIDI.test(value) ? "bidi" : value.length > MAX_TEXT_LENGTH && node?.maxLength === undefined ? "long" : null;
      if (!problem) continue;
      const label = pathLabel(schema, segments, locale);
      const title = node?.title ?? String(segments[segments.length - 1] ?? "");
      const path = segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
      const message =
        problem === "chars" ? translate(locale, "validation.textChars", { title }) : problem === "bidi" ? translate(locale, "validation.textBidi", { title }) : translate(locale, "validation.textLong", { title, max: MAX_TEXT_LENGTH });
      out.push({ path, label, message, keyword: problem === "long" ? "maxLength" : "x-chars" });
    }
  }
  return out.reverse();
}
