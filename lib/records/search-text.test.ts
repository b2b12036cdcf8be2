import { describe, expect, it } from "vitest";
import { fields } from "@/tests/support/default-template";
import { normalizeValue } from "../schema/normalize";
import type { FieldInfo } from "../schema/types";
import { endingDigits, searchableFields, searchesByEnding } from "./list-query";
import { searchableByText, searchKey, searchText, searchTextConditions } from "./search-text";

const normalize = (f: FieldInfo, q: string) => normalizeValue(f.schema, q);
const get = (data: unknown, path: string): unknown => path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), data);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the old query (an $or over data.*, build-mongo-query.ts) matches, for plain string values. */
function oldMatch(data: unknown, q: string, personalData: boolean): boolean {
  return searchableFields(fields, { personalData }).some((f) => {
    const v = get(data, f.path);
    if (typeof v !== "string") return false;
    if (f.pii && f.pii !== "name") {
      const ending = searchesByEnding(f) ? endingDigits(q, f.pii) : null;
      return v === normalize(f, q) || (!!ending && v.endsWith(ending));
    }
    return new RegExp(esc(q), "i").test(v);
  });
}

/** What the conditions on the search text match (JavaScript's RegExp stands in for the database's). */
function newMatch(data: unknown, q: string, personalData: boolean): boolean {
  const text = searchText(fields, data) as unknown as Record<string, string>;
  const conditions = searchTextConditions(fields, q, { personalData, normalize })!;
  return conditions.some((c) => {
    const [path, cond] = Object.entries(c)[0] as [string, { $regex: string; $options?: string }];
    return new RegExp(cond.$regex, cond.$options).test(text[path.slice("search.".length)]);
  });
}

const records = [
  { basic: { name: "张三", idNumber: "11010519491231002X", mobile: "13800138000", customerNo: "C-001", address: "北京市朝阳区" }, policy: { policyNo: "000123", productName: "Safe Life" } },
  { basic: { name: "李四", idNumber: "110105194912310021", mobile: "13912345678", customerNo: "c-002" }, notes: { remarks: "VIP 客户\n续保" } },
  { basic: { name: "Zoë", customerNo: "a\u001fb\u001ec" }, policy: { productName: "健康险 Plus" } },
  { basic: { customerNo: 12345, name: ["王五"] } },
  {},
];

describe("searchText", () => {
  it("keeps the three parts apart: everyone's text, personal names, tagged personal numbers", () => {
    const text = searchText(fields, records[0]);
    expect(text.t).toContain("C-001");
    expect(text.t).not.toContain("张三");
    expect(text.n).toContain("张三");
    expect(text.p).toContain("basic.idNumber\u001d11010519491231002X\u001e");
    expect(text.t).not.toContain("13800138000");
  });

  it("stores separators inside values as one separator, and no values that are not strings", () => {
    const text = searchText(fields, records[2]);
    expect(text.t).toContain("a\u001fb\u001fc");
    expect(searchText(fields, records[3]).t).not.toContain("12345");
  });

  it("changes its key with the searchable fields only", () => {
    const key = searchKey(fields);
    expect(searchKey(fields.map((f) => ({ ...f, title: `${f.title}!` })))).toBe(key);
    expect(searchKey(fields.filter((f) => f.path !== "basic.customerNo"))).not.toBe(key);
    expect(searchKey(fields.map((f) => (f.path === "basic.customerNo" ? { ...f, pii: "idNumber" as const } : f)))).not.toBe(key);
  });
});

describe("searchTextConditions", () => {
  const queries = ["张", "三", "c-00", "C-001", "safe life", "VIP", "续保", "zoë", "ZOË", "1002x", "11010519491231002X", "110105194912310021", "0021", "8000", "138", "13800138000", "000123", "健康", "plus", "a", "b", "(", ".*", "北京"];

  it("matches exactly the records the old $or over data.* matched, with and without personal data", () => {
    let matches = 0;
    for (const q of queries)
      for (const personalData of [true, false])
        for (const [i, r] of records.entries()) {
          const old = oldMatch(r, q, personalData);
          expect(newMatch(r, q, personalData), `${q} / record ${i} / personalData ${personalData}`).toBe(old);
          if (old) matches++;
        }
    // Not a comparison of nothing with nothing.
    expect(matches).toBeGreaterThan(20);
  });

  it("finds a personal number only for those who may reveal it", () => {
    expect(newMatch(records[0], "13800138000", true)).toBe(true);
    expect(newMatch(records[0], "13800138000", false)).toBe(false);
    expect(newMatch(records[0], "张三", false)).toBe(false);
  });

  it("leaves a search holding a separator to the old way", () => {
    expect(searchableByText("a\u001fb")).toBe(false);
    expect(searchTextConditions(fields, "a\u001fb", { personalData: true, normalize })).toBeNull();
  });
});
