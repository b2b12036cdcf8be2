import { withRoute } from "@/lib/api/with-route";
import { backupsView, startBackup } from "@/lib/backup/backups-view";
import { env } from "@/lib/env";

// GET /api/admin/backups – the backups kept and the latest backup job (administrators)
export const GET = withRoute(async ({ actor }) => backupsView({ actor }));

// POST /api/admin/backups – start a backup job
export const POST = withRoute(async ({ actor }) => Response.json(await startBackup({ actor, keep: env.backupKeep }), { status: 202 }));
