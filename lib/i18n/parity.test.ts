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
  });

  it("leave text that is not a message as it is", () => {
    expect(resolveText("en", "客户姓名")).toBe("客户姓名");
    expect(resolveText("en", { zh: "甲", en: "A" })).toBe("A");
    expect(isMessageKey("api.bodyEmpty")).toBe(true);
    expect(isMessageKey("api.constructor")).toBe(false);
    expect(isMessageKey("请填写姓名")).toBe(false);
  });
});

/** Source files (.ts, .tsx) under a folder of the repository, as full paths. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.split(path.sep).includes("node_modules"))
    .map((file) => path.join(dir, file));
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

  it("the check itself sees an inline choice, also across lines", () => {
    const ask = ["locale", "===", '"zh"'].join(" ");
    expect(INLINE_CHOICE.test(`const s = ${ask} ? "是" : "yes";`)).toBe(true);
    expect(INLINE_CHOICE.test(`const s =\n  ${ask}\n    ? "是"\n    : "yes";`)).toBe(true);
    expect(INLINE_CHOICE.test(`if (${ask} && zh[key]) return zh[key];`)).toBe(false);
  });
});
