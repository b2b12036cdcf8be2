import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { snoozeReminder } from "@/lib/reminders/snooze-reminder";

// POST /api/reminders/snooze – 稍后提醒: { key, until: "YYYY-MM-DD" }
export const POST = withRoute(async ({ req, actor }) => {
  const body = await readJsonObject(req);
  return snoozeReminder({ actor, key: body.key, until: body.until });
});
