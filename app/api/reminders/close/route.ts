import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { closeReminder } from "@/lib/reminders/close-reminder";

// POST /api/reminders/close – 已处理: { key, outcome, note? }
export const POST = withRoute(async ({ req, actor }) => {
  const body = await readJsonObject(req);
  return closeReminder({ actor, key: body.key, outcome: body.outcome, note: body.note });
});
