import type { JobDoc } from "../db/models/job";

/** A job as a kind's steps see it: its parameters and tallies typed by the kind. */
export type Job<P = Record<string, unknown>, S = Record<string, unknown>> = Omit<JobDoc, "params" | "state" | "cursor"> & {
  params: P;
  state: S;
  cursor: string | null;
};

/** What one batch did. */
export interface BatchResult<S> {
  /** Where the next batch starts. */
  cursor: string | null;
  /** The kind's tallies after this batch. */
  state: S;
  /** Items this batch completed (adds to the progress bar). */
  done: number;
  /** Nothing left: the runner calls `finish` and marks the job done. */
  finished: boolean;
  /** How many items there are in all, once the kind knows (an import counts its file's rows on its first batch). */
  total?: number;
  /** The kind started its work over with this batch (an import whose file's grouping changed): progress counts from `done` again. */
  restarted?: boolean;
}

/**
 * A kind of long work on the job runner: template migrations today; imports, exports, backups
 * and restores next. The runner claims the job, keeps its heartbeat, saves cursor, state and
 * progress after every batch, honours cancel requests between batches and resumes after a
 * restart; a kind supplies only its steps. Every step must be idempotent: after a crash the
 * batch that was under way runs again.
 */
export interface JobKind<P = Record<string, unknown>, S = Record<string, unknown>> {
  kind: string;
  /** Before the first batch (again when a run died before the first batch was saved). */
  start?(job: Job<P, S>): Promise<void>;
  /** One batch from `job.cursor`. */
  batch(job: Job<P, S>): Promise<BatchResult<S>>;
  /** After the last batch, before the job is marked done (e.g. the summary audit event). */
  finish?(job: Job<P, S>): Promise<S | void>;
  /**
   * When a run stops before the end — cancelled, or failed — so the kind lets go of what it keeps
   * in this process for the next batch (an import's open file and the batch it read ahead).
   */
  release?(jobId: string): void;
  /**
   * After the job is cancelled for good (a cancelled job never runs again), so the kind removes
   * what it kept in the database only to resume it (an import's notes of the values it has seen).
   * Called by the worker that stops it, or by the kind's own service for a job no worker held.
   */
  cancelled?(job: Job<P, S>): Promise<void>;
  /** Runs on while a backup pauses the other jobs between their batches (the backup itself). */
  runsWhilePaused?: boolean;
}

/** After this long without a heartbeat, a running job counts as abandoned and may be taken over. */
export const STALE_AFTER_MS = 30_000;

/** The job id for a kind's own id: one namespace per kind. */
export const jobId = (kind: string, id: string) => `${kind}:${id}`;
