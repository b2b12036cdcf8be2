import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { recordsFilter } from "../records/records-filter";
import { resolveScope } from "../records/resolve-scope";
import type { ResolvedRule } from "../schema/reminder-rules";
import { getPublishedTemplate } from "../templates/get-published-template";
import type { PublishedTemplate } from "../templates/types";
import { evaluateRule, type Occurrence } from "./evaluate-rule";
import { resolvedRules } from "./resolved-rules";
import { officeToday } from "./office-date";
import { parseReminderKey, type ReminderRef } from "./reminder-key";

/** An open reminder found again from its key, with everything closing or snoozing it needs. */
export interface LoadedReminder {
  key: string;
  ref: ReminderRef;
  template: PublishedTemplate;
  resolved: ResolvedRule;
  occurrence: Occurrence;
  revision: number;
  today: string;
}

/**
 * Finds the reminder a key names, as the records say now: the record must be live and one the
 * actor works (agents: their own), and the rule must still raise a reminder for that row and
 * date today. A reminder whose record changed under it (date edited, condition no longer true)
 * is gone (404), so nobody closes what no longer applies.
 */
export async function loadReminder(params: { actor: Actor | null; key: unknown; now?: Date }): Promise<LoadedReminder> {
  const { actor } = params;
  assertCan(actor, "record.update");
  const ref = parseReminderKey(params.key);
  if (!ref) throw new DomainError("BAD_REQUEST", msg("reminders.badKey"));
  const gone = () => new DomainError("NOT_FOUND", msg("reminders.gone"));
  const template = await getPublishedTemplate(actor, ref.templateKey).catch(() => {
    throw gone();
  });
  const resolved = resolvedRules(template).find((r) => r.rule.id === ref.ruleId);
  if (!resolved) throw gone();
  await connectDb();
  const doc = await RecordModel.findOne({ _id: ref.recordId, ...recordsFilter({ actor, templateKey: ref.templateKey, trash: "live", scope: await resolveScope(actor, template) }) }, { data: 1, ownerId: 1, revision: 1 }).lean<{ data: unknown; ownerId: string; revision: number }>();
  // Outside the actor's data scope is as gone as deleted (agents: their own customers').
  if (!doc) throw gone();
  const today = officeToday(params.now);
  // Any due date: only whether the rule raises this reminder today matters here.
  const occurrence = evaluateRule(resolved, doc.data, { today, horizonDays: 36_500, lookbackDays: 36_500 }).find((o) => o.row === ref.row && o.date === ref.date);
  if (!occurrence) throw gone();
  return { key: String(params.key), ref, template, resolved, occurrence, revision: doc.revision, today };
}
