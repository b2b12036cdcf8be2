import { describe, expect, it } from "vitest";
import type { JsonSchema } from "./types";
import { MAX_TEXT_LENGTH, textProblems } from "./text-rules";
import { prepareData, validateData } from "./validate";

const schema: JsonSchema = {
  type: "object",
  properties: {
    basic: { type: "object", title: "基础", properties: { plate: { type: "string", title: "车牌号" }, memo: { type: "string", title: "备注", maxLength: 50_000 } } },
    rows: { type: "array", title: "记录", items: { type: "object", properties: { note: { type: "string", title: "内容" } } } },
  },
};

describe("textProblems", () => {
  it("accepts ordinary text, tabs and line breaks", () => {
    expect(textProblems(schema, { basic: { plate: "京A·12345", memo: "第一行\n第二行\t完" }, rows: [{ note: "😀 好" }] })).toEqual([]);
  });

  it("refuses NUL and other control characters, and broken characters, naming the field", () => {
    const errors = textProblems(schema, { basic: { plate: "京A\u000012345" }, rows: [{ note: "ok" }, { note: "\u001b[31m" }, { note: "half \ud83d" }] });
    expect(errors).toEqual([
      { path: "/basic/plate", label: "基础 › 车牌号", message: "车牌号包含不可见的控制字符或残缺的字符，请删除后再保存", keyword: "x-chars" },
      { path: "/rows/1/note", label: "记录 第 2 行 › 内容", message: "内容包含不可见的控制字符或残缺的字符，请删除后再保存", keyword: "x-chars" },
      { path: "/rows/2/note", label: "记录 第 3 行 › 内容", message: "内容包含不可见的控制字符或残缺的字符，请删除后再保存", keyword: "x-chars" },
    ]);
  });

  it("caps text in fields without their own maxLength", () => {
    const long = "长".repeat(MAX_TEXT_LENGTH + 1);
    expect(textProblems(schema, { basic: { plate: long, memo: long } }, "en")).toEqual([
      { path: "/basic/plate", label: "基础 › 车牌号", message: `车牌号 is too long; at most ${MAX_TEXT_LENGTH} characters`, keyword: "maxLength" },
    ]);
    expect(textProblems(schema, { basic: { plate: "长".repeat(MAX_TEXT_LENGTH) } })).toEqual([]);
  });

  it("is part of validateData, after the schema's own errors for the same field", () => {
    const strict: JsonSchema = { type: "object", properties: { code: { type: "string", title: "编号", pattern: "^[A-Z]+$" }, name: { type: "string", title: "姓名" } } };
    const errors = validateData(strict, { code: "A\u0000", name: "张\u0000三" });
    expect(errors.map((e) => [e.path, e.keyword])).toEqual([
      ["/code", "pattern"],
      ["/name", "x-chars"],
    ]);
  });
});

describe("invisible and direction-changing text", () => {
  const person: JsonSchema = { type: "object", required: ["name"], properties: { name: { type: "string", title: "客户姓名", minLength: 1 }, memo: { type: "string", title: "备注" } } };

  it("counts text of only zero-width characters as empty, so a required name is missing", () => {
    for (const name of ["\u200B\u200B", "\uFEFF", " \u200D\u2060 ", "\u202E"]) {
      // As a save does it: cleaned (prepareData), then validated.
      const errors = validateData(person, prepareData(person, { name }));
      expect(errors.map((e) => [e.path, e.keyword]), JSON.stringify(name)).toEqual([["/name", "required"]]);
    }
  });

  it("refuses direction overrides and isolates inside text, naming the field", () => {
    const errors = validateData(person, { name: "张\u202E三", memo: "a\u2066b\u2069" });
    expect(errors.map((e) => [e.path, e.keyword, e.message])).toEqual([
      ["/name", "x-chars", "客户姓名包含改变文字显示方向的隐藏字符（显示的顺序会与实际内容不同），请删除后再保存"],
      ["/memo", "x-chars", "备注包含改变文字显示方向的隐藏字符（显示的顺序会与实际内容不同），请删除后再保存"],
    ]);
    // Ordinary text with a zero-width joiner inside (emoji sequences) stays as it is.
    expect(validateData(person, { name: "张三", memo: "👨\u200D👩" })).toEqual([]);
  });
});
