/** A published version number or the draft. */
export type VersionRef = number | "draft";

/** A version reference from a URL parameter, or null when it is not one of the given refs. */
export function parseRef(raw: string | null | undefined, available: readonly VersionRef[]): VersionRef | null {
  if (raw === "draft") return available.includes("draft") ? "draft" : null;
  const n = Number(raw);
  return raw && Number.isInteger(n) && available.includes(n) ? n : null;
}

/** Older first: versions by number, the draft after every version. */
export function compareRefs(a: VersionRef, b: VersionRef): number {
  if (a === b) return 0;
  if (a === "draft") return 1;
  if (b === "draft") return -1;
  return a - b;
}

/**
 * The pair the history compares first: the current version against the draft when there is
 * one, else the previous version against the current one; null with fewer than two.
 */
export function defaultPair(versions: readonly number[], hasDraft: boolean): { from: VersionRef; to: VersionRef } | null {
  const sorted = [...versions].sort((a, b) => b - a);
  if (hasDraft && sorted.length) return { from: sorted[0], to: "draft" };
  if (sorted.length >= 2) return { from: sorted[1], to: sorted[0] };
  return null;
}

/**
 * The selection after a version's checkbox is toggled: at most two refs, the oldest pick
 * dropped when a third is chosen; kept sorted older first.
 */
export function toggleRef(selected: readonly VersionRef[], ref: VersionRef): VersionRef[] {
  if (selected.includes(ref)) return selected.filter((r) => r !== ref);
  const next = selected.length >= 2 ? [selected[1], ref] : [...selected, ref];
  return next.sort(compareRefs);
}
