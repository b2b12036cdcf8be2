/**
 * Runs one import undo job in a process of its own, as a server would, and kills it (SIGKILL) at
 * the moment its records are written and their delete events not yet stored: on the audit insert
 * that would take the events stored by this process past UNDO_KILL_AFTER (import-undo.test.ts) —
 * or, with UNDO_KILL_AT_WRITE, as it is about to send that record write (a batch's claims taken,
 * some of its records written, the others not).
 * Env: MONGODB_URI, MONGODB_DB, DOSSIER_DATA_DIR as the test's, UNDO_JOB the job's id.
 */
import mongoose from "mongoose";
import { setAuditInsertHook } from "@/lib/audit/audit-insert-hook";
import { undoJob } from "@/lib/imports/undo-job";
import { runJob } from "@/lib/jobs/run-job";

const atWrite = Number(process.env.UNDO_KILL_AT_WRITE ?? Infinity);
let writes = 0;
mongoose.set("debug", (collection: string, method: string) => {
  if (collection === "records" && method === "findOneAndUpdate" && ++writes >= atWrite) process.kill(process.pid, "SIGKILL");
});
const after = Number(process.env.UNDO_KILL_AFTER ?? Infinity);
let stored = 0;
setAuditInsertHook((ids) => {
  if (stored + ids.length > after) process.kill(process.pid, "SIGKILL");
  stored += ids.length;
});
await runJob(undoJob, process.env.UNDO_JOB!);
process.exit(0);
