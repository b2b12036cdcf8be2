import { describe, expect, it } from "vitest";
import { jsonShapeProblem, MAX_JSON_DEPTH } from "./json-shape";

const nest = (levels: number, make: (inner: unknown) => unknown) => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = make(v);
  return v;
};

describe("jsonShapeProblem", () => {
  it("accepts ordinary JSON", () => {
    expect(jsonShapeProblem({ basic: { name: "张三", tags: ["a", { b: null }] }, n: 1 })).toBeNull();
    expect(jsonShapeProblem("x")).toBeNull();
    expect(jsonShapeProblem(nest(MAX_JSON_DEPTH, (v) => ({ a: v })))).toBeNull();
  });

  it("refuses nesting past the limit, however deep, without overflowing the stack", () => {
    expect(jsonShapeProblem(nest(MAX_JSON_DEPTH + 1, (v) => ({ a: v })))?.message).toBe(`内容嵌套过深（最多 ${MAX_JSON_DEPTH} 层）`);
    expect(jsonShapeProblem(nest(200_000, (v) => [v]))?.message).toMatch(/嵌套过深/);
    expect(jsonShapeProblem({ a: { b: 1 } }, 1)).toEqual({ path: "/a", message: "内容嵌套过深（最多 1 层）" });
  });

  it("refuses __proto__ keys wherever they are", () => {
    expect(jsonShapeProblem(JSON.parse('{"basic":{"name":"x","__proto__":{"polluted":1}}}'))).toEqual({ path: "/basic/__proto__", message: "不允许的字段名：__proto__" });
    expect(jsonShapeProblem(JSON.parse('[{"__proto__":1}]'))?.path).toBe("/0/__proto__");
    expect(jsonShapeProblem({ constructor: 1, prototype: 2 })).toBeNull();
  });
});
