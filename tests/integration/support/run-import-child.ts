/**
 * Runs one import job in a process of its own, as a server would, so that a test can SIGKILL it at
 * any moment (imports-resume.test.ts). Env: MONGODB_URI, MONGODB_DB, DOSSIER_DATA_DIR as the
 * test's, IMPORT_JOB the job's id.
 */
import { importJob } from "@/lib/imports/import-job";
import { runJob } from "@/lib/jobs/run-job";

await runJob(importJob, process.env.IMPORT_JOB!);
process.exit(0);
