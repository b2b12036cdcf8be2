import { describe, expect, it } from "vitest";
import { content, fields } from "@/tests/support/default-template";
import { filterableFields, listQueryToParams, ListQueryError, opsFor, parseListQuery, type ListQuery } from "./list-query";

const list = content.list;
const parse = (qs: string | Record<string, string>) => parseListQuery(fields, list, new URLSearchParams(qs));
const field = (path: string) => fields.find((f) => f.path === path)!;

function rejects(qs: string, message?: RegExp) {
  let error: unknown;
  try {
    parse(qs);
  } catch (err) {
    error = err;
  }
  expect(error, `expected ${qs} to be rejected`).toBeInstanceOf(ListQueryError);
  if (message) expect((error as Error).message).toMatch(message);
}

describe("opsFor", () => {
  it("offers operators by kind", () => {
    expect(opsFor(field("basic.name"))).toEqual(["contains", "eq", "empty", "notEmpty"]);
    expect(opsFor(field("policy.insuranceType"))).toEqual(["in", "empty", "notEmpty"]);
    expect(opsFor(field("policy.sumInsured"))).toEqual(["gte", "lte", "empty", "notEmpty"]);
    expect(opsFor(field("policy.startDate"))).toEqual(["gte", "lte", "empty", "notEmpty"]);
    expect(opsFor(field("beneficiary.isLegal"))).toEqual(["is", "empty"]);
  });

  it("finds personal numbers by exact value only", () => {
    expect(opsFor(field("basic.idNumber"))).toEqual(["eq", "empty", "notEmpty"]);
    expect(opsFor(field("basic.mobile"))).toEqual(["eq", "empty", "notEmpty"]);
    expect(opsFor(field("basic.address"))).toEqual(["eq", "empty", "notEmpty"]);
    // Names are personal data too but are searched in part.
    expect(opsFor(field("policyholder.name"))).toContain("contains");
  });

  it("offers only per-row operators inside tables, and none for sections", () => {
    expect(opsFor(field("payments.amount"))).toEqual([]);
    expect(opsFor(field("payments.status"))).toEqual(["in"]);
    expect(opsFor(field("claims.reason"))).toEqual(["contains", "eq"]);
    expect(opsFor(field("beneficiary.list.idNumber"))).toEqual(["eq"]);
    expect(opsFor(field("communications.needFollowUp"))).toEqual(["is"]);
    expect(opsFor(field("basic"))).toEqual([]);
    expect(opsFor({ ...field("basic.name"), removed: true })).toEqual([]);
  });

  it("filterableFields are the value fields that have operators", () => {
    const paths = filterableFields(fields).map((f) => f.path);
    expect(paths).toContain("basic.name");
    expect(paths).toContain("payments.status");
    expect(paths).not.toContain("payments.amount");
    expect(paths).not.toContain("basic");
  });
});

describe("parseListQuery: valid parameters", () => {
  it("uses the template's defaults with no parameters", () => {
    expect(parse("")).toEqual({ filters: [], q: "", sort: { field: "@updatedAt", dir: "desc" }, page: 1, size: 20, trash: false });
  });

  it("parses every operator into typed values", () => {
    const q = parse(
      [
        "f.basic.name.contains=%20张%20",
        "f.policy.insuranceType.in=人寿险|健康险",
        "f.policy.paymentMethod.in=年缴&f.policy.paymentMethod.in=月缴",
        "f.policy.sumInsured.gte=100万",
        "f.policy.sumInsured.lte=2,000,000",
        "f.policy.startDate.gte=2024/1/1",
        "f.policy.startDate.lte=2024年12月31日",
        "f.beneficiary.isLegal.is=false",
        "f.basic.email.empty=1",
        "f.basic.mobile.notEmpty=1",
        "f.basic.idNumber.eq=11010519491231002x",
        "f.payments.status.in=逾期",
      ].join("&"),
    );
    expect(q.filters).toEqual([
      { path: "basic.name", op: "contains", value: "张" },
      { path: "policy.insuranceType", op: "in", value: ["人寿险", "健康险"] },
      { path: "policy.paymentMethod", op: "in", value: ["年缴", "月缴"] },
      { path: "policy.sumInsured", op: "gte", value: 1000000 },
      { path: "policy.sumInsured", op: "lte", value: 2000000 },
      { path: "policy.startDate", op: "gte", value: "2024-01-01" },
      { path: "policy.startDate", op: "lte", value: "2024-12-31" },
      { path: "beneficiary.isLegal", op: "is", value: false },
      { path: "basic.email", op: "empty", value: undefined },
      { path: "basic.mobile", op: "notEmpty", value: undefined },
      { path: "basic.idNumber", op: "eq", value: "11010519491231002X" },
      { path: "payments.status", op: "in", value: ["逾期"] },
    ]);
  });

  it("parses search, sort, paging and the recycle bin", () => {
    expect(parse("q=%20张三%20&sort=policy.endDate&dir=asc&page=3&size=50&trash=1")).toEqual({
      filters: [],
      q: "张三",
      sort: { field: "policy.endDate", dir: "asc" },
      page: 3,
      size: 50,
      trash: true,
    });
  });

  it("sorts ascending by default when a sort field is given, and by record properties", () => {
    expect(parse("sort=basic.name").sort).toEqual({ field: "basic.name", dir: "asc" });
    expect(parse("sort=@createdAt&dir=desc").sort).toEqual({ field: "@createdAt", dir: "desc" });
    expect(parse("trash=0").trash).toBe(false);
  });

  it("ignores parameters that are not list parameters", () => {
    expect(parse("utm_source=x&edit=1").filters).toEqual([]);
  });

  it("in strict mode (the API) refuses parameters that are not list parameters", () => {
    const strict = (qs: string) => () => parseListQuery(fields, list, new URLSearchParams(qs), { strict: true });
    for (const qs of ["$where=1", "q[$ne]=1", "data.basic.name=x", "utm_source=x"]) expect(strict(qs), qs).toThrow(/不认识的参数/);
    expect(strict("f.policy.insuranceType.in=车险&q=张&sort=basic.name&dir=asc&page=2&size=50&trash=0")().filters).toHaveLength(1);
  });
});

