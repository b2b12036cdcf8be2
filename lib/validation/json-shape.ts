import type { Locale } from "../i18n/locale";
import { msg, translate, type LocalText } from "../i18n/messages";

/** How deep JSON from outside may nest: far more than any template or record needs, far less than the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * What is wrong with the shape of parsed JSON from outside, as a message key, or null: nesting
 * deeper than `maxDepth` (recursive code further on would overflow the stack: a 500 instead of a
 * 400) or a `__proto__` key (an own property after JSON.parse, but copying it with `obj[key] = …`
 * replaces the copy's prototype, so the key would vanish instead of being reported as unknown).
 * Walks iteratively, so any input is safe to check.
 */
export function jsonShapeIssue(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: string; text: LocalText } | null {
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: value, depth: 0, path: "" }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth >= maxDepth) return { path, text: msg("api.tooDeep", { max: maxDepth }) };
    if (Array.isArray(node)) {
      node.forEach((child, i) => stack.push({ node: child, depth: depth + 1, path: `${path}/${i}` }));
      continue;
    }
    for (const key of Object.keys(node)) {
      if (key === "__proto__") return { path: `${path}/${key}`, text: msg("api.protoKey") };
      stack.push({ node: (node as Record<string, unknown>)[key], depth: depth + 1, path: `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}` });
    }
  }
  return null;
}

/** jsonShapeIssue with its message in one language (Chinese unless told). */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH, locale: Locale = "zh"): { path: string; message: string } | null {
  const issue = jsonShapeIssue(value, maxDepth);
  return issue && { path: issue.path, message: translate(locale, issue.text.key, issue.text.params) };
}
