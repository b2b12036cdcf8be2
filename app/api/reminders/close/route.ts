import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { closeReminder } from "@/lib/reminders/close-reminder";

// closeReminder checks each field itself; the wrapper reads the object.
const body = z.object({ key: z.unknown().optional(), outcome: z.unknown().optional(), note: z.unknown().optional() });

// POST /api/reminders/close – 已处理: { key, outcome, note? }
export const POST = withRoute({ body }, async ({ body, actor }) => closeReminder({ actor, key: body.key, outcome: body.outcome, note: body.note }));
