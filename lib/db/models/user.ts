import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";
import { ROLES } from "../../shared/role";

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    active: { type: Boolean, default: true },
    // The team (lib/users/*-team.ts) whose records a "team" data scope shows; at most one.
    teamId: { type: String, default: null },
    lastLoginAt: { type: Date, default: null },
    revision: { type: Number, default: 1 },
  },
  { collection: "users", timestamps: true, versionKey: false },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ teamId: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { createdAt: Date; updatedAt: Date };
export const UserModel: Model<UserDoc> = (mongoose.models.User as Model<UserDoc>) ?? mongoose.model<UserDoc>("User", userSchema);

/**
 * Failed sign-ins, one document per failure, shared by every app server (they are stateless).
 * Inserts rather than a counter: FerretDB applies `$inc` as read-then-write, so parallel guesses
 * would be undercounted; an insert always counts.
 */
const loginFailureSchema = new Schema(
  {
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: "login_failures", versionKey: false },
);
loginFailureSchema.index({ key: 1, at: -1 });

export type LoginFailureDoc = InferSchemaType<typeof loginFailureSchema>;
export const LoginFailureModel: Model<LoginFailureDoc> =
  (mongoose.models.LoginFailure as Model<LoginFailureDoc>) ?? mongoose.model<LoginFailureDoc>("LoginFailure", loginFailureSchema);
