import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";
import { ROLES } from "../../auth/roles";

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    active: { type: Boolean, default: true },
    lastLoginAt: { type: Date, default: null },
    revision: { type: Number, default: 1 },
  },
  { collection: "users", timestamps: true, versionKey: false },
);
userSchema.index({ email: 1 }, { unique: true });

export type UserDoc = InferSchemaType<typeof userSchema> & { createdAt: Date; updatedAt: Date };
export const UserModel: Model<UserDoc> = (mongoose.models.User as Model<UserDoc>) ?? mongoose.model<UserDoc>("User", userSchema);

/** Failed sign-in counters, shared by every app server (they are stateless). */
const loginAttemptSchema = new Schema(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true },
    windowStart: { type: Date, required: true },
  },
  { collection: "login_attempts", versionKey: false },
);

export type LoginAttemptDoc = InferSchemaType<typeof loginAttemptSchema>;
export const LoginAttemptModel: Model<LoginAttemptDoc> =
  (mongoose.models.LoginAttempt as Model<LoginAttemptDoc>) ?? mongoose.model<LoginAttemptDoc>("LoginAttempt", loginAttemptSchema);
