import { withRoute } from "@/lib/api/with-route";
import { countDueReminders } from "@/lib/reminders/count-due-reminders";

// GET /api/reminders/count – how many reminders are due today or overdue (the sidebar's badge)
export const GET = withRoute(async ({ actor }) => countDueReminders({ actor }));
