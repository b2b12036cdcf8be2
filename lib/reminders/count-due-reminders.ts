import "server-only";
import type { Actor } from "../auth/roles";
import { listReminders } from "./list-reminders";
import { reminderReach } from "./reminder-scope";

// The badge is fetched on every full page load. Rules on table columns read every record that
// has the table (the embedded database cannot push ranges on array paths down), so the count is
// kept for a while per reader — the records of their data scope, or everyone's, which every
// administrator and reviewer whose scope is "all" shares (reminders are handled per record, not per reader) — and a count being
// computed is shared by every request that asks for it meanwhile (several tabs, quick reloads)
// instead of reading the records again each time; `fresh` (after closing or snoozing one)
// computes it again. Everyone's is the expensive one (a whole book): kept longer.
const TTL_MS = { own: 30_000, everyone: 120_000 };
const cache = new Map<string, { at: number; due: Promise<number> }>();

/** How many of the actor's reminders are due today or overdue (the sidebar's badge). */
export async function countDueReminders(params: { actor: Actor | null; now?: Date; fresh?: boolean }): Promise<{ due: number }> {
  // A zero horizon narrows every rule's date range to what is due by today.
  const compute = () => listReminders({ ...params, horizonDays: 0 }).then(({ items }) => items.length);
  if (params.now) return { due: await compute() };
  const reach = params.actor ? await reminderReach(params.actor) : "none";
  const id = reach === "everyone" ? "*" : `${params.actor?.id ?? ""}`;
  const ttl = reach === "everyone" ? TTL_MS.everyone : TTL_MS.own;
  const hit = cache.get(id);
  if (hit && !params.fresh && Date.now() - hit.at < ttl) return { due: await hit.due };
  const entry = { at: Date.now(), due: compute() };
  cache.set(id, entry);
  entry.due.catch(() => cache.get(id) === entry && cache.delete(id));
  if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
  return { due: await entry.due };
}
