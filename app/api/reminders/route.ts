import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { listReminders } from "@/lib/reminders/list-reminders";

// listReminders checks who may see whose reminders.
const query = z.object({ owner: z.string().optional() });

// GET /api/reminders?owner=<userId> – the 工作台's open reminders (agents: their own customers')
export const GET = withRoute({ query }, async ({ query, actor }) => listReminders({ actor, ownerId: query.owner }));
