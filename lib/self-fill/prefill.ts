import { maskValue } from "../schema/mask";
import type { JsonSchema, UiSchema } from "../schema/types";

const blank = (v: unknown) => v === undefined || v === null || v === "";

/**
 * What a customer's page may hold of an existing record: the offered sections' values, except
 * personal data (`x-pii`), which never leaves the server in full. A section's own personal-data
 * field with a stored value becomes a masked hint (its placeholder) and may be left blank — it then
 * keeps its stored value (keepStoredPii). In a table (e.g. 指定受益人) personal data is left out
 * of every row and asked again: a row cannot be told apart once rows are removed or reordered, so
 * a blank there must never pull another row's stored value.
 */
export function prefill(schema: JsonSchema, stored: Record<string, unknown>): { data: Record<string, unknown>; placeholders: UiSchema; optional: string[] } {
  const data: Record<string, unknown> = {};
  const placeholders: UiSchema = {};
  const optional: string[] = [];
  for (const [key, section] of Object.entries(schema.properties ?? {})) {
    const value = stored[key];
    if (blank(value)) continue;
    if (section["x-removed"]) continue;
    if (section.type === "array") {
      data[key] = withoutPii(section, value) ?? [];
      continue;
    }
    if (!value || typeof value !== "object") continue;
    const out: Record<string, unknown> = {};
    const ui: Record<string, unknown> = {};
    for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
      const fs = Object.hasOwn(section.properties ?? {}, field) ? section.properties![field] : undefined;
      // A field taken out of the template (x-removed) is hidden everywhere, on this page too.
      if (!fs || fs["x-removed"]) continue;
      if (fs["x-pii"]) {
        if (blank(v)) continue;
        const masked = maskValue(fs["x-pii"], v);
        if (typeof masked === "string") ui[field] = { "ui:placeholder": masked };
        optional.push(`${key}.${field}`);
      } else {
        const kept = withoutPii(fs, v);
        if (kept !== undefined) out[field] = kept;
      }
    }
    data[key] = out;
    if (Object.keys(ui).length) placeholders[key] = ui;
  }
  return { data, placeholders, optional };
}

/**
 * A value without any personal data or removed field at any depth (tables of objects inside
 * objects…): undefined for a value that is itself personal data or removed. Values the schema
 * does not describe are left out too — the page gets only what its form shows.
 */
export function withoutPii(schema: JsonSchema, value: unknown): unknown {
  if (schema["x-pii"] || schema["x-removed"]) return undefined;
  if (Array.isArray(value)) return schema.items ? value.map((row) => withoutPii(schema.items!, row) ?? null).filter((row) => row !== null) : undefined;
  if (value && typeof value === "object") {
    if (!schema.properties) return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!Object.hasOwn(schema.properties, k)) continue;
      const kept = withoutPii(schema.properties[k], v);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

/**
 * A customer's submission with the section-level personal data they left blank filled from the
 * stored record (they saw only masked hints of it, see prefill) — in the sections they sent only:
 * a section they did not send stays out (it is no proposal). Table rows are taken as sent.
 */
export function keepStoredPii(schema: JsonSchema, stored: Record<string, unknown>, submitted: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...submitted };
  for (const [key, section] of Object.entries(schema.properties ?? {})) {
    const before = stored[key];
    if (!Object.hasOwn(submitted, key) || section.type !== "object" || !before || typeof before !== "object") continue;
    const sent = out[key] && typeof out[key] === "object" && !Array.isArray(out[key]) ? { ...(out[key] as Record<string, unknown>) } : {};
    let filled = false;
    for (const [field, fs] of Object.entries(section.properties ?? {})) {
      const v = (before as Record<string, unknown>)[field];
      if (fs["x-pii"] && fs.type !== "array" && !blank(v) && blank(sent[field])) {
        sent[field] = v;
        filled = true;
      }
    }
    if (filled) out[key] = sent;
  }
  return out;
}

/**
 * Sets the value at a JSON pointer in record data, making the objects and rows on the way; an
 * undefined value removes the key. Rows left without any value are dropped (a proposal that
 * removes a row removes each of its fields).
 */
export function setAtPointer(data: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (segments.length === 0 || segments.some((s) => s === "__proto__" || s === "constructor" || s === "prototype")) return;
  const trail: { node: Record<string, unknown> | unknown[]; key: string }[] = [];
  let node: Record<string, unknown> | unknown[] = data;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i];
    const nextIsIndex = /^\d+$/.test(segments[i + 1]);
    const current: unknown = (node as Record<string, unknown>)[key];
    let child: Record<string, unknown> | unknown[] | undefined = current && typeof current === "object" ? (current as Record<string, unknown> | unknown[]) : undefined;
    if (!child) {
      if (value === undefined) return;
      child = nextIsIndex ? [] : {};
      (node as Record<string, unknown>)[key] = child;
    }
    trail.push({ node, key });
    node = child;
  }
  const last = segments[segments.length - 1];
  if (value === undefined) delete (node as Record<string, unknown>)[last];
  else (node as Record<string, unknown>)[last] = value;
  // Drop emptied rows from the innermost table outwards.
  for (let i = trail.length - 1; i >= 0; i--) {
    const { node: parent, key } = trail[i];
    const child = (parent as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      const kept = child.filter((r) => r !== undefined && !(r && typeof r === "object" && !Array.isArray(r) && Object.keys(r).length === 0));
      (parent as Record<string, unknown>)[key] = kept;
    }
  }
}
