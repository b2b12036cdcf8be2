import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "@/lib/schema/types";
import { ApiError } from "../api-client";
import { problemsOfError, publishedPathsOf } from "./use-designer";

describe("publishedPathsOf", () => {
  it("lists every field path of the published content, table columns included", () => {
    const paths = publishedPathsOf({ schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent);
    expect(paths.has("basic")).toBe(true);
    expect(paths.has("basic.idNumber")).toBe(true);
    expect(paths.has("beneficiary.list.share")).toBe(true);
    expect(paths.has("basic.zhiye")).toBe(false);
    expect(publishedPathsOf(null).size).toBe(0);
  });
});

describe("problemsOfError", () => {
  it("takes the designer problems from a refusal's details", () => {
    const problems = [{ path: "basic.name", property: "pattern", message: "格式无效" }];
    expect(problemsOfError(new ApiError(422, "VALIDATION", "x", [], { problems }))).toEqual(problems);
  });

  it("falls back to field errors, pointers turned into dot paths", () => {
    const err = new ApiError(422, "VALIDATION", "x", [
      { path: "/basic/gender", label: "客户基础信息 › 性别", message: "选项重复", keyword: "options" },
      { path: "", label: "模板", message: "没有字段", keyword: "template" },
    ]);
    expect(problemsOfError(err)).toEqual([
      { path: "basic.gender", property: "options", message: "选项重复" },
      { path: "", property: undefined, message: "没有字段" },
    ]);
  });
});
