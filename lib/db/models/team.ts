import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * A team of users (issue 11): the grouping a "team" data scope reads by. Members point at their
 * team (`users.teamId`), so a user is in at most one and deleting a team is one update of them.
 */
const teamSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    revision: { type: Number, default: 1 },
  },
  { collection: "teams", timestamps: true, versionKey: false },
);
teamSchema.index({ name: 1 }, { unique: true });

export type TeamDoc = InferSchemaType<typeof teamSchema> & { createdAt: Date; updatedAt: Date };
export const TeamModel: Model<TeamDoc> = (mongoose.models.Team as Model<TeamDoc>) ?? mongoose.model<TeamDoc>("Team", teamSchema);
