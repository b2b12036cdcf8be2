import "server-only";
import type { Actor } from "../auth/roles";
import { writeAuditEvent } from "../audit/write-audit-event";
import { ReminderStateModel } from "../db/models/reminder-state";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { loadReminder } from "./load-reminder";
import { reminderStateChanged } from "./reminder-index";

const NOTE_MAX = 500;

/**
 * Closes a reminder (已处理) with one of its rule's outcomes and an optional note. The outcome is
 * kept with the reminder (so it stays closed) and in the record's history.
 */
export async function closeReminder(params: { actor: Actor | null; key: unknown; outcome: unknown; note?: unknown; now?: Date }): Promise<{ ok: true }> {
  const found = await loadReminder(params);
  const actor = params.actor!;
  const { ref, resolved } = found;
  const outcome = typeof params.outcome === "string" ? params.outcome : "";
  if (!resolved.rule.outcomes.includes(outcome))
    throw new DomainError("VALIDATION", msg("reminders.badOutcome", { rule: resolved.rule.title, outcomes: resolved.rule.outcomes }));
  const note = typeof params.note === "string" ? params.note.trim() : "";
  if (note.length > NOTE_MAX) throw new DomainError("VALIDATION", msg("reminders.noteTooLong", { max: NOTE_MAX }));
  const at = new Date();
  await ReminderStateModel.updateOne(
    { _id: found.key },
    {
      $set: { state: "done", outcome, note, snoozedUntil: null, by: actor.id, byName: actor.name, at },
      $setOnInsert: { templateKey: ref.templateKey, recordId: ref.recordId, ruleId: ref.ruleId, row: ref.row, date: ref.date },
    },
    { upsert: true },
  );
  reminderStateChanged(found.key, { done: true, snoozedUntil: null });
  await writeAuditEvent({
    id: `reminder:${found.key}:${at.getTime()}`,
    actor,
    action: "record.reminder",
    entity: "record",
    entityId: ref.recordId,
    templateKey: ref.templateKey,
    meta: { rule: resolved.rule.title, ruleId: ref.ruleId, date: ref.date, row: ref.row, outcome, note, label: resolved.date.title },
    at,
  });
  return { ok: true };
}
