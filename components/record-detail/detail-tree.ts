import { fieldKind, fieldOptions, orderedKeys } from "@/lib/schema/fields";
import { formatValue } from "@/lib/schema/format-value";
import type { Locale } from "@/lib/schema/messages";
import type { FieldKind, JsonSchema, PiiKind, UiSchema } from "@/lib/schema/types";
import { isVisible } from "@/lib/schema/visibility";

/** One value of a record as the detail page shows it. */
export interface DetailField {
  type: "field";
  key: string;
  /** JSON pointer into the record data, e.g. "/beneficiary/list/0/idNumber" (used to reveal it). */
  pointer: string;
  title: string;
  kind: FieldKind;
  value: unknown;
  /** The value as text ("" when empty); select values keep their raw text so they can be badges. */
  text: string;
  options?: string[];
  pii?: PiiKind;
  /** Long text that deserves a full row. */
  wide: boolean;
}

/** A column of a read-only table. */
export interface DetailColumn {
  key: string;
  title: string;
  kind: FieldKind;
}

/** An array of objects, shown as a table; a cell is null where its condition hides it in that row. */
export interface DetailTable {
  type: "table";
  key: string;
  pointer: string;
  title: string;
  columns: DetailColumn[];
  rows: { pointer: string; cells: (DetailField | null)[] }[];
}

/** A nested object inside a section, shown as a titled sub-group. */
export interface DetailGroup {
  type: "group";
  key: string;
  pointer: string;
  title: string;
  children: DetailNode[];
}

export type DetailNode = DetailField | DetailTable | DetailGroup;

/** One card of the detail page: a root object, a root table, or the root's loose fields. */
export interface DetailSection {
  /** Anchor id for the section index. */
  id: string;
  /** Undefined for the group of loose root fields; the page names it. */
  title?: string;
  nodes: DetailNode[];
  isEmpty: boolean;
}

type Obj = Record<string, unknown>;

const asObject = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const childUi = (ui: UiSchema, key: string): UiSchema => {
  const c = ui[key];
  return c && typeof c === "object" ? (c as UiSchema) : {};
};
const escapeKey = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");

/** Field kinds shown right-aligned in tables (numbers line up by their last digit). */
export const RIGHT_ALIGNED_KINDS: ReadonlySet<string> = new Set(["money", "number", "integer", "percent"]);

/** Nodes in blocks for rendering: each run of consecutive fields is one block (a grid), any other node a block of its own. */
export function nodeBlocks(nodes: DetailNode[]): DetailNode[][] {
  const blocks: DetailNode[][] = [];
  for (const n of nodes) {
    const last = blocks[blocks.length - 1];
    if (n.type === "field" && last && last[0].type === "field") last.push(n);
    else blocks.push([n]);
  }
  return blocks;
}

/** True when a value counts as not filled in. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** True when nothing below a node is filled in. */
export function isNodeEmpty(node: DetailNode): boolean {
  if (node.type === "field") return isBlank(node.value);
  if (node.type === "table") return node.rows.length === 0;
  return node.children.every(isNodeEmpty);
}

interface Ctx {
  root: unknown;
  locale: Locale;
}

function displayText(schema: JsonSchema, ui: UiSchema, kind: FieldKind, value: unknown, locale: Locale): string {
  // rjsf's ui:enumNames label choices ("是（法定受益人）"); the detail page shows what the form showed.
  const names = ui["ui:enumNames"];
  if (Array.isArray(names) && !isBlank(value)) {
    const choices = kind === "boolean" ? [true, false] : (schema.enum ?? []);
    const i = choices.indexOf(value);
    if (i >= 0 && typeof names[i] === "string") return names[i] as string;
  }
  return formatValue(kind, value, locale);
}

function makeField(key: string, schema: JsonSchema, ui: UiSchema, value: unknown, pointer: string, ctx: Ctx): DetailField {
  const kind = fieldKind(schema, ui);
  return {
    type: "field",
    key,
    pointer,
    title: schema.title ?? key,
    kind,
    value: value ?? null,
    text: displayText(schema, ui, kind, value, ctx.locale),
    options: kind === "select" || kind === "multiselect" ? fieldOptions(schema) : undefined,
    pii: schema["x-pii"],
    wide: kind === "textarea" || kind === "address",
  };
}

