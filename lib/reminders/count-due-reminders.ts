import "server-only";
import type { Actor } from "../auth/roles";
import { listReminders } from "./list-reminders";

/** How many of the actor's reminders are due today or overdue (the sidebar's badge). */
export async function countDueReminders(params: { actor: Actor | null; now?: Date }): Promise<{ due: number }> {
  // A zero horizon narrows every rule's date range to what is due by today.
  const { items } = await listReminders({ ...params, horizonDays: 0 });
  return { due: items.length };
}
