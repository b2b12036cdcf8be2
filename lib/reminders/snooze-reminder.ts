import "server-only";
import type { Actor } from "../auth/roles";
import { ReminderStateModel } from "../db/models/reminder-state";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { loadReminder } from "./load-reminder";
import { reminderStateChanged } from "./reminder-index";
import { daysBetween, isIsoDay } from "./office-date";

const SNOOZE_MAX_DAYS = 366;

/** Hides a reminder until a later day (稍后提醒); on that day the 工作台 shows it again. */
export async function snoozeReminder(params: { actor: Actor | null; key: unknown; until: unknown; now?: Date }): Promise<{ ok: true; until: string }> {
  const found = await loadReminder(params);
  const actor = params.actor!;
  const { ref, today } = found;
  const until = params.until;
  if (!isIsoDay(until) || until <= today) throw new DomainError("VALIDATION", msg("reminders.badSnooze"));
  if (daysBetween(today, until) > SNOOZE_MAX_DAYS) throw new DomainError("VALIDATION", msg("reminders.snoozeTooFar", { days: SNOOZE_MAX_DAYS }));
  await ReminderStateModel.updateOne(
    { _id: found.key },
    {
      $set: { state: "snoozed", outcome: null, snoozedUntil: until, by: actor.id, byName: actor.name, at: new Date() },
      $setOnInsert: { templateKey: ref.templateKey, recordId: ref.recordId, ruleId: ref.ruleId, row: ref.row, date: ref.date },
    },
    { upsert: true },
  );
  reminderStateChanged(found.key, { done: false, snoozedUntil: until });
  return { ok: true, until };
}
