import { withRoute } from "@/lib/api/with-route";
import { countDueReminders } from "@/lib/reminders/count-due-reminders";

// GET /api/reminders/count[?fresh=1] – how many reminders are due today or overdue (the sidebar's badge)
export const GET = withRoute(async ({ req, actor }) => countDueReminders({ actor, fresh: req.nextUrl.searchParams.get("fresh") === "1" }));
