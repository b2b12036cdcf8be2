import { describe, expect, it } from "vitest";
import { infoProblems, suggestTemplateKey, templateKeyProblem } from "./template-key";

describe("suggestTemplateKey", () => {
  it("derives the pinyin slug of a Chinese name", () => {
    expect(suggestTemplateKey("车险客户档案", [])).toBe("cxkhda");
  });
  it("moves on to -2, -3 when the slug is taken", () => {
    expect(suggestTemplateKey("车险客户档案", ["cxkhda"])).toBe("cxkhda-2");
    expect(suggestTemplateKey("车险客户档案", ["cxkhda", "cxkhda-2"])).toBe("cxkhda-3");
  });
  it("joins latin words with dashes and ignores surrounding blanks", () => {
    expect(suggestTemplateKey("  Auto Claims 2024 ", [])).toBe("auto-claims-2024");
  });
  it("falls back to 'template' for a name without letters", () => {
    expect(suggestTemplateKey("！！", [])).toBe("template");
  });
});

describe("templateKeyProblem", () => {
  it("accepts a free slug", () => {
    expect(templateKeyProblem("auto-archive", ["customer-archive"])).toBeNull();
  });
  it("rejects empty keys, capitals, underscores and leading digits", () => {
    expect(templateKeyProblem("  ", [])).toBe("empty");
    expect(templateKeyProblem("Auto", [])).toBe("pattern");
    expect(templateKeyProblem("auto_archive", [])).toBe("pattern");
    expect(templateKeyProblem("1auto", [])).toBe("pattern");
    expect(templateKeyProblem("a", [])).toBe("pattern");
  });
  it("rejects a key another template has", () => {
    expect(templateKeyProblem("customer-archive", ["customer-archive"])).toBe("taken");
  });
});

describe("infoProblems", () => {
  it("asks for a name, without a second complaint about its derived key", () => {
    expect(infoProblems({ name: " ", key: null }, "template", [])).toEqual({ name: "required" });
  });
  it("checks a typed key even without a name", () => {
    expect(infoProblems({ name: "", key: "Bad" }, "", [])).toEqual({ name: "required", key: "pattern" });
  });
  it("reports a derived key that is taken", () => {
    expect(infoProblems({ name: "车险", key: null }, "chexian", ["chexian"])).toEqual({ key: "taken" });
  });
  it("is empty for a good form", () => {
    expect(infoProblems({ name: "车险", key: null }, "chexian", [])).toEqual({});
  });
});
