import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { countDueReminders } from "@/lib/reminders/count-due-reminders";

const query = z.object({ fresh: z.string().optional().transform((v) => v === "1") });

// GET /api/reminders/count[?fresh=1] – how many reminders are due today or overdue (the sidebar's badge)
export const GET = withRoute({ query }, async ({ query, actor }) => countDueReminders({ actor, fresh: query.fresh }));
