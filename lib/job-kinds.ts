import "server-only";
import type { JobKind } from "./jobs/job-kind";
import { backupJob } from "./backup/backup-job";
import { importJob } from "./imports/import-job";
import { undoJob } from "./imports/undo-job";
import { migrationJob } from "./migrations/migration-job";

/**
 * Every kind of job the runner knows, for the one resume call at start-up (lib/bootstrap.ts).
 * A new kind (imports, exports, backups, restores) is added here; see lib/jobs/job-kind.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kinds differ in their params and state
export const JOB_KINDS: readonly JobKind<any, any>[] = [migrationJob, importJob, undoJob, backupJob];
