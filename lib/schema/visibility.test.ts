import { describe, expect, it } from "vitest";
import { schema } from "@/tests/support/default-template";
import type { JsonSchema } from "./types";
import { isVisible, stripHidden } from "./visibility";

describe("isVisible", () => {
  it("shows a field without a rule", () => {
    expect(isVisible(undefined, {}, {})).toBe(true);
  });

  it("equals", () => {
    const rule = { field: "isLegal", equals: false };
    expect(isVisible(rule, { isLegal: false }, {})).toBe(true);
    expect(isVisible(rule, { isLegal: true }, {})).toBe(false);
    expect(isVisible({ field: "n", equals: 0 }, { n: 0 }, {})).toBe(true);
    expect(isVisible({ field: "n", equals: 0 }, { n: "0" }, {})).toBe(false);
  });

  it("notEquals", () => {
    const rule = { field: "relation", notEquals: "本人" };
    expect(isVisible(rule, { relation: "配偶" }, {})).toBe(true);
    expect(isVisible(rule, { relation: "本人" }, {})).toBe(false);
  });

  it("in and notIn", () => {
    expect(isVisible({ field: "t", in: ["车险", "财产险"] }, { t: "车险" }, {})).toBe(true);
    expect(isVisible({ field: "t", in: ["车险", "财产险"] }, { t: "人寿险" }, {})).toBe(false);
    expect(isVisible({ field: "t", notIn: ["本人"] }, { t: "子女" }, {})).toBe(true);
    expect(isVisible({ field: "t", notIn: ["本人"] }, { t: "本人" }, {})).toBe(false);
  });

  it("stays hidden while the field it depends on is empty", () => {
    for (const empty of [undefined, null, ""]) {
      expect(isVisible({ field: "relation", notIn: ["本人"] }, { relation: empty }, {})).toBe(false);
      expect(isVisible({ field: "relation", notEquals: "本人" }, { relation: empty }, {})).toBe(false);
    }
    expect(isVisible({ field: "relation", notIn: ["本人"] }, {}, {})).toBe(false);
  });

  it("follows dot paths from the parent and /paths from the record root", () => {
    const root = { basic: { gender: "女" }, x: { y: { z: 1 } } };
    expect(isVisible({ field: "/basic/gender", equals: "女" }, {}, root)).toBe(true);
    expect(isVisible({ field: "/basic/gender", equals: "男" }, {}, root)).toBe(false);
    expect(isVisible({ field: "y.z", equals: 1 }, root.x, root)).toBe(true);
    expect(isVisible({ field: "/x/y/z", in: [1, 2] }, {}, root)).toBe(true);
    // Relative paths do not see the root.
    expect(isVisible({ field: "basic.gender", equals: "女" }, {}, root)).toBe(false);
  });
});

describe("stripHidden", () => {
  it("drops values of hidden fields in the default template", () => {
    const data = {
      policyholder: { relation: "本人", name: "李四", idNumber: "x", contact: "y" },
      beneficiary: { isLegal: true, list: [{ name: "甲" }] },
      communications: [
        { date: "2024-01-01", needFollowUp: false, followUpItem: "a", followUpDate: "2024-01-02" },
        { date: "2024-01-02", needFollowUp: true, followUpItem: "b", followUpDate: "2024-01-03" },
      ],
    };
    expect(stripHidden(schema, data)).toEqual({
      policyholder: { relation: "本人" },
      beneficiary: { isLegal: true },
      communications: [
        { date: "2024-01-01", needFollowUp: false },
        { date: "2024-01-02", needFollowUp: true, followUpItem: "b", followUpDate: "2024-01-03" },
      ],
    });
  });

  it("keeps values of visible conditional fields", () => {
    const data = { policyholder: { relation: "配偶", name: "李四" }, beneficiary: { isLegal: false, list: [{ name: "甲" }] } };
    expect(stripHidden(schema, data)).toEqual(data);
  });

  it("evaluates root paths inside nested rows, and keeps unknown keys for validation", () => {
    const s: JsonSchema = {
      type: "object",
      properties: {
        kind: { type: "string" },
        rows: {
          type: "array",
          items: {
            type: "object",
            properties: {
              a: { type: "string" },
              carOnly: { type: "string", "x-visibleWhen": { field: "/kind", equals: "car" } },
              sub: { type: "object", properties: { b: { type: "string", "x-visibleWhen": { field: "/kind", in: ["car"] } } } },
            },
          },
        },
      },
    };
    const data = { kind: "home", extra: 1, rows: [{ a: "1", carOnly: "x", sub: { b: "y" } }] };
    expect(stripHidden(s, data)).toEqual({ kind: "home", extra: 1, rows: [{ a: "1", sub: {} }] });
    expect(stripHidden(s, { ...data, kind: "car" })).toEqual({ ...data, kind: "car" });
  });

  it("does not modify its input", () => {
    const data = { policyholder: { relation: "本人", name: "李四" } };
    stripHidden(schema, data);
    expect(data.policyholder.name).toBe("李四");
  });
});
