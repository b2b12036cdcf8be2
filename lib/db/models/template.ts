import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * A template's identity and its single editable draft. Published versions live in
 * `template_versions`, one immutable document each. Schema, uiSchema and list settings are stored
 * as JSON text: JSON Schema keys such as `$schema` or `$ref` are not valid MongoDB field names.
 */
const templateSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    productLine: { type: String, default: "" },
    description: { type: String, default: "" },
    status: { type: String, enum: ["active", "archived"], default: "active" },
    origin: { type: { templateKey: String, version: Number }, default: undefined, _id: false },
    currentVersion: { type: Number, default: 0 },
    draft: {
      type: {
        content: { type: String, required: true },
        baseVersion: { type: Number, required: true },
        updatedAt: { type: Date, required: true },
        updatedBy: { type: String, required: true },
        updatedByName: { type: String, default: "" },
      },
      default: undefined,
      _id: false,
    },
    revision: { type: Number, default: 1 },
    createdBy: { type: String, required: true },
  },
  { collection: "templates", timestamps: true, minimize: false, versionKey: false },
);
templateSchema.index({ status: 1, name: 1 });

export type TemplateDoc = InferSchemaType<typeof templateSchema>;
export const TemplateModel: Model<TemplateDoc> =
  (mongoose.models.Template as Model<TemplateDoc>) ?? mongoose.model<TemplateDoc>("Template", templateSchema);

const versionSchema = new Schema(
  {
    // `${templateKey}@${version}`: re-running a publish step can never create a second copy.
    _id: { type: String, required: true },
    templateKey: { type: String, required: true },
    version: { type: Number, required: true },
    content: { type: String, required: true },
    note: { type: String, default: "" },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
    publishedByName: { type: String, default: "" },
    // The template revision the version was made from. A version that never became current
    // (a publish that lost a race or crashed) may be replaced only by one made from a later
    // revision, so a stale writer can never overwrite a newer attempt.
    draftRevision: { type: Number, default: 0 },
    // Set when the version was published by a key or type migration: how to upgrade older data.
    migration: { type: Schema.Types.Mixed, default: undefined },
    // Records of the previous version that failed this one when it was published.
    impact: { type: { total: Number, failing: Number }, default: undefined, _id: false },
  },
  { collection: "template_versions", versionKey: false },
);
versionSchema.index({ templateKey: 1, version: -1 });

export type TemplateVersionDoc = InferSchemaType<typeof versionSchema>;
export const TemplateVersionModel: Model<TemplateVersionDoc> =
  (mongoose.models.TemplateVersion as Model<TemplateVersionDoc>) ??
  mongoose.model<TemplateVersionDoc>("TemplateVersion", versionSchema);
