import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "../errors";
import { parseInput } from "./parse-input";

const body = z.object({ name: z.string().min(1, "请填写姓名"), count: z.number().int() }).strict();

function failure(input: unknown): DomainError {
  try {
    parseInput(body, input);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a DomainError");
}

describe("parseInput", () => {
  it("returns the parsed body", () => {
    expect(parseInput(body, { name: "a", count: 1 })).toEqual({ name: "a", count: 1 });
  });

  it("answers a body that is not an object in Chinese", () => {
    for (const input of [[1, 2], "text", 42, null]) {
      const err = failure(input);
      expect(err.status).toBe(400);
      expect(err.message).toBe("请求内容必须是 JSON 对象");
    }
  });

  it("names unknown fields and keeps the schema's own messages", () => {
    expect(failure({ name: "a", count: 1, evil: 1 }).message).toBe("不允许的字段：evil");
    expect(failure({ name: "", count: 1 }).fieldErrors).toEqual([{ path: "/name", label: "name", message: "请填写姓名", keyword: "too_small" }]);
  });

  it("says what type was expected, in Chinese, never zod's English", () => {
    const err = failure({ name: "a", count: "many" });
    expect(err.fieldErrors?.[0].path).toBe("/count");
    expect(err.message).toBe("count 必须是数字");
    expect(failure({ name: 5, count: 1 }).message).toBe("name 必须是文本");
  });
});
