import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DiffType } from "../template-model/diff-content";
import type { FieldKind } from "../schema/types";
import { dictionaries } from "./dictionaries";
import { catalog, isMessageKey, msg, resolveText, translate } from "./messages";

type Tree = { [key: string]: string | Tree };

/** Where two languages' texts disagree: a key only one of them has, or different `{param}`s. */
function mismatches(zh: Tree, en: Tree, at = ""): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(zh), ...Object.keys(en)])) {
    const where = at ? `${at}.${key}` : key;
    const a = zh[key];
    const b = en[key];
    if (a === undefined || b === undefined) out.push(`${where}: only in ${a === undefined ? "en" : "zh"}`);
    else if (typeof a !== typeof b) out.push(`${where}: a text in one language, a group in the other`);
    else if (typeof a === "object") out.push(...mismatches(a, b as Tree, where));
    else {
      const params = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort().join(" ");
      if (params(a) !== params(b as string)) out.push(`${where}: zh has {${params(a)}}, en has {${params(b as string)}}`);
      if (!(b as string).trim() !== !a.trim()) out.push(`${where}: empty in one language`);
    }
  }
  return out;
}

describe("the two languages say the same things", () => {
  it("every UI string exists in both languages with the same parameters", () => {
    expect(mismatches(dictionaries.zh as unknown as Tree, dictionaries.en as unknown as Tree)).toEqual([]);
  });

  it("every message exists in both languages with the same parameters", () => {
    for (const [name, space] of Object.entries(catalog)) expect(mismatches(space.zh, space.en, name)).toEqual([]);
  });

  it("the check itself catches a key in one language only and a renamed parameter", () => {
    expect(mismatches({ a: "甲", b: { c: "{n} 行" } }, { a: "A", b: { c: "{count} rows" }, d: "D" })).toEqual([
      "b.c: zh has {{n}}, en has {{count}}",
      "d: only in en",
    ]);
  });

  it("labels every field kind and every kind of template change", () => {
    // Type-level: a kind added to the schema without a label in both languages fails the type check.
    const kinds: Record<FieldKind, string>[] = [dictionaries.zh.templates.kinds, dictionaries.en.templates.kinds];
    const changes: Record<DiffType, string>[] = [dictionaries.zh.templates.diffTypes, dictionaries.en.templates.diffTypes];
    expect(kinds.every((k) => Object.keys(k).length === Object.keys(kinds[0]).length)).toBe(true);
    expect(changes.every((k) => Object.keys(k).length === Object.keys(changes[0]).length)).toBe(true);
  });
});

describe("messages", () => {
  it("fill parameters in the reader's language, nested messages and lists included", () => {
    expect(translate("zh", "api.bodyTooLarge", { mb: 2 })).toBe("请求内容过大（最多 2 MB）");
    expect(translate("en", "api.bodyTooLarge", { mb: 2 })).toBe("The request body is too large (at most 2 MB)");
    expect(translate("zh", "api.unknownFields", { fields: ["a", "b"] })).toBe("不允许的字段：a、b");
    expect(translate("en", "api.unknownFields", { fields: ["a", "b"] })).toBe("Unknown field(s): a, b");
    const mustBe = msg("api.mustBe", { field: "revision", type: msg("api.typeNumber") });
    expect(resolveText("zh", mustBe)).toBe("revision 必须是数字");
    expect(resolveText("en", mustBe)).toBe("revision must be a number");
    expect(resolveText("zh", msg("api.mustBe", { field: msg("api.theBody"), type: msg("api.typeObject") }))).toBe("请求内容必须是 JSON 对象");
    // Text already in every language (a template check's finding) is picked in the reader's.
    const invalid = msg("templates.contentInvalid", { problem: { zh: "缺少标题", en: "no title" } });
    expect(resolveText("zh", invalid)).toBe("模板内容有误：缺少标题");
    expect(resolveText("en", invalid)).toBe("The template content is not valid: no title");
  });

  it("leave text that is not a message as it is", () => {
    expect(resolveText("en", "客户姓名")).toBe("客户姓名");
    expect(resolveText("en", { zh: "甲", en: "A" })).toBe("A");
    expect(isMessageKey("api.bodyEmpty")).toBe(true);
    expect(isMessageKey("api.constructor")).toBe(false);
    expect(isMessageKey("请填写姓名")).toBe(false);
  });
});

