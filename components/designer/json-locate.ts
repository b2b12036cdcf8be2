/**
 * A strict JSON reader for the JSON view and template imports that knows where things are: the
 * offset of every value by JSON pointer (so a problem can jump to its line), and for bad input a
 * message at the exact place — including duplicate keys, which JSON.parse silently lets the last
 * one win.
 */
import { designer } from "@/lib/i18n/dictionaries/designer";
import { fmt } from "@/lib/i18n/dictionaries";

/** The reader's messages in one language. */
export type JsonSyntaxWords = typeof designer.zh.json.syntaxErrors;

export type LocatedJson = { ok: true; value: unknown; offsets: Map<string, number> } | { ok: false; offset: number; message: string };

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/** Parses JSON text, recording the offset of each value (of its key, for object members); messages in `w`'s language. */
export function parseJsonLocated(text: string, w: JsonSyntaxWords = designer.zh.json.syntaxErrors): LocatedJson {
  const offsets = new Map<string, number>();
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail(w.unterminated, start);
      if (c === '"') break;
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(w.badUnicode);
          i += 6;
          continue;
        }
        if (!ESCAPES.has(e)) fail(fmt(w.badEscape, { c: e ?? "" }));
        i += 2;
        continue;
      }
      if (c < " ") fail(c === "\n" ? w.newlineInString : w.controlChar);
      i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (pointer: string) => {
    ws();
    if (!offsets.has(pointer)) offsets.set(pointer, i);
    const c = text[i];
    if (c === "{") return object(pointer);
    if (c === "[") return array(pointer);
    if (c === '"') return void str();
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      if (!NUMBER.exec(text)) fail(w.badNumber);
      i = NUMBER.lastIndex;
      return;
    }
    for (const word of ["true", "false", "null"]) if (text.startsWith(word, i)) return void (i += word.length);
    if (c === undefined) fail(w.missingValueEnd);
    if (c === "'") fail(w.singleQuotes);
    fail(c === "}" || c === "]" ? w.missingValue : fmt(w.unexpected, { c }));
  };
  const object = (pointer: string) => {
    i++;
    ws();
    if (text[i] === "}") return void i++;
    const seen = new Set<string>();
    for (;;) {
      ws();
      if (text[i] !== '"') fail(text[i] === "}" ? w.trailingCommaObject : text[i] === undefined ? w.unclosedObject : w.unquotedKey);
      const keyAt = i;
      const key = str();
      if (seen.has(key)) fail(fmt(w.duplicateKey, { key }), keyAt);
      seen.add(key);
      const child = `${pointer}/${escapePointer(key)}`;
      offsets.set(child, keyAt);
      ws();
      if (text[i] !== ":") fail(fmt(w.missingColon, { key }));
      i++;
      value(child);
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return void i++;
      fail(text[i] === undefined ? w.unclosedObject : w.expectedCommaObject);
    }
  };
  const array = (pointer: string) => {
    i++;
    ws();
    if (text[i] === "]") return void i++;
    for (let n = 0; ; n++) {
      value(`${pointer}/${n}`);
      ws();
      if (text[i] === ",") {
        i++;
        ws();
        if (text[i] === "]") fail(w.trailingCommaArray);
        continue;
      }
      if (text[i] === "]") return void i++;
      fail(text[i] === undefined ? w.unclosedArray : w.expectedCommaArray);
    }
  };
  try {
    value("");
    ws();
    if (i < text.length) fail(w.trailing);
    return { ok: true, value: JSON.parse(text) as unknown, offsets };
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { ok: false, offset: err.offset, message: err.message };
    throw err;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** The offset of the deepest existing value along a JSON pointer (the whole text's start if none). */
export function offsetOfPointer(offsets: Map<string, number>, pointer: string): number {
  let p = pointer;
  for (;;) {
    const at = offsets.get(p);
    if (at !== undefined) return at;
    if (p === "") return 0;
    p = p.slice(0, p.lastIndexOf("/"));
  }
}
