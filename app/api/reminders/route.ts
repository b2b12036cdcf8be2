import { withRoute } from "@/lib/api/with-route";
import { listReminders } from "@/lib/reminders/list-reminders";

// GET /api/reminders?owner=<userId> – the 工作台's open reminders (agents: their own customers')
export const GET = withRoute(async ({ req, actor }) => listReminders({ actor, ownerId: req.nextUrl.searchParams.get("owner") ?? undefined }));
