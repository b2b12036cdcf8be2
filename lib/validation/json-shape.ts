/** How deep JSON from outside may nest: far more than any template or record needs, far less than the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * What is wrong with the shape of parsed JSON from outside, in Chinese, or null: nesting deeper
 * than `maxDepth` (recursive code further on would overflow the stack: a 500 instead of a 400) or
 * a `__proto__` key (an own property after JSON.parse, but copying it with `obj[key] = …` replaces
 * the copy's prototype, so the key would vanish instead of being reported as unknown). Walks
 * iteratively, so any input is safe to check.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: string; message: string } | null {
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: value, depth: 0, path: "" }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth >= maxDepth) return { path, message: `内容嵌套过深（最多 ${maxDepth} 层）` };
    if (Array.isArray(node)) {
      node.forEach((child, i) => stack.push({ node: child, depth: depth + 1, path: `${path}/${i}` }));
      continue;
    }
    for (const key of Object.keys(node)) {
      if (key === "__proto__") return { path: `${path}/${key}`, message: "不允许的字段名：__proto__" };
      stack.push({ node: (node as Record<string, unknown>)[key], depth: depth + 1, path: `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}` });
    }
  }
  return null;
}
