import type { JobDoc } from "../db/models/job";
import { STALE_AFTER_MS } from "./job-kind";

/** What a progress bar needs to know about any job. */
export interface JobProgress {
  status: "pending" | "running" | "done" | "failed" | "cancelled";
  done: number;
  total: number;
  /** 0–100; 100 only when the job is done. */
  percent: number;
  /** Items per second over the current run. */
  rate: number;
  /** Pending or running, but nobody has reported progress for a while: offer to resume. */
  stalled: boolean;
  cancelRequested: boolean;
  error: string | null;
}

/** A job's progress, for the UI and the API. */
export function toJobProgress(doc: JobDoc, now = Date.now()): JobProgress {
  const done = doc.progress?.done ?? 0;
  const total = Math.max(doc.progress?.total ?? 0, done);
  // A job just started or paused between batches has no heartbeat yet; its last update counts.
  const lastActivity = (doc.heartbeatAt ?? doc.updatedAt ?? doc.startedAt).getTime();
  const status = doc.status as JobProgress["status"];
  return {
    status,
    done,
    total,
    percent: status === "done" ? 100 : total === 0 ? 0 : Math.min(99, Math.floor((done / total) * 100)),
    rate: doc.progress?.rate ?? 0,
    stalled: (status === "running" || status === "pending") && now - lastActivity > STALE_AFTER_MS,
    cancelRequested: !!doc.cancelRequestedAt,
    error: doc.error ?? null,
  };
}
