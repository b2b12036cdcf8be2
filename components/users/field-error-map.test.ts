import { describe, expect, it } from "vitest";
import { fieldErrorMap, otherErrors } from "./field-error-map";

const err = (path: string, message: string) => ({ path, label: path, message, keyword: "x" });

describe("fieldErrorMap", () => {
  it("keys errors by their top-level field and keeps the first message", () => {
    expect(fieldErrorMap([err("/email", "请输入有效的邮箱"), err("/password", "密码至少 8 位"), err("/email", "second")])).toEqual({
      email: "请输入有效的邮箱",
      password: "密码至少 8 位",
    });
  });

  it("gives an empty map for no errors and skips errors without a path", () => {
    expect(fieldErrorMap(undefined)).toEqual({});
    expect(fieldErrorMap([err("", "整体错误")])).toEqual({});
  });
});

describe("otherErrors", () => {
  it("collects what no field of the form shows", () => {
    expect(otherErrors([err("/email", "a"), err("", "不允许的字段：x"), err("/extra", "b")], ["email", "name"])).toBe("不允许的字段：x；b");
    expect(otherErrors([err("/email", "a")], ["email"])).toBeNull();
  });
});
