import { withRoute } from "@/lib/api/with-route";
import { pingDatabase } from "@/lib/db/ping-database";

// GET /api/health – 200 while the database answers, 503 while it is away (the error page polls it
// to tell "the database is restarting" from other errors, and to reload once it is back)
export const GET = withRoute(async () => {
  await pingDatabase();
  return { ok: true };
});
