import type { DemoHints, FieldKind, PiiKind, ReminderRule, ScopeSettings, SelfFillSettings, VerificationSettings, VisibleWhen } from "../schema/types";

/**
 * The designer's view of a template version: plain JSON (safe to send to the browser), built from
 * and compiled back to TemplateContent by from-content.ts / to-content.ts. Every schema or
 * uiSchema keyword the model has no property for is kept in `extras`, so nothing is lost.
 */
export interface DesignerModel {
  /** The root schema's title (shown above the form). */
  title?: string;
  /** Root properties in display order; normally sections (kind "section") and tables. */
  sections: DesignerField[];
  /** Write `ui:order` for the root (true for everything the designer creates). */
  uiOrder: boolean;
  /** Root keywords the model does not understand, e.g. `$schema`, `additionalProperties`. */
  extras: Extras;
  list: DesignerList;
  /** Maker-checker verification (双重验证); left out when the version has none (off). */
  verification?: VerificationSettings;
  /** Customer self-fill links (客户自填): default sections, consent, privacy notice; left out: defaults (selfFillOf). */
  selfFill?: SelfFillSettings;
  /** Data scope per role (own / team / all); left out when the version has none (all). */
  scopes?: ScopeSettings;
  /** Demo-data hints, keyed by field path; carried along untouched (renames update the keys). */
  demo?: DemoHints;
  /** Reminder rules (the 工作台), carried as stored; renames update their field paths. */
  reminders?: ReminderRule[];
}

/** List settings. `columns` gives the column order and the meta columns ("@updatedAt"…); which
 * field columns appear is decided by each field's `showInList`. */
export interface DesignerList {
  columns: string[];
  defaultSort?: { field: string; dir: "asc" | "desc" };
  titleField?: string;
  /** Other list-setting keys, kept as they are. */
  extras: Record<string, unknown>;
}

/** Keywords kept verbatim: `schema` on the field's schema node, `ui` on its uiSchema node. */
export interface Extras {
  schema: Record<string, unknown>;
  ui: Record<string, unknown>;
}

/** How a choice field is presented. */
export type FieldWidget = "dropdown" | "radio" | "checkboxes" | "checkbox";

/** One field, section (分组) or table (子表格) of a template. */
export interface DesignerField {
  /** The stored data key: set once, never changed by a label rename (only by a migration). */
  key: string;
  label: string;
  kind: FieldKind;
  /** select: dropdown | radio; multiselect: dropdown | checkboxes; boolean: checkbox | radio. */
  widget?: FieldWidget;
  /** Schema `description`, shown under the label. */
  description?: string;
  /** `ui:help`, shown under the input. */
  help?: string;
  placeholder?: string;
  default?: unknown;
  /**
   * Must be filled in. With `visibleWhen` it means "required while visible" (compiled to
   * `if`/`then`). For a conditional table, "at least one row while visible".
   */
  required: boolean;
  /** Numbers: minimum/maximum. Tables and multiselects: minItems/maxItems (rows, choices). */
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** The message shown when `pattern` does not match (`x-messages.pattern`). */
  patternMessage?: string;
  /** Choices of select and multiselect fields. */
  options?: string[];
  unique: boolean;
  /** Other column titles a spreadsheet may use for the field (`x-importAliases`), read by imports. */
  importAliases?: string[];
  showInList: boolean;
  filterable: boolean;
  pii?: PiiKind;
  visibleWhen?: VisibleWhen;
  /** Hidden everywhere but kept in the schema, so stored values stay valid and can be shown again. */
  removed: boolean;
  /** A hidden field that was a list column: its position then (`x-removedColumn`). */
  removedColumn?: number;
  /** Tables: the columns that identify a row on import (`x-rowKey`); a row with the same values there is updated, not added again. */
  rowKey?: string[];
  /** Fields of a section, columns of a table. */
  children?: DesignerField[];
  /** Containers: write `ui:order` for the children. */
  uiOrder?: boolean;
  extras: Extras;
  /** Tables: keywords of the row object (`items`) and its uiSchema. */
  rowExtras?: Extras;
}

/** A field's location: data keys from the root joined by ".", table rows adding no segment. */
export type FieldPath = string;

/** The palette of the designer, in display order, with Chinese names. */
export const PALETTE: { kind: FieldKind; label: string }[] = [
  { kind: "text", label: "单行文本" },
  { kind: "textarea", label: "多行文本" },
  { kind: "number", label: "数字" },
  { kind: "money", label: "金额" },
  { kind: "integer", label: "整数" },
  { kind: "date", label: "日期" },
  { kind: "datetime", label: "日期时间" },
  { kind: "select", label: "单选" },
  { kind: "multiselect", label: "多选" },
  { kind: "boolean", label: "是/否" },
  { kind: "mobile", label: "手机号" },
  { kind: "email", label: "邮箱" },
  { kind: "idNumber", label: "身份证号" },
  { kind: "address", label: "地址" },
  { kind: "table", label: "子表格" },
  { kind: "section", label: "分组" },
];

/** Chinese names of every kind, including the two the palette does not offer (percent, phone). */
export const KIND_LABELS: Record<FieldKind, string> = {
  ...(Object.fromEntries(PALETTE.map((p) => [p.kind, p.label])) as Record<FieldKind, string>),
  percent: "百分比",
  phone: "电话",
};

/** Kinds stored as JSON strings (they take minLength, maxLength and pattern). */
export const STRING_KINDS: FieldKind[] = ["text", "textarea", "date", "datetime", "select", "mobile", "phone", "email", "idNumber", "address"];
/** Kinds stored as JSON numbers (they take minimum and maximum). */
export const NUMBER_KINDS: FieldKind[] = ["number", "money", "percent", "integer"];
/** Kinds with a list of choices. */
export const CHOICE_KINDS: FieldKind[] = ["select", "multiselect"];
/** Widgets each kind may use; the first is the default. */
export const WIDGETS: Partial<Record<FieldKind, FieldWidget[]>> = {
  select: ["dropdown", "radio"],
  multiselect: ["checkboxes", "dropdown"],
  boolean: ["checkbox", "radio"],
};

/** True for kinds that hold other fields. */
export function isContainer(kind: FieldKind): boolean {
  return kind === "section" || kind === "table";
}

/** Where `min`/`max` go in the schema for a kind, if anywhere. */
export function rangeKeywords(kind: FieldKind): ["minimum", "maximum"] | ["minItems", "maxItems"] | null {
  if (NUMBER_KINDS.includes(kind)) return ["minimum", "maximum"];
  if (kind === "table" || kind === "multiselect") return ["minItems", "maxItems"];
  return null;
}

/** Field keys: letters, digits and underscores, not starting with a digit. */
export const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
