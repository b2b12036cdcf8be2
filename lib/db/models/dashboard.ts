import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * A template's statistics dashboard (统计) as an administrator arranged it: the widgets in order,
 * as plain data checked by lib/statistics. One per template (`_id` is the template key), kept
 * apart from template versions so that it changes without publishing. `revision` moves with each
 * save: a save names the revision it started from, so two editors never overwrite each other.
 * No document: the template's shipped default.
 */
const dashboardSchema = new Schema(
  {
    _id: { type: String, required: true },
    widgets: { type: [Schema.Types.Mixed], default: [] },
    revision: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    updatedByName: { type: String, required: true },
  },
  { collection: "dashboards", versionKey: false },
);

export type DashboardDoc = InferSchemaType<typeof dashboardSchema>;
export const DashboardModel: Model<DashboardDoc> = (mongoose.models.Dashboard as Model<DashboardDoc>) ?? mongoose.model<DashboardDoc>("Dashboard", dashboardSchema);
