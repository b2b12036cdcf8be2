import type { ErrorSchema } from "@rjsf/utils";
import { pointerSegments, type FieldError } from "@/lib/schema/messages";

/** Turns field errors (JSON pointers) into rjsf's nested ErrorSchema, one message per field. */
export function toErrorSchema(errors: FieldError[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const seg of pointerSegments(e.path)) {
      const k = String(seg);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const list = ((node.__errors as string[] | undefined) ??= []);
    if (!list.includes(e.message)) list.push(e.message);
  }
  return root as ErrorSchema;
}

/** The rjsf element id of a data path ("root.basic.idNumber"); keys never contain dots. */
export function fieldId(path: string): string {
  return ["root", ...pointerSegments(path).map(String)].join(".");
}

/** The data path (JSON pointer) of an rjsf element id. */
export function pathOfId(id: string): string {
  const parts = id.split(".");
  return parts[0] === "root" ? parts.slice(1).map((p) => `/${p}`).join("") : "";
}

/** True when an error concerns a field the user has left, or something inside or around it. */
export function isTouched(errorPath: string, touched: Set<string>): boolean {
  for (const t of touched) if (t === errorPath || t.startsWith(`${errorPath}/`) || errorPath.startsWith(`${t}/`)) return true;
  return false;
}

/** Reads a value by JSON pointer. */
export function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const seg of pointerSegments(path)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[String(seg)];
  }
  return node;
}
