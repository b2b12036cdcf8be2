import { describe, expect, it } from "vitest";
import { content, fields } from "@/tests/support/default-template";
import { buildMongoQuery } from "./build-mongo-query";
import { parseListQuery } from "./list-query";
import { EVERY_RECORD } from "./records-filter";

const build = (qs: string) => buildMongoQuery("customer-archive", fields, parseListQuery(fields, content.list, new URLSearchParams(qs)), { scope: EVERY_RECORD });
const templatePaths = new Set(fields.map((f) => `data.${f.path}`));

/** Every object key in a query, at any depth. */
function keysOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => keysOf(n, out));
  else if (node && typeof node === "object" && !(node instanceof RegExp)) {
    for (const [k, v] of Object.entries(node)) {
      out.push(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe("buildMongoQuery", () => {
  it("scopes to the template and live records", () => {
    expect(build("").filter).toEqual({ $and: [{ templateKey: "customer-archive" }, { deletedAt: null }] });
  });

  it("scopes to the recycle bin with trash", () => {
    expect(build("trash=1").filter.$and[1]).toEqual({ deletedAt: { $ne: null } });
  });

  it("maps each operator", () => {
    const { filter } = build(
      "f.basic.name.contains=张&f.basic.idNumber.eq=11010519491231002x&f.policy.insuranceType.in=车险|人寿险&f.policy.premium.gte=10&f.policy.premium.lte=20&f.beneficiary.isLegal.is=true&f.communications.needFollowUp.is=false&f.basic.email.empty=1&f.basic.mobile.notEmpty=1",
    );
    expect(filter.$and.slice(2)).toEqual([
      { "data.basic.name": { $regex: "张", $options: "i" } },
      { "data.basic.idNumber": "11010519491231002X" },
      { "data.policy.insuranceType": { $in: ["车险", "人寿险"] } },
      { "data.policy.premium": { $gte: 10 } },
      { "data.policy.premium": { $lte: 20 } },
      { "data.beneficiary.isLegal": true },
      // Only an answered 否: never filled in is 未填写 (".empty"), not "no".
      { "data.communications.needFollowUp": false },
      { "data.basic.email": { $in: [null, ""] } },
      { "data.basic.mobile": { $nin: [null, ""] } },
    ]);
  });

  it("escapes regular-expression metacharacters in contains and search", () => {
    const special = ".*+?^${}()|[]\\";
    const { filter } = build(`f.basic.name.contains=${encodeURIComponent(special)}&q=${encodeURIComponent("a.b*")}`);
    const contains = filter.$and[2] as Record<string, { $regex: string }>;
    expect(contains["data.basic.name"].$regex).toBe("\\.\\*\\+\\?\\^\\$\\{\\}\\(\\)\\|\\[\\]\\\\");
    expect(new RegExp(contains["data.basic.name"].$regex).test(special)).toBe(true);
    expect(new RegExp(contains["data.basic.name"].$regex).test("anything")).toBe(false);
    const search = (filter.$and[3] as { $or: Record<string, unknown>[] }).$or.find((c) => "data.basic.name" in c);
    expect(search).toEqual({ "data.basic.name": { $regex: "a\\.b\\*", $options: "i" } });
  });

  it("produces only data.<template field> keys and Mongo operators we chose", () => {
    const { filter, sort } = build(
      "f.basic.name.contains=$where&f.basic.customerNo.eq={\"$ne\":1}&f.policy.insuranceType.in=车险&q=$gt&sort=basic.name&dir=desc",
    );
    const allowed = new Set(["$and", "$or", "$regex", "$options", "$in", "$nin", "$gte", "$lte", "$ne", "templateKey", "deletedAt", "_id"]);
    for (const key of keysOf(filter)) expect(allowed.has(key) || templatePaths.has(key), key).toBe(true);
    for (const key of Object.keys(sort)) expect(key === "_id" || templatePaths.has(key), key).toBe(true);
    // Values that look like operators stay plain strings.
    expect(filter.$and).toContainEqual({ "data.basic.customerNo": '{"$ne":1}' });
  });

  it("searches text in part, personal numbers exactly or by their last digits", () => {
    const { filter } = build("q=13800138000");
    const or = (filter.$and[2] as { $or: Record<string, unknown>[] }).$or;
    expect(or).toContainEqual({ "data.basic.mobile": "13800138000" });
    expect(or).toContainEqual({ "data.basic.name": { $regex: "13800138000", $options: "i" } });
    expect(or).toContainEqual({ "data.policyholder.name": { $regex: "13800138000", $options: "i" } });
    for (const c of or) {
      const [key, value] = Object.entries(c)[0];
      const f = fields.find((x) => `data.${x.path}` === key)!;
      expect(f, key).toBeDefined();
      expect(f.inArray).toBe(false);
      // Personal numbers: the whole number, or (issue 13) its end, never a part in the middle.
      if (f.pii && f.pii !== "name") expect(typeof value === "string" || (value as { $regex: string }).$regex === "13800138000$", `${key} must be exact or anchored at the end`).toBe(true);
    }
  });

  it("cleans the search term for exact ID matches like on entry", () => {
    const or = (build("q=11010519491231002x").filter.$and[2] as { $or: Record<string, unknown>[] }).$or;
    expect(or).toContainEqual({ "data.basic.idNumber": "11010519491231002X" });
    expect(or).toContainEqual({ "data.policyholder.idNumber": "11010519491231002X" });
  });

  it("maps sorts to data paths or record properties, with _id as tie-breaker", () => {
    expect(build("").sort).toEqual({ updatedAt: -1, _id: -1 });
    expect(build("sort=@createdAt&dir=asc").sort).toEqual({ createdAt: 1, _id: 1 });
    expect(build("sort=@owner").sort).toEqual({ ownerName: 1, _id: 1 });
    expect(build("sort=policy.endDate&dir=desc").sort).toEqual({ "data.policy.endDate": -1, _id: -1 });
  });
});

describe("buildMongoQuery's search through the search text", () => {
  const search = (q: string, searchText: "only" | "mixed" | undefined, personalData = true) =>
    buildMongoQuery("customer-archive", fields, parseListQuery(fields, content.list, new URLSearchParams({ q })), { scope: EVERY_RECORD, searchText, personalData }).filter.$and.at(-1) as Record<string, unknown>;

  it("asks only the search text when every record holds a current one", () => {
    const cond = search("张三", "only");
    expect(keysOf(cond).filter((k) => k.startsWith("data."))).toEqual([]);
    const or = cond.$or as Record<string, unknown>[];
    expect(or.slice(0, 2)).toEqual([{ "search.t": { $regex: "张三", $options: "i" } }, { "search.n": { $regex: "张三", $options: "i" } }]);
    // Exact personal values (an address or e-mail typed in full), tagged with their field.
    expect(Object.keys(or[2])).toEqual(["search.p"]);
    expect((or[2]["search.p"] as { $regex: string }).$regex).toContain("basic\\.address\u001d张三\u001e");
  });

  it("leaves personal data out for those who may not reveal it", () => {
    expect(search("13800138000", "only", false)).toEqual({ $or: [{ "search.t": { $regex: "13800138000", $options: "i" } }] });
    expect(keysOf(search("13800138000", "only", true))).toContain("search.p");
  });

  it("asks records without a current text the old way beside the others", () => {
    const cond = search("张三", "mixed") as { $or: Record<string, unknown>[] };
    expect(cond.$or).toHaveLength(2);
    expect(cond.$or[0]["search.k"]).toMatch(/^s1-/);
    expect(cond.$or[1]["search.k"]).toEqual({ $ne: cond.$or[0]["search.k"] });
    expect(keysOf(cond.$or[1])).toContain("data.basic.name");
  });

  it("asks the old way when the search holds a separator of the text, or no state is known", () => {
    expect(keysOf(search("a\u001fb", "only"))).toContain("data.basic.customerNo");
    expect(keysOf(search("张三", undefined))).toContain("data.basic.customerNo");
  });
});
