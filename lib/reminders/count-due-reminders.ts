import "server-only";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import { log } from "../log/log";
import { countOpenReminders } from "./list-reminders";
import { ReminderIndexOff } from "./reminder-index";
import { countIndexedReminders } from "./workbench-page";
import { reminderReach } from "./reminder-scope";

/**
 * The badge counts up to this and then says "99+": past it a number helps nobody (and, should the
 * reminder index fail, counting on from the records would read every record with a reminder).
 */
export const DUE_CAP = 100;

// The badge is fetched on every full page load. Counted from the reminder index (a pass over
// memory), it is still kept a while per reader — the records of their data scope, or everyone's, which every administrator and
// reviewer whose scope is "all" shares (reminders are handled per record, not per reader) — and a
// count being computed is shared by every request that asks for it meanwhile (several tabs, quick
// reloads); `fresh` (after closing or snoozing one) computes it again.
const TTL_MS = { own: 30_000, everyone: 60_000 };
const cache = new Map<string, { at: number; due: Promise<Due> }>();

/** The badge: how many reminders are due today or overdue, and whether there are more than that. */
export interface Due {
  due: number;
  more: boolean;
}

/** How many of the actor's reminders are due today or overdue (the sidebar's badge), up to DUE_CAP. */
export async function countDueReminders(params: { actor: Actor | null; now?: Date; fresh?: boolean }): Promise<Due> {
  // A zero horizon narrows every rule's date range to what is due by today. From the reminder
  // index; while it is still being read (start-up, a publish) or should it fail, counted from the
  // records, stopping at the cap — the badge is on every page and never waits for a build.
  const compute = () =>
    countIndexedReminders({ ...params, horizonDays: 0, wait: false })
      .then((n) => ({ due: Math.min(n, DUE_CAP), more: n >= DUE_CAP }))
      .catch((err: unknown) => {
        if (err instanceof DomainError) throw err;
        if (!(err instanceof ReminderIndexOff)) log.error("reminders", `reminder index failed, counting from the records: ${(err as Error).message}`);
        return countOpenReminders({ ...params, horizonDays: 0, cap: DUE_CAP }).then(({ count, capped }) => ({ due: count, more: capped }));
      });
  if (params.now) return compute();
  const reach = params.actor ? await reminderReach(params.actor) : "none";
  const id = reach === "everyone" ? "*" : `${params.actor?.id ?? ""}`;
  const ttl = reach === "everyone" ? TTL_MS.everyone : TTL_MS.own;
  const hit = cache.get(id);
  if (hit && !params.fresh && Date.now() - hit.at < ttl) return hit.due;
  const entry = { at: Date.now(), due: compute() };
  cache.set(id, entry);
  entry.due.catch(() => cache.get(id) === entry && cache.delete(id));
  if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
  return entry.due;
}