function shownKeys(schema: JsonSchema, ui: UiSchema, value: Obj, ctx: Ctx): string[] {
  return orderedKeys(schema, ui).filter((key) => {
    const child = schema.properties![key];
    return child["x-removed"] !== true && isVisible(child["x-visibleWhen"], value, ctx.root);
  });
}

function buildTable(key: string, schema: JsonSchema, ui: UiSchema, value: unknown, pointer: string, ctx: Ctx): DetailTable {
  const items = schema.items ?? {};
  const itemsUi = childUi(ui, "items");
  const rowsData = Array.isArray(value) ? value : [];
  const keys = orderedKeys(items, itemsUi).filter((k) => {
    const child = items.properties![k];
    return child["x-removed"] !== true && fieldKind(child, childUi(itemsUi, k)) !== "section";
  });
  const rows = rowsData.map((raw, i) => {
    const row = asObject(raw);
    const rowPointer = `${pointer}/${i}`;
    const cells = keys.map((k) => {
      const child = items.properties![k];
      if (!isVisible(child["x-visibleWhen"], row, ctx.root)) return null;
      return makeField(k, child, childUi(itemsUi, k), row[k], `${rowPointer}/${escapeKey(k)}`, ctx);
    });
    return { pointer: rowPointer, cells };
  });
  // A column hidden by its condition in every row is noise; drop it (keep all when there are no rows).
  const keep = keys.map((_, c) => rows.length === 0 || rows.some((r) => r.cells[c] !== null));
  return {
    type: "table",
    key,
    pointer,
    title: schema.title ?? key,
    columns: keys
      .map((k) => ({ key: k, title: items.properties![k].title ?? k, kind: fieldKind(items.properties![k], childUi(itemsUi, k)) }))
      .filter((_, c) => keep[c]),
    rows: rows.map((r) => ({ pointer: r.pointer, cells: r.cells.filter((_, c) => keep[c]) })),
  };
}

function buildChildren(schema: JsonSchema, ui: UiSchema, value: unknown, pointer: string, ctx: Ctx): DetailNode[] {
  const obj = asObject(value);
  return shownKeys(schema, ui, obj, ctx).map((key) => {
    const child = schema.properties![key];
    const cui = childUi(ui, key);
    const childPointer = `${pointer}/${escapeKey(key)}`;
    const kind = fieldKind(child, cui);
    if (kind === "section")
      return { type: "group", key, pointer: childPointer, title: child.title ?? key, children: buildChildren(child, cui, obj[key], childPointer, ctx) };
    if (kind === "table") return buildTable(key, child, cui, obj[key], childPointer, ctx);
    return makeField(key, child, cui, obj[key], childPointer, ctx);
  });
}

/**
 * Turns a template schema and a record's (masked) data into the detail page's sections, in
 * display order: each root object and each root table is a section; root-level plain fields are
 * gathered into one untitled section where the first of them appears. Removed fields and fields
 * hidden by their `x-visibleWhen` condition are left out.
 */
export function buildDetailSections({ schema, uiSchema = {}, data, locale = "zh" }: { schema: JsonSchema; uiSchema?: UiSchema; data: unknown; locale?: Locale }): DetailSection[] {
  const ctx: Ctx = { root: data, locale };
  const sections: DetailSection[] = [];
  let loose: DetailSection | undefined;
  for (const node of buildChildren(schema, uiSchema, data, "", ctx)) {
    if (node.type === "group") sections.push({ id: `section-${node.key}`, title: node.title, nodes: node.children, isEmpty: false });
    else if (node.type === "table") sections.push({ id: `section-${node.key}`, title: node.title, nodes: [node], isEmpty: false });
    else if (loose) loose.nodes.push(node);
    else {
      loose = { id: "section-general", nodes: [node], isEmpty: false };
      sections.push(loose);
    }
  }
  for (const s of sections) s.isEmpty = s.nodes.every(isNodeEmpty);
  return sections;
}
