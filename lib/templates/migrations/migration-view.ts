import "server-only";
import type { TemplateMigrationDoc } from "../../db/models/template-migration";
import type { MigrationOp } from "./migration-op";

/** A migration job as the progress bar and the API see it. */
export interface MigrationView {
  id: string;
  templateKey: string;
  fromVersion: number;
  toVersion: number;
  op: MigrationOp;
  note: string;
  status: "pending" | "running" | "done" | "failed";
  total: number;
  processed: number;
  migrated: number;
  failed: number;
  /** 0–100 for the progress bar. */
  percent: number;
  failures: { id: string; title: string; message: string }[];
  /** Running, but nobody has reported progress for a while: offer to resume. */
  stalled: boolean;
  error: string | null;
  startedAt: string;
  startedByName: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** After this long without a heartbeat, a running job counts as abandoned and may be taken over. */
export const STALE_AFTER_MS = 30_000;

/** Maps a job document to its view. */
export function toMigrationView(doc: TemplateMigrationDoc & { _id: string }): MigrationView {
  const total = Math.max(doc.total ?? 0, doc.processed ?? 0);
  // A job just started or paused between batches has no heartbeat yet; its last update counts.
  const lastActivity = (doc.heartbeatAt ?? doc.updatedAt ?? doc.startedAt).getTime();
  return {
    id: doc._id,
    templateKey: doc.templateKey,
    fromVersion: doc.fromVersion,
    toVersion: doc.toVersion,
    op: doc.op as MigrationOp,
    note: doc.note ?? "",
    status: doc.status as MigrationView["status"],
    total,
    processed: doc.processed ?? 0,
    migrated: doc.migrated ?? 0,
    failed: doc.failed ?? 0,
    percent: doc.status === "done" ? 100 : total === 0 ? 0 : Math.min(99, Math.floor(((doc.processed ?? 0) / total) * 100)),
    failures: (doc.failures ?? []).map((f) => ({ id: f.id ?? "", title: f.title ?? "", message: f.message ?? "" })),
    stalled: (doc.status === "running" || doc.status === "pending") && Date.now() - lastActivity > STALE_AFTER_MS,
    error: doc.error ?? null,
    startedAt: doc.startedAt.toISOString(),
    startedByName: doc.startedByName,
    updatedAt: (doc.updatedAt ?? doc.startedAt).toISOString(),
    finishedAt: doc.finishedAt ? doc.finishedAt.toISOString() : null,
  };
}