describe("parseListQuery: bad parameters are errors, never queries", () => {
  it.each([
    ["an unknown field", "f.basic.nickname.eq=x", /没有这个字段/],
    ["a $where operator as field", "f.$where.eq=1", /没有这个字段/],
    ["a $ne operator", "f.basic.name.$ne=x", /不支持筛选方式“\$ne”/],
    ["a $regex operator", "f.basic.name.$regex=.*", /不支持/],
    ["__proto__", "f.__proto__.x.eq=1", /没有这个字段/],
    ["constructor", "f.constructor.eq=1", /没有这个字段/],
    ["dotted smuggling after the op", "f.basic.name.eq.$ne=1", /没有这个字段/],
    ["dotted smuggling into a value field", "f.basic.name.first.eq=1", /没有这个字段/],
    ["a section as field", "f.basic.eq=1", /没有这个字段/],
    ["no operator", "f.basic=1", /没有这个字段/],
    ["only the prefix", "f.=1", /没有这个字段/],
    ["a range on text", "f.basic.name.gte=a", /不支持/],
    ["contains on an ID number", "f.basic.idNumber.contains=1101", /不支持筛选方式“contains”/],
    ["contains on a mobile", "f.basic.mobile.contains=138", /不支持/],
    ["a range inside a table", "f.payments.amount.gte=1", /没有这个字段/],
    ["an option that does not exist", "f.policy.insuranceType.in=人寿险|寿险", /没有选项“寿险”/],
    ["an empty option list", "f.policy.insuranceType.in=|", /至少一项/],
    ["a non-numeric range", "f.policy.premium.gte=abc", /不是数字/],
    ["a bad date", "f.policy.startDate.gte=2023-02-30", /不是有效日期/],
    ["a yes/no that is neither", "f.beneficiary.isLegal.is=yes", /只能筛选“是”或“否”/],
    ["a repeated single-valued filter", "f.basic.name.eq=a&f.basic.name.eq=b", /重复/],
    ["an empty text value", "f.basic.name.contains=%20", /请填写/],
    ["a very long text value", `f.basic.name.contains=${"x".repeat(201)}`, /过长/],
    ["sorting by $where", "sort=$where", /不能按“\$where”排序/],
    ["sorting by an unknown field", "sort=basic.nope", /排序/],
    ["sorting by a table column", "sort=payments.amount", /排序/],
    ["sorting by a section", "sort=basic", /排序/],
    ["sorting by an unknown record property", "sort=@passwordHash", /排序/],
    ["a bad direction", "sort=basic.name&dir=up", /asc 或 desc/],
    ["page 0", "page=0", /页码/],
    ["page abc", "page=abc", /页码/],
    ["a fractional page", "page=1.5", /页码/],
    ["a page size not offered", "size=7", /每页条数/],
    ["a huge page size", "size=100000", /每页条数/],
    ["trash=yes", "trash=yes", /trash/],
    ["a very long search", `q=${"x".repeat(101)}`, /100/],
  ])("rejects %s", (_why, qs, message) => {
    rejects(qs, message);
  });
});

