import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { snoozeReminder } from "@/lib/reminders/snooze-reminder";

// snoozeReminder checks each field itself; the wrapper reads the object.
const body = z.object({ key: z.unknown().optional(), until: z.unknown().optional() });

// POST /api/reminders/snooze – 稍后提醒: { key, until: "YYYY-MM-DD" }
export const POST = withRoute({ body }, async ({ body, actor }) => snoozeReminder({ actor, key: body.key, until: body.until }));
