import type { FieldError } from "@/lib/schema/messages";
import { lineColumn, parseJsonLocated, type JsonSyntaxWords } from "../designer/json-locate";

/** What the import dialog learns from a chosen file before sending it. */
export type ImportFileResult =
  | { ok: true; document: Record<string, unknown>; summary: { name: string; key: string; version: string; productLine: string } }
  | { ok: false; reason: "empty" | "notTemplate" }
  | { ok: false; reason: "notJson"; detail: string; line: number; column: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads an exported template file's text: not JSON at all (with the line, column and reason —
 * duplicate property names included, which JSON.parse would silently drop), JSON that is not a
 * Dossier template (no `"format": "dossier-template"`), or the document with a summary to show.
 * The content itself is checked by the server, which lists every problem.
 */
export function readImportFile(text: string, words?: JsonSyntaxWords): ImportFileResult {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return { ok: false, reason: "empty" };
  const parsed = parseJsonLocated(trimmed, words);
  if (!parsed.ok) return { ok: false, reason: "notJson", detail: parsed.message, ...lineColumn(trimmed, parsed.offset) };
  const json = parsed.value;
  if (!isObject(json) || json.format !== "dossier-template") return { ok: false, reason: "notTemplate" };
  const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
  return { ok: true, document: json, summary: { name: str(json.name), key: str(json.key), version: str(json.version), productLine: str(json.productLine) } };
}

/** One problem of an import the server refused, located by the field labels along its path. */
export interface ImportProblem {
  where: string;
  pointer: string;
  message: string;
}

/**
 * The server's field errors of a refused import as a list to show: "where" is the field's label
 * path (客户基础信息 › 职业) or the file part, "pointer" its JSON pointer.
 */
export function importProblems(errors: FieldError[]): ImportProblem[] {
  return errors.map((e) => ({ where: e.label || e.path || "—", pointer: e.path, message: e.message }));
}

/** True when the server refused an import only because the key is taken (offer "以新键导入"). */
export function isKeyConflict(status: number, errors: FieldError[]): boolean {
  return status === 409 && errors.some((e) => e.path === "/key");
}
