/**
 * A strict JSON reader for the JSON view that knows where things are: the offset of every value
 * by JSON pointer (so a problem can jump to its line), and for bad input a Chinese message at
 * the exact place — including duplicate keys, which JSON.parse silently lets the last one win.
 */

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

/** Parses JSON text, recording the offset of each value (of its key, for object members). */
export function parseJsonLocated(text: string): LocatedJson {
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
      if (c === undefined) fail("字符串没有结束（缺少右引号 \"）", start);
      if (c === '"') break;
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("\\u 后面应为 4 位十六进制数");
          i += 6;
          continue;
        }
        if (!ESCAPES.has(e)) fail(`无效的转义字符 \\${e ?? ""}`);
        i += 2;
        continue;
      }
      if (c < " ") fail(c === "\n" ? "字符串没有结束（字符串中不能直接换行）" : "字符串中不能包含控制字符");
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
      if (!NUMBER.exec(text)) fail("无效的数字");
      i = NUMBER.lastIndex;
      return;
    }
    for (const word of ["true", "false", "null"]) if (text.startsWith(word, i)) return void (i += word.length);
    if (c === undefined) fail("内容不完整：此处缺少一个值");
    if (c === "'") fail("字符串必须用双引号 \" 括起来");
    fail(c === "}" || c === "]" ? "多余的逗号，或此处缺少一个值" : `此处应为一个值，而不是“${c}”`);
  };
  const object = (pointer: string) => {
    i++;
    ws();
    if (text[i] === "}") return void i++;
    const seen = new Set<string>();
    for (;;) {
      ws();
      if (text[i] !== '"') fail(text[i] === "}" ? "对象末尾多了一个逗号" : "属性名必须用双引号括起来");
      const keyAt = i;
      const key = str();
      if (seen.has(key)) fail(`属性“${key}”在同一对象中重复出现`, keyAt);
      seen.add(key);
      const child = `${pointer}/${escapePointer(key)}`;
      offsets.set(child, keyAt);
      ws();
      if (text[i] !== ":") fail(`属性“${key}”后面缺少冒号 :`);
      i++;
      value(child);
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") return void i++;
      fail(text[i] === undefined ? "内容不完整：缺少右花括号 }" : "此处应为逗号 , 或右花括号 }");
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
        if (text[i] === "]") fail("数组末尾多了一个逗号");
        continue;
      }
      if (text[i] === "]") return void i++;
      fail(text[i] === undefined ? "内容不完整：缺少右方括号 ]" : "此处应为逗号 , 或右方括号 ]");
    }
  };
  try {
    value("");
    ws();
    if (i < text.length) fail("JSON 结束后还有多余的内容");
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
