// The app server's heap limit. V8's default old-space limit grows with the machine's memory (~4 GB
// on 24 GB) and V8 lets garbage accumulate up to a good share of it before collecting hard: an
// import of 100,000 rows peaked near 800 MB of RSS while keeping little alive (benchmarks/README.md
// runs 32–33). A limit makes V8 collect instead of growing. DOSSIER_HEAP_MB sets it (0: V8's own).
import { SetupError } from "./ferretdb.mjs";

export const DEFAULT_HEAP_MB = 384;

/** The heap limit in MB for this environment, or null for V8's default. Throws on a bad value. */
export function heapLimitMb(env = process.env) {
  const raw = env.DOSSIER_HEAP_MB;
  if (raw === undefined || raw === "") return DEFAULT_HEAP_MB;
  const n = Number(raw);
  if (!Number.isInteger(n) || (n !== 0 && n < 128)) throw new SetupError(`DOSSIER_HEAP_MB=${raw} 无效 / invalid`, "应为 0（不限制）或不小于 128 的整数（MB） / 0 (no limit) or a whole number of MB, at least 128");
  return n === 0 ? null : n;
}

/**
 * Node's flags for that limit, to put before the script a server or benchmark runs. A
 * `--max-old-space-size` in NODE_OPTIONS is the operator's own choice and wins (a flag on the
 * command line would silently override it).
 */
export function heapFlags(env = process.env) {
  const mb = heapLimitMb(env);
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? "")) return [];
  return mb === null ? [] : [`--max-old-space-size=${mb}`];
}
