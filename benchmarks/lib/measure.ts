// Small helpers shared by the benchmarks: timing, percentiles, settings and markdown tables.
import { readFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

/** A numeric setting from the environment (BENCH_<NAME>, also set by `--name value` flags). */
export function setting(name: string, fallback: number): number {
  const raw = process.env[`BENCH_${name}`];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`BENCH_${name} must be a non-negative number, got "${raw}"`);
  return n;
}

/** Milliseconds since `start` (a `performance.now()` value). */
export const since = (start: number) => performance.now() - start;

/** The p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns the durations in ms. */
export async function sample(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(since(t));
  }
  return out;
}

/** A number of milliseconds for a table: one decimal under 100 (either sign), whole above. */
export const ms = (v: number) => (Number.isNaN(v) ? "–" : Math.abs(v) < 100 ? v.toFixed(1) : Math.round(v).toLocaleString("en-US"));

/** Prints a markdown table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Samples the process's resident memory every `everyMs` while running; `stop()` returns the peak in MB. */
export function rssSampler(everyMs = 50) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak / 1024 / 1024;
    },
  };
}

/** The machine in one line, for the results header. */
export async function machine(): Promise<string> {
  const os = await import("node:os");
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}, heap limit ${heapLimitNow()} MB`;
}

/** The heap limit this process runs under, in MB (the app server's, DOSSIER_HEAP_MB; see benchmarks/run.mjs). */
export function heapLimitNow(): number {
  return Math.round(getHeapStatistics().heap_size_limit / 1024 ** 2);
}

/**
 * CPU milliseconds used so far by this process and by the benchmark's FerretDB (its pid in
 * BENCH_DB_PID, from /proc; NaN where that cannot be read). On a shared machine wall time moves
 * with other load; CPU per record does much less.
 */
export function cpuNow(): { node: number; db: number } {
  const { user, system } = process.cpuUsage();
  let db = NaN;
  try {
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second here).
    const fields = readFileSync(`/proc/${process.env.BENCH_DB_PID}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    db = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    // Not Linux, or no FerretDB of the benchmark's own.
  }
  return { node: (user + system) / 1000, db };
}

/** CPU ms per item of each process from `from` to `now` (cpuNow() values), as "FerretDB x ms, Node y ms". */
export function cpuPer(from: { node: number; db: number }, items: number, now = cpuNow()): string {
  return `FerretDB ${((now.db - from.db) / items).toFixed(2)} ms, Node ${((now.node - from.node) / items).toFixed(2)} ms`;
}
