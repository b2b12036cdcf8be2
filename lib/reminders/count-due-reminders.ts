import "server-only";
import type { Actor } from "../auth/roles";
import { listReminders } from "./list-reminders";

// The badge is fetched on every full page load. Rules on table columns read every record that
// has the table (the embedded database cannot push ranges on array paths down), so the count is
// kept per actor for a short while; `fresh` (after closing or snoozing one) computes it again.
const TTL_MS = 30_000;
const cache = new Map<string, { at: number; due: number }>();

/** How many of the actor's reminders are due today or overdue (the sidebar's badge). */
export async function countDueReminders(params: { actor: Actor | null; now?: Date; fresh?: boolean }): Promise<{ due: number }> {
  const id = params.actor?.id ?? "";
  const hit = cache.get(id);
  if (hit && !params.fresh && !params.now && Date.now() - hit.at < TTL_MS) return { due: hit.due };
  // A zero horizon narrows every rule's date range to what is due by today.
  const { items } = await listReminders({ ...params, horizonDays: 0 });
  if (!params.now) cache.set(id, { at: Date.now(), due: items.length });
  if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
  return { due: items.length };
}
