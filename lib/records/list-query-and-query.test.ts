import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import { listFields } from "../schema/fields";
import type { JsonSchema, ListSettings, UiSchema } from "../schema/types";
import { buildMongoQuery } from "./build-mongo-query";
import { ListQueryError, listQueryToParams, opsFor, parseListQuery } from "./list-query";
import { EVERY_RECORD } from "./records-filter";

const fields = listFields(archive.schema as JsonSchema, archive.uiSchema as UiSchema);
const list = archive.list as ListSettings;
const parse = (qs: string) => parseListQuery(fields, list, new URLSearchParams(qs));
const field = (path: string) => fields.find((f) => f.path === path)!;

describe("parseListQuery", () => {
  it("uses the template's default sort and the first page of 20 without parameters", () => {
    expect(parse("")).toEqual({ filters: [], q: "", sort: { field: "@updatedAt", dir: "desc" }, page: 1, size: 20, trash: false });
  });

  it("reads typed filters, cleaning values the way entry does", () => {
    const q = parse("f.policy.insuranceType.in=车险|健康险&f.policy.sumInsured.gte=10万&f.policy.startDate.lte=2023/12/31&f.beneficiary.isLegal.is=false&f.basic.idNumber.eq=11010519491231002x");
    expect(q.filters).toEqual([
      { path: "policy.insuranceType", op: "in", value: ["车险", "健康险"] },
      { path: "policy.sumInsured", op: "gte", value: 100000 },
      { path: "policy.startDate", op: "lte", value: "2023-12-31" },
      { path: "beneficiary.isLegal", op: "is", value: false },
      { path: "basic.idNumber", op: "eq", value: "11010519491231002X" },
    ]);
  });

  it.each([
    ["f.$where.eq=1", /\$where/],
    ["f.basic.name.$ne=x", /不支持/],
    ["f.basic.idNumber.contains=1101", /不支持/],
    ["f.policy.insuranceType.in=航天险", /没有选项/],
    ["f.policy.sumInsured.gte=abc", /不是数字/],
    ["f.policy.startDate.gte=昨天", /不是有效日期/],
    ["sort=$where", /排序/],
    ["sort=payments.amount", /排序/],
    ["dir=up", /排序方向/],
    ["page=abc", /页码“abc”/],
    ["page=0", /页码/],
    ["page=1e2", /页码/],
    ["size=7", /每页条数/],
    ["trash=yes", /trash/],
  ])("refuses %s with a message", (qs, message) => {
    expect(() => parse(qs)).toThrow(ListQueryError);
    expect(() => parse(qs)).toThrow(message);
  });

  it("shortens long hostile values in messages", () => {
    const long = "x".repeat(500);
    expect(() => parse(`sort=${long}`)).toThrow(/x{30}…/);
  });

  it("round-trips through listQueryToParams, leaving defaults out", () => {
    const q = parse("f.policy.insuranceType.in=车险&f.basic.address.empty=1&q=张&sort=policy.sumInsured&dir=asc&page=3&size=50&trash=1");
    expect(parseListQuery(fields, list, listQueryToParams(q, list))).toEqual(q);
    expect(listQueryToParams(parse("page=1&size=20"), list).toString()).toBe("");
  });
});

describe("opsFor", () => {
  it("offers exact matches only on personal numbers and no ranges inside tables", () => {
    expect(opsFor(field("basic.mobile"))).toEqual(["eq", "empty", "notEmpty"]);
    expect(opsFor(field("basic.name"))).toContain("contains");
    expect(opsFor(field("payments.amount"))).toEqual([]);
    expect(opsFor(field("payments.status"))).toEqual(["in"]);
  });
});

describe("buildMongoQuery", () => {
  it("builds conditions from field paths of the template only, never from raw input", () => {
    const { filter, sort } = buildMongoQuery("customer-archive", fields, parse("f.basic.name.contains=a.b*&sort=@owner&dir=asc"), { scope: EVERY_RECORD });
    expect(filter.$and).toContainEqual({ "data.basic.name": { $regex: "a\\.b\\*", $options: "i" } });
    expect(filter.$and).toContainEqual({ templateKey: "customer-archive" });
    expect(filter.$and).toContainEqual({ deletedAt: null });
    expect(sort).toEqual({ ownerName: 1, _id: 1 });
  });
  it("searches personal numbers only in full", () => {
    const { filter } = buildMongoQuery("customer-archive", fields, parse("q=13800138000"), { scope: EVERY_RECORD });
    const or = (filter.$and.at(-1) as { $or: Record<string, unknown>[] }).$or;
    expect(or).toContainEqual({ "data.basic.mobile": "13800138000" });
    expect(or).toContainEqual({ "data.basic.customerNo": { $regex: "13800138000", $options: "i" } });
  });
  it("lists deleted records only in the recycle bin", () => {
    expect(buildMongoQuery("k", fields, parse("trash=1"), { scope: EVERY_RECORD }).filter.$and).toContainEqual({ deletedAt: { $ne: null } });
  });
});

describe("the verification filter", () => {
  it("reads states from the URL, refuses unknown ones, and writes them back", () => {
    const q = parse("verification=pending|returned");
    expect(q.verification).toEqual(["pending", "returned"]);
    expect(listQueryToParams(q, list).get("verification")).toBe("pending|returned");
    expect(() => parse("verification=approved")).toThrow(ListQueryError);
    expect(parse("").verification).toBeUndefined();
  });

  it("narrows the query; 未核对 includes records stored before verification (no state)", () => {
    const { filter } = buildMongoQuery("k", fields, parse("verification=pending"), { scope: EVERY_RECORD });
    expect(JSON.stringify(filter)).toContain('{"verification":{"$in":["pending"]}}');
    const legacy = buildMongoQuery("k", fields, parse("verification=unverified"), { scope: EVERY_RECORD }).filter;
    expect(JSON.stringify(legacy)).toContain('{"verification":null}');
  });
});
