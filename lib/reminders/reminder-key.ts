import { REMINDER_ID } from "../schema/reminder-rules";
import { isIsoDay } from "./office-date";

/** What a reminder is: which record, rule, table row and date. */
export interface ReminderRef {
  templateKey: string;
  recordId: string;
  ruleId: string;
  row: number | null;
  date: string;
}

/** The key of a reminder: `<template>:<record>:<rule>:<row or ->:<date>`. A new date is a new reminder. */
export function reminderKey(ref: ReminderRef): string {
  return [ref.templateKey, ref.recordId, ref.ruleId, ref.row === null ? "-" : String(ref.row), ref.date].join(":");
}

/** Reads a reminder key back, or null when it is not one. */
export function parseReminderKey(key: unknown): ReminderRef | null {
  if (typeof key !== "string" || key.length > 200) return null;
  const parts = key.split(":");
  if (parts.length !== 5) return null;
  const [templateKey, recordId, ruleId, row, date] = parts;
  if (!/^[a-z][a-z0-9-]{1,63}$/.test(templateKey) || !/^[0-9a-f]{24}$/.test(recordId) || !REMINDER_ID.test(ruleId) || !isIsoDay(date)) return null;
  if (row !== "-" && !/^\d{1,5}$/.test(row)) return null;
  return { templateKey, recordId, ruleId, row: row === "-" ? null : Number(row), date };
}