/**
 * The Chinese string and template literals a file that imports zod gives as a message — `message:
 * "…"` or the text argument of a check (`.min(1, "…")`, `.regex(re, "…")`, `.int("…")`) — as
 * "line: text".
 */
function literalZodTexts(source: string): string[] {
  if (!/from\s+["']zod["']/.test(source)) return [];
  const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
  const MESSAGE = /(?:\bmessage:\s*|\.(?:min|max|int|regex|positive|nonnegative|email|length|refine|url|gte|lte|gt|lt)\((?:[^()"'`]*,\s*)?)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)/g;
  const found: string[] = [];
  for (const m of source.matchAll(MESSAGE)) if (CJK.test(m[1])) found.push(`${source.slice(0, m.index).split("\n").length}: ${m[1]}`);
  return found;
}

/** Source files (.ts, .tsx) under a folder of the repository, as full paths. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.split(path.sep).includes("node_modules"))
    .map((file) => path.join(dir, file));
}

/**
 * The Chinese string and template literals given to an error call (`new DomainError(…)`,
 * `notFound(…)`, `forbidden(…)`, `conflict(…)`, `badRequest(…)`) anywhere in its arguments,
 * field errors' labels and messages included, as "line: text". A light tokenizer: strings,
 * template literals with their `${…}`, comments and regular expression literals are skipped over
 * so that parentheses inside them do not count.
 */
function literalErrorTexts(source: string): string[] {
  const CALL = /(?:\bnew\s+DomainError|\b(?:notFound|forbidden|conflict|badRequest))\s*$/;
  const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
  const found: string[] = [];
  // Open (, { and ${ in code; a ( opened by an error call is marked.
  const frames: { open: string; call: boolean }[] = [];
  const inCall = () => frames.some((f) => f.call);
  const lineAt = (i: number) => source.slice(0, i).split("\n").length;
  let lastSignificant = "";
  /** Reads a quoted string or a template literal starting at i; returns the index after it. */
  const readString = (start: number): number => {
    const quote = source[start];
    let j = start + 1;
    let text = "";
    while (j < source.length && source[j] !== quote) {
      if (source[j] === "\\") {
        text += source.slice(j, j + 2);
        j += 2;
      } else if (quote === "`" && source.startsWith("${", j)) {
        // An expression inside the template: scanned as code up to its closing brace.
        frames.push({ open: "${", call: false });
        const depth = frames.length;
        j = scanCode(j + 2, depth);
        text += "${…}";
      } else text += source[j++];
    }
    if (inCall() && CJK.test(text)) found.push(`${lineAt(start)}: ${quote}${text}${quote}`);
    return j + 1;
  };
  /** Scans code from i until the frame at `depth` closes (or the end); returns the index after. */
  const scanCode = (start: number, depth: number): number => {
    let j = start;
    while (j < source.length) {
      const c = source[j];
      if (c === "/" && source[j + 1] === "/") j = source.indexOf("\n", j) < 0 ? source.length : source.indexOf("\n", j);
      else if (c === "/" && source[j + 1] === "*") j = source.indexOf("*/", j + 2) + 2;
      else if (c === "/" && (lastSignificant === "" || /[(,=:[!&|?{};+\-*%<>~^]/.test(lastSignificant) || /\b(?:return|throw|typeof)$/.test(source.slice(0, j).trimEnd()))) {
        // A regular expression literal: up to the unescaped / outside a character class.
        let k = j + 1;
        for (let cls = false; k < source.length && (cls || source[k] !== "/"); k++) {
          if (source[k] === "\\") k++;
          else if (source[k] === "[") cls = true;
          else if (source[k] === "]") cls = false;
        }
        j = k + 1;
        lastSignificant = ")";
      } else if (c === '"' || c === "'" || c === "`") {
        j = readString(j);
        lastSignificant = '"';
      } else if (c === "(" || c === "{") {
        frames.push({ open: c, call: c === "(" && CALL.test(source.slice(Math.max(0, j - 40), j)) });
        lastSignificant = c;
        j++;
      } else if (c === ")" || c === "}") {
        const closing = frames.length;
        frames.pop();
        lastSignificant = c;
        j++;
        if (closing === depth) return j;
      } else {
        if (!/\s/.test(c)) lastSignificant = c;
        j++;
      }
    }
    return j;
  };
  scanCode(0, -1);
  return found;
}

describe("one way to localize", () => {
  // Text is chosen by message key (lib/i18n/messages) or dictionary (lib/i18n/dictionaries), and
  // locale tags by LOCALE_TAGS / HTML_LANG; an inline choice between two languages' texts escapes
  // the parity checks above (a language can silently go missing or drift).
  const INLINE_CHOICE = /\blocale\s*[!=]==\s*["'](?:zh|en)["']\s*\?/;
  const root = path.resolve(import.meta.dirname, "../..");

  it("no code picks a text with an inline check of the locale", () => {
    const offenders = ["lib", "app", "components"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => INLINE_CHOICE.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });

  // An error's text is a message key (msg("records.notFound")), read in the reader's language by
  // the route wrapper; Chinese written straight into the call would reach an English reader as is.
  it("no error is thrown with Chinese text written into the call", () => {
    const offenders = ["lib", "app"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .flatMap((file) => literalErrorTexts(readFileSync(file, "utf8")).map((hit) => `${path.relative(root, file)}:${hit}`));
    expect(offenders).toEqual([]);
  });

  // A zod schema's message reaches the reader through parseInput: a key (zodKey("…")) is read in
  // their language, Chinese written into the schema reaches an English reader as is.
  it("no zod schema carries Chinese text for a message", () => {
    const offenders = ["lib", "app"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .flatMap((file) => literalZodTexts(readFileSync(file, "utf8")).map((hit) => `${path.relative(root, file)}:${hit}`));
    expect(offenders).toEqual([]);
  });

  it("the check itself sees Chinese in a zod message, a check's argument and a template literal", () => {
    const source = ['import { z } from "zod";', 'const a = z.string().min(1, "请填写姓名");', "const b = z.enum([\"x\"], { message: `只能是 ${x}` });", 'const c = z.number().max(5, zodKey("demo.countBounds")); const note = "备注";'].join("\n");
    expect(literalZodTexts(source)).toEqual(['2: "请填写姓名"', "3: `只能是 ${x}`"]);
    expect(literalZodTexts('const a = { message: "不是 zod" };')).toEqual([]);
  });

  it("the check itself sees Chinese in an error call's message, template literal and field errors", () => {
    const zh = "记录不存在";
    expect(literalErrorTexts(`throw notFound("${zh}");`)).toEqual([`1: "${zh}"`]);
    expect(literalErrorTexts(`if (/[(]/.test(x)) throw new DomainError("CONFLICT", \`第 \${n} 版\`, {\n  fieldErrors: [{ label: "模板键", message }] });`)).toEqual([
      "1: `第 ${…} 版`",
      '2: "模板键"',
    ]);
    expect(literalErrorTexts(`throw forbidden(msg("records.notFound")); const note = "${zh}"; conflict(a, \`\${f("x")}\`);`)).toEqual([]);
  });

  it("the check itself sees an inline choice, also across lines", () => {
    const ask = ["locale", "===", '"zh"'].join(" ");
    expect(INLINE_CHOICE.test(`const s = ${ask} ? "是" : "yes";`)).toBe(true);
    expect(INLINE_CHOICE.test(`const s =\n  ${ask}\n    ? "是"\n    : "yes";`)).toBe(true);
    expect(INLINE_CHOICE.test(`if (${ask} && zh[key]) return zh[key];`)).toBe(false);
  });
});
