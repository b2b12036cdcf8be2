import { describe, expect, it } from "vitest";
import { designer } from "@/lib/i18n/dictionaries/designer";
import { lineColumn, offsetOfPointer, parseJsonLocated } from "./json-locate";

describe("parseJsonLocated", () => {
  it("parses valid JSON and records where each member is", () => {
    const text = '{\n  "schema": {\n    "a/b": [1, {"c": true}]\n  }\n}';
    const r = parseJsonLocated(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ schema: { "a/b": [1, { c: true }] } });
    expect(lineColumn(text, r.offsets.get("/schema/a~1b")!)).toEqual({ line: 3, column: 5 });
    expect(r.offsets.get("/schema/a~1b/1/c")).toBe(text.indexOf('"c"'));
    expect(offsetOfPointer(r.offsets, "/schema/a~1b/1/missing/deeper")).toBe(text.indexOf("{\"c\""));
  });

  it("says in Chinese what is wrong and where", () => {
    const cases: [string, string, number][] = [
      ['{"a": 1,}', "对象末尾多了一个逗号", 8],
      ['{"a": 1 "b": 2}', "此处应为逗号 , 或右花括号 }", 8],
      ["{'a': 1}", "属性名必须用双引号括起来", 1],
      ['{"a": "x\n"}', "字符串没有结束（字符串中不能直接换行）", 8],
      ['{"a": tru}', "此处应为一个值，而不是“t”", 6],
      ['{"a": 1, "a": 2}', "属性“a”在同一对象中重复出现", 9],
      ['{"a": [1, 2,]}', "数组末尾多了一个逗号", 12],
      ['{"a": 1} x', "JSON 结束后还有多余的内容", 9],
      ['{"a": {"b": 1}', "内容不完整：缺少右花括号 }", 14],
    ];
    for (const [text, message, offset] of cases) expect(parseJsonLocated(text), text).toEqual({ ok: false, message, offset });
  });

  it("accepts escapes, numbers with exponents and nested empties", () => {
    const r = parseJsonLocated('{"s": "a\\"\\u4e2d\\n", "n": -1.5e3, "e": {}, "l": []}');
    expect(r.ok && r.value).toEqual({ s: 'a"中\n', n: -1500, e: {}, l: [] });
  });

  it("speaks English to an English reader, and calls a cut-off object incomplete", () => {
    expect(parseJsonLocated('{"a": 1, "a": 2}', designer.en.json.syntaxErrors)).toMatchObject({ ok: false, message: "The property “a” appears twice in the same object", offset: 9 });
    expect(parseJsonLocated('{"a": 1,', designer.en.json.syntaxErrors)).toMatchObject({ ok: false, message: "Incomplete: the closing brace } is missing" });
  });
});
