/** Sets a value at a path of keys, creating objects on the way (benchmark edits only). */
export function setByPathForBench(data: Record<string, unknown>, segments: string[], value: unknown): void {
  let node = data;
  for (const key of segments.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== "object") node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = value;
}
