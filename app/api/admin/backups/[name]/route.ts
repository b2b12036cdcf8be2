import { withRoute } from "@/lib/api/with-route";
import { openBackupFile } from "@/lib/backup/download-backup";

type Params = { name: string };

// GET /api/admin/backups/[name] – download one backup file (administrators; audited)
export const GET = withRoute<Params>(async ({ params, actor }) => {
  const { stream, size } = await openBackupFile({ actor, name: params.name });
  return new Response(stream, {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(size),
      "content-disposition": `attachment; filename="${params.name}"`,
      "cache-control": "no-store",
    },
  });
});
