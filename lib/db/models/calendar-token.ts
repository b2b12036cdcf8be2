import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * A user's calendar feed link (lib/calendar). Only the SHA-256 hash of the token is kept, as the
 * `_id`, so the feed finds its link by one lookup and a copy of the database gives no usable
 * link. One link per user (unique `userId`): making a new one replaces the old. `names`: whether
 * its events carry customers' names in full (chosen when the link is made; masked otherwise).
 */
const calendarTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    names: { type: Boolean, default: false },
  },
  { collection: "calendar_tokens", versionKey: false },
);
calendarTokenSchema.index({ userId: 1 }, { unique: true });

export type CalendarTokenDoc = InferSchemaType<typeof calendarTokenSchema>;
export const CalendarTokenModel: Model<CalendarTokenDoc> =
  (mongoose.models.CalendarToken as Model<CalendarTokenDoc>) ?? mongoose.model<CalendarTokenDoc>("CalendarToken", calendarTokenSchema);
