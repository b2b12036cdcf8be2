import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * One spreadsheet import: the uploaded file (kept under the data folder, so a resumed job reads
 * the same bytes), how it is read (sheet, encoding), the column mapping, the record key and mode,
 * and the jobs that checked and ran it. Its jobs hold the progress and tallies.
 */
const importSchema = new Schema(
  {
    _id: { type: String, required: true },
    templateKey: { type: String, required: true },
    fileName: { type: String, required: true },
    filePath: { type: String, required: true },
    format: { type: String, enum: ["xlsx", "csv"], required: true },
    size: { type: Number, required: true },
    sheets: { type: [String], default: [] },
    // Which of `sheets` are hidden in the workbook (shown as such; never chosen by default).
    hiddenSheets: { type: [String], default: [] },
    sheet: { type: String, default: null },
    encoding: { type: String, default: null },
    detectedEncoding: { type: String, default: null },
    // Table sheets read together with `sheet` (a workbook exported "a sheet per table"), their rows
    // joined to its rows by the record key: [{ sheet, table, key, width }] (imports/sheet-joins.ts);
    // `joinKey` is the column of `sheet` they are joined by. `joinSheets`: whether to look for them.
    joins: { type: Schema.Types.Mixed, default: [] },
    joinKey: { type: Number, default: null },
    joinSheets: { type: Boolean, default: true },
    // A CSV's separator (, ; or a tab), guessed at upload; null (imports from before): a comma.
    delimiter: { type: String, default: null },
    // The separator guessed at upload, shown beside the choice (null: an import from before, or xlsx).
    detectedDelimiter: { type: String, default: null },
    // The header's row number, chosen when the file or sheet was read for the mapping (the row naming
    // the template's fields best): the check, the run and a resumed job take the same rows as data.
    // null (imports from before): chosen again by the title-row rule alone.
    headerRow: { type: Number, default: null },
    // Whether the user picked `headerRow` by hand: kept when the same sheet is read again in another
    // encoding or with another separator (chosen again on another sheet).
    headerRowPicked: { type: Boolean, default: false },
    headers: { type: [String], default: [] },
    // The columns (indexes into `headers`) hidden in Excel, marked on the mapping step ([]: none, or an import from before).
    hiddenColumns: { type: [Number], default: [] },
    // The first data rows as text, shown beside the mapping: [{ cells }] (FerretDB stores no arrays of arrays).
    sample: { type: Schema.Types.Mixed, default: [] },
    // Per column, the dot path of the field it fills, or null when ignored.
    mapping: { type: [Schema.Types.Mixed], default: [] },
    keyField: { type: String, default: null },
    mode: { type: String, enum: ["create", "upsert", "update"], default: "create" },
    // Values for fields no column fills, the same for every record (保险类型 = 人寿险): [{ path, value }]
    // (a list: field paths have dots, which may not be keys).
    constants: { type: Schema.Types.Mixed, default: [] },
    // Where the file's records end under the grouping it was last read with (scan-groups.ts RowEnds):
    // { hash, rows, ends (base64), skipped }, so a later pass (the run after the check, a resumed job) reads
    // the file once instead of twice.
    rowEnds: { type: Schema.Types.Mixed, default: null },
    checks: { type: Number, default: 0 },
    checkJobId: { type: String, default: null },
    runJobId: { type: String, default: null },
    undoJobId: { type: String, default: null },
    undoneAt: { type: Date, default: null },
    createdBy: { type: String, required: true },
    createdByName: { type: String, required: true },
  },
  { collection: "imports", timestamps: true, versionKey: false, minimize: false },
);
importSchema.index({ templateKey: 1, createdAt: -1 });

export type ImportDoc = InferSchemaType<typeof importSchema> & { _id: string; createdAt: Date; updatedAt: Date };
export const ImportModel: Model<ImportDoc> = (mongoose.models.Import as Model<ImportDoc>) ?? mongoose.model<ImportDoc>("Import", importSchema);

/**
 * The rows an import's check or run did not take (rejected, duplicates), with their original
 * cells and the reason: what the error sheet is made of. `_id` is `<import>:<phase>:<row>`, so a
 * batch that runs again writes each row once.
 */
const importRowSchema = new Schema(
  {
    _id: { type: String, required: true },
    importId: { type: String, required: true },
    phase: { type: String, enum: ["check", "run"], required: true },
    row: { type: Number, required: true },
    verdict: { type: String, required: true },
    reason: { type: String, default: "" },
    column: { type: Number, default: null },
    cells: { type: [String], default: [] },
  },
  { collection: "import_rows", versionKey: false },
);
importRowSchema.index({ importId: 1, phase: 1, row: 1 });

export type ImportRowDoc = InferSchemaType<typeof importRowSchema> & { _id: string };
export const ImportRowModel: Model<ImportRowDoc> = (mongoose.models.ImportRow as Model<ImportRowDoc>) ?? mongoose.model<ImportRowDoc>("ImportRow", importRowSchema);

/**
 * Values of unique fields (保单号 without a record key) that an import job's records took, in the
 * order the job handles its records: `at` is the record's place in that order, `row` its first
 * row. What the job holds in memory to tell a later row with the same value a duplicate, kept so
 * that a job resumed by a restarted server still knows the values of the part done before it.
 * `_id` is `<job>\n<field path>\n<value>`: a record judged again after a restart adds nothing.
 */
const importSeenSchema = new Schema(
  {
    _id: { type: String, required: true },
    jobId: { type: String, required: true },
    row: { type: Number, required: true },
    at: { type: Number, required: true },
  },
  { collection: "import_seen", versionKey: false },
);
importSeenSchema.index({ jobId: 1 });
export type ImportSeenDoc = InferSchemaType<typeof importSeenSchema> & { _id: string };
export const ImportSeenModel: Model<ImportSeenDoc> = (mongoose.models.ImportSeen as Model<ImportSeenDoc>) ?? mongoose.model<ImportSeenDoc>("ImportSeen", importSeenSchema);

/** The mapping last used for a template and a file header, offered again for the same header. */
const importMappingSchema = new Schema(
  {
    _id: { type: String, required: true },
    mapping: { type: [Schema.Types.Mixed], default: [] },
    keyField: { type: String, default: null },
    mode: { type: String, default: "create" },
    constants: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: "import_mappings", timestamps: true, versionKey: false },
);
export type ImportMappingDoc = InferSchemaType<typeof importMappingSchema> & { _id: string };
export const ImportMappingModel: Model<ImportMappingDoc> =
  (mongoose.models.ImportMapping as Model<ImportMappingDoc>) ?? mongoose.model<ImportMappingDoc>("ImportMapping", importMappingSchema);
