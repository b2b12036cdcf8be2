/** A field path moved by key renames: `from` (and everything under it) now lives under `to`. */
export interface Rename {
  from: string;
  to: string;
}

/** A version as far as renames go: the key migration that published it, if any. */
export interface VersionMigration {
  version: number;
  migration?: { type: string; path: string; newKey?: string };
}

/** Where a path lives after the renames: the deepest rename that covers it wins (a field renamed inside a renamed section). */
export function movePath(path: string, renames: Rename[]): string {
  for (const r of [...renames].sort((a, b) => b.from.length - a.from.length)) if (path === r.from || path.startsWith(`${r.from}.`)) return r.to + path.slice(r.from.length);
  return path;
}

/**
 * The key renames that migrations made between two versions (or a version and the draft), one
 * move per original path (a→b then b→c is a→c), in the direction of the diff. A migration's
 * version is the one where its rename took effect; the draft comes after every version.
 */
export function renamesBetween(versions: VersionMigration[], from: number | "draft", to: number | "draft"): Rename[] {
  const n = (r: number | "draft") => (r === "draft" ? Infinity : r);
  const [lo, hi] = n(from) <= n(to) ? [n(from), n(to)] : [n(to), n(from)];
  const ops = versions
    .filter((v) => v.version > lo && v.version <= hi && v.migration?.type === "renameKey" && v.migration.newKey)
    .sort((a, b) => a.version - b.version)
    .map((v) => v.migration as { path: string; newKey: string });
  let renames: Rename[] = [];
  for (const op of ops) {
    const step = { from: op.path, to: [...op.path.split(".").slice(0, -1), op.newKey].join(".") };
    // Where the renamed field was before the earlier renames (a field moved before moves on).
    const origin = renames.find((r) => step.from === r.to) ?? renames.find((r) => step.from.startsWith(`${r.to}.`));
    const start = origin ? origin.from + step.from.slice(origin.to.length) : step.from;
    renames = renames.filter((r) => r.to !== step.from).map((r) => ({ from: r.from, to: movePath(r.to, [step]) }));
    renames.push({ from: start, to: step.to });
  }
  return n(from) <= n(to) ? renames : renames.map((r) => ({ from: r.to, to: r.from }));
}