describe("parseListQuery: personal data for roles that see it masked", () => {
  const masked = (qs: string, l = list) => parseListQuery(fields, l, new URLSearchParams(qs), { personalData: false });
  it("refuses filters and sorts on x-pii fields, keeps the others", () => {
    expect(() => masked("f.basic.idNumber.eq=11010519491231002X")).toThrow(/个人信息/);
    expect(() => masked("f.beneficiary.list.name.contains=张")).toThrow(/个人信息/);
    expect(() => masked("sort=basic.mobile")).toThrow(/不能按它排序/);
    expect(masked("f.policy.insuranceType.in=车险&sort=policy.sumInsured").sort).toEqual({ field: "policy.sumInsured", dir: "asc" });
  });
  it("falls back to the newest first when the template sorts by personal data", () => {
    const l = { ...list, defaultSort: { field: "basic.idNumber", dir: "asc" as const } };
    expect(masked("", l).sort).toEqual({ field: "@updatedAt", dir: "desc" });
    expect(parseListQuery(fields, l, new URLSearchParams("")).sort).toEqual({ field: "basic.idNumber", dir: "asc" });
  });
});

describe("parseListQuery: messages in the reader's language", () => {
  it("says what is wrong in English when asked, Chinese otherwise", () => {
    const en = (qs: string) => () => parseListQuery(fields, list, new URLSearchParams(qs), { locale: "en" });
    expect(en("f.basic.nickname.eq=x")).toThrow('Cannot filter by "basic.nickname": there is no such field');
    expect(en("f.policy.premium.gte=abc")).toThrow('The filter value "abc" for "保费" is not a number');
    expect(en("size=7")).toThrow("The page size must be one of 10, 20, 50, 100");
    expect(() => parseListQuery(fields, list, new URLSearchParams("$where=1"), { locale: "en", strict: true })).toThrow(/^Unknown parameter "\$where"/);
    expect(() => parse("size=7")).toThrow("每页条数只能是 10、20、50、100");
  });
});

describe("listQueryToParams", () => {
  const roundTrip = (q: ListQuery) => parseListQuery(fields, list, listQueryToParams(q, list));

  it("leaves defaults out", () => {
    expect(listQueryToParams(parse(""), list).toString()).toBe("");
  });

  it.each([
    "f.policy.insuranceType.in=人寿险|车险&f.policy.premium.gte=1000&f.policy.premium.lte=5000.5",
    "f.basic.name.contains=王&f.basic.email.empty=1&f.beneficiary.isLegal.is=true&q=张&page=2&size=100",
    "f.policy.endDate.lte=2030-01-01&sort=policy.endDate&dir=asc&trash=1",
    "sort=@updatedAt&dir=asc",
    "sort=basic.name&dir=desc&f.basic.idNumber.eq=11010519491231002X&f.payments.status.in=逾期|未缴费",
  ])("parse(toParams(q)) equals q for %s", (qs) => {
    const q = parse(qs);
    expect(roundTrip(q)).toEqual(q);
  });
});

describe("a table's date by month, and the owner", () => {
  it("a table's date column is filtered by month only; a top-level date keeps its range", () => {
    expect(opsFor(field("payments.date"))).toEqual(["month"]);
    expect(opsFor(field("policy.startDate"))).not.toContain("month");
    expect(parse("f.payments.date.month=2024-02").filters).toEqual([{ path: "payments.date", op: "month", value: "2024-02" }]);
    rejects("f.payments.date.month=2024-13", /2024-13/);
    rejects("f.payments.date.month=2024-2");
    rejects("f.payments.date.gte=2024-02-01");
    rejects("f.policy.startDate.month=2024-02");
  });

  it("owner= narrows to one user's records; anything but a user id is refused", () => {
    expect(parse("owner=64B000000000000000000001").owner).toBe("64b000000000000000000001");
    expect(parse("").owner).toBeUndefined();
    rejects("owner=someone");
    expect(parse("owner[$ne]=x").owner).toBeUndefined();
    expect(parseListQuery(fields, list, new URLSearchParams("owner=64b000000000000000000001"), { strict: true }).owner).toBe("64b000000000000000000001");
    const q = parse("owner=64b000000000000000000001&f.payments.date.month=2024-02");
    expect(parse(listQueryToParams(q, list).toString())).toEqual(q);
  });
});
