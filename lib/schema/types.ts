/** A JSON Schema node as stored in a template version (draft-07 or 2020-12, with our `x-…` keywords). */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  not?: JsonSchema;
  "x-kind"?: "money" | "percent" | "address";
  "x-pii"?: PiiKind;
  "x-filterable"?: boolean;
  "x-unique"?: boolean;
  "x-importAliases"?: string[];
  /** Tables: the columns that identify a row when importing (see lib/imports/row-key.ts). */
  "x-rowKey"?: string[];
  "x-removed"?: boolean;
  "x-visibleWhen"?: VisibleWhen;
  "x-notBefore"?: string;
  "x-sumEquals"?: { field: string; value: number };
  "x-idDerive"?: { birthDate?: string; gender?: string };
  "x-messages"?: Record<string, string>;
  [keyword: string]: unknown;
}

/** How a personal-data field is masked for display. */
export type PiiKind = "idNumber" | "phone" | "email" | "name" | "address" | "text";

/**
 * Show a field only when another field has a value. `field` is a dot path relative to the object
 * that holds this field ("relation"), or, with a leading "/", a path from the record root
 * ("/basic/gender").
 */
export interface VisibleWhen {
  field: string;
  equals?: unknown;
  notEquals?: unknown;
  in?: unknown[];
  notIn?: unknown[];
}

/** rjsf uiSchema: `ui:…` keys plus nested uiSchemas per property and for `items`. */
export type UiSchema = { [key: string]: unknown };

/** A list column: a field's dot path or a record property prefixed with "@". */
export type ColumnRef = string;

/** List settings stored with a template version. */
export interface ListSettings {
  columns: ColumnRef[];
  defaultSort: { field: ColumnRef; dir: "asc" | "desc" };
  /** The field whose value names a record in titles and breadcrumbs. */
  titleField?: string;
}

/**
 * Maker-checker verification (双重验证) of a template version's records. Left out (older
 * versions) means off.
 */
export interface VerificationSettings {
  enabled: boolean;
  /** Dot paths of the critical fields, sections or tables ("basic.idNumber", "beneficiary"). */
  critical: string[];
}

/**
 * Customer self-fill links (客户自填) of a template version: the sections a new link offers by
 * default, whether the customer must tick a consent before submitting, and the privacy notice
 * shown above it ("" shows the product's general notice). Left out (older versions): see
 * selfFillOf.
 */
export interface SelfFillSettings {
  sections: string[];
  consent: boolean;
  notice: string;
}

/** Hints for the synthetic demo-data generator, keyed by field path. */
export type DemoHints = Record<string, unknown>;

/**
 * A reminder rule stored with a template version: when a date in a record (top-level, or a column
 * of a table such as 缴费记录, one reminder per row) calls for action. The 工作台 computes reminders
 * from the records when asked (lib/reminders); nothing is scheduled.
 */
export interface ReminderRule {
  /** Stable id (`renewal`): part of each reminder's key, so closing or snoozing one refers to it. */
  id: string;
  title: string;
  /** Dot path of a date field: "policy.endDate", or a table column "payments.date". */
  date: string;
  /**
   * Days relative to the date at which the reminder is raised: negative before (-90, -30), positive
   * after (15). The earliest raises it; a positive earliest offset also moves when it is due.
   */
  offsets: number[];
  /** The last day, relative to the date, the reminder stays open; absent: until it is closed. */
  until?: number;
  /**
   * Conditions that must all hold, in the shape of `x-visibleWhen`: a dot path relative to the
   * table row (table rules) or the record root, or "/section/key" from the root.
   */
  when?: VisibleWhen[];
  /** What closing it may say happened (已续保 / 客户拒绝 / 未接通…). */
  outcomes: string[];
}

/**
 * Which records a role reads and writes in a template: those it owns, those its team owns, or all.
 * A role left out (or a version without the block, saved before scopes existed) sees all.
 */
export type DataScope = "own" | "team" | "all";
export type ScopeSettings = Partial<Record<import("../shared/role").Role, DataScope>>;

/** Everything a version of a template consists of. */
export interface TemplateContent {
  schema: JsonSchema;
  uiSchema: UiSchema;
  list: ListSettings;
  verification?: VerificationSettings;
  selfFill?: SelfFillSettings;
  /** Data scope per role (issue 11); absent: every role sees every record. */
  scopes?: ScopeSettings;
  demo?: DemoHints;
  /** Absent in versions that predate reminders (see lib/templates/template-reminders.ts); [] is none. */
  reminders?: ReminderRule[];
}

/** A field's display and editing kind, inferred from its schema (and uiSchema for a few widgets). */
export type FieldKind =
  | "section"
  | "table"
  | "text"
  | "textarea"
  | "number"
  | "money"
  | "percent"
  | "integer"
  | "date"
  | "datetime"
  | "select"
  | "multiselect"
  | "boolean"
  | "mobile"
  | "phone"
  | "email"
  | "idNumber"
  | "address";

/** One field of a template, flattened out of the schema tree. */
export interface FieldInfo {
  /** Dot path of data keys from the record root; array items add no segment ("payments.amount"). */
  path: string;
  segments: string[];
  key: string;
  title: string;
  kind: FieldKind;
  schema: JsonSchema;
  /** Inside an array's items: one value per row. */
  inArray: boolean;
  /** The root key this field lives under. */
  section: string;
  /** Enumerated options for select and multiselect fields. */
  options?: string[];
  pii?: PiiKind;
  filterable: boolean;
  removed: boolean;
}
