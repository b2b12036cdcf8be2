import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * What people did with one reminder: closed with an outcome, or snoozed to a day. Reminders
 * themselves are computed from the records; only this is stored. The `_id` is the reminder's
 * key — template, record, rule, row and the date it is about — so a changed date is a new
 * reminder and closing the same one twice writes one document.
 */
const reminderStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    templateKey: { type: String, required: true },
    recordId: { type: String, required: true },
    ruleId: { type: String, required: true },
    row: { type: Number, default: null },
    date: { type: String, required: true },
    state: { type: String, enum: ["done", "snoozed"], required: true },
    outcome: { type: String, default: null },
    note: { type: String, default: "" },
    snoozedUntil: { type: String, default: null },
    by: { type: String, required: true },
    byName: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: "reminder_states", versionKey: false },
);
reminderStateSchema.index({ recordId: 1 });
// The reminder index catches up on reminders handled on another app server by `at`.
reminderStateSchema.index({ at: 1 });

export type ReminderStateDoc = InferSchemaType<typeof reminderStateSchema>;
export const ReminderStateModel: Model<ReminderStateDoc> =
  (mongoose.models.ReminderState as Model<ReminderStateDoc>) ?? mongoose.model<ReminderStateDoc>("ReminderState", reminderStateSchema);
