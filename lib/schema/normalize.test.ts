import { describe, expect, it } from "vitest";
import { IDS, schema } from "@/tests/support/default-template";
import { ambiguousNumber, deriveFromIds, isIsoDate, normalizeBoolean, normalizeData, normalizeDate, normalizeNumber, normalizeValue, toHalfWidth } from "./normalize";
import type { JsonSchema } from "./types";

const S = {
  date: { type: "string", format: "date" },
  number: { type: "number" },
  integer: { type: "integer" },
  money: { type: "number", "x-kind": "money" },
  percent: { type: "number", "x-kind": "percent" },
  boolean: { type: "boolean" },
  id: { type: "string", format: "cn-resident-id" },
  mobile: { type: "string", format: "cn-mobile" },
  phone: { type: "string", format: "cn-phone" },
  email: { type: "string", format: "email" },
  select: { type: "string", enum: ["男", "女"] },
  text: { type: "string" },
  code: { type: "string", pattern: "^[0-9A-Z]+$" },
} satisfies Record<string, JsonSchema>;

describe("toHalfWidth", () => {
  it("turns full-width ASCII and the ideographic space into half-width", () => {
    expect(toHalfWidth("１２３ＡＢＣ，（）")).toBe("123ABC,()");
    expect(toHalfWidth("a\u3000b")).toBe("a b");
    expect(toHalfWidth("中文不变")).toBe("中文不变");
  });
});

describe("normalizeDate", () => {
  it.each([
    ["2023/1/1", "2023-01-01"],
    ["2023-1-1", "2023-01-01"],
    ["2023.1.1", "2023-01-01"],
    ["2023年1月1日", "2023-01-01"],
    ["2023年12月31日", "2023-12-31"],
    ["2023年1月1号", "2023-01-01"],
    ["2023 年 1 月 5 日", "2023-01-05"],
    ["20230101", "2023-01-01"],
    ["2023-01-01", "2023-01-01"],
    ["２０２３／１／１", "2023-01-01"],
    [" 2023/1/1 ", "2023-01-01"],
    ["2023/1/1 12:30:00", "2023-01-01"],
    ["2023/1/1 0:00", "2023-01-01"],
    ["2023-01-01T08:00:00.000Z", "2023-01-01"],
    ["2023-01-01 08:00:00+08:00", "2023-01-01"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each([
    ["2023年1月5日星期四", "2023-01-05"],
    ["2023年1月5日 星期四", "2023-01-05"],
    ["2023年1月5日（周四）", "2023-01-05"],
    ["2023/1/5 上午 12:00:00", "2023-01-05"],
    ["2023/1/5 下午 3:00:00", "2023-01-05"],
    ["2023/1/5 3:00 PM", "2023-01-05"],
    ["2023年1月5日 0时0分", "2023-01-05"],
    ["2023年1月5日15时30分20秒", "2023-01-05"],
    ["2023年1月5日 星期四 下午 3:00", "2023-01-05"],
  ])("reads %j, as a Chinese Excel or system shows it (tester round 6, P4), as %s", (input, expected) => {
    // Before the fix: each was left as it was (缴费日期不是有效日期).
    expect(normalizeDate(input)).toBe(expected);
  });

  it("does not read a weekday that is not the date's, nor a 12-hour time past 12", () => {
    expect(normalizeDate("2023年1月5日星期五")).toBe("2023年1月5日星期五");
    expect(normalizeDate("2023/1/5 下午 13:00:00")).toBe("2023/1/5 下午 13:00:00");
    expect(normalizeDate("2023-1-512:00")).toBe("2023-1-512:00");
    expect(normalizeDate("2023-13-05 星期四")).toBe("2023-13-05 星期四");
  });

  it("reads Excel serial numbers (1900 date system)", () => {
    expect(normalizeDate(45000)).toBe("2023-03-15");
    expect(normalizeDate(1)).toBe("1900-01-01");
    expect(normalizeDate(59)).toBe("1900-02-28");
    expect(normalizeDate(60)).toBe(60);
    expect(normalizeDate(61)).toBe("1900-03-01");
    expect(normalizeDate(44927)).toBe("2023-01-01");
  });

  it("reads a date typed as a number (20230101) and a date-time serial's day", () => {
    expect(normalizeDate(20230101)).toBe("2023-01-01");
    expect(normalizeDate(20230230)).toBe("20230230");
    expect(normalizeDate(45000.5)).toBe("2023-03-15");
    expect(normalizeDate(45000.99)).toBe("2023-03-15");
    // Neither a serial nor eight digits: left for validation.
    expect(normalizeDate(123456789)).toBe(123456789);
    expect(normalizeDate(0.5)).toBe(0.5);
    expect(normalizeDate(45000.5 + 3e6)).toBe(45000.5 + 3e6);
  });

  it("drops zero-width characters from values with a fixed shape, not from free text", () => {
    const policyNo: JsonSchema = { type: "string", pattern: "^[0-9A-Za-z-]+$" };
    const status: JsonSchema = { type: "string", enum: ["已缴费", "未缴费"] };
    expect(normalizeValue(policyNo, "P-1\u200B")).toBe("P-1");
    expect(normalizeValue(status, "\uFEFF已缴费\u200D")).toBe("已缴费");
    expect(normalizeValue(S.date, "2023-01-01\u2060")).toBe("2023-01-01");
    expect(normalizeValue(S.money, "12,000\u200B")).toBe(12000);
    expect(normalizeValue({ type: "string", format: "cn-mobile" }, "138\u00AD0013\u200C8000")).toBe("13800138000");
    expect(normalizeValue({ type: "string", format: "cn-resident-id" }, "11010519491231002x\u200B")).toBe("11010519491231002X");
    // Free text keeps them (emoji sequences are joined with U+200D); direction marks stay for validation to refuse.
    expect(normalizeValue({ type: "string" }, "👨\u200D👩")).toBe("👨\u200D👩");
    expect(normalizeValue(policyNo, "P\u202E1")).toBe("P\u202E1");
  });

  it("reads Date objects as their UTC calendar date", () => {
    expect(normalizeDate(new Date(Date.UTC(2023, 4, 6)))).toBe("2023-05-06");
    expect(normalizeDate(new Date("2023-12-31T23:59:59Z"))).toBe("2023-12-31");
  });

  it("leaves a long text as it is at once (a failing match of the date pattern grew with the cube of its spaces)", () => {
    // Before: 1,000 spaces took 0.34 s; 20,000 held the test past its time limit.
    const long = `2023-1-5${" ".repeat(20_000)}x`;
    expect(normalizeDate(long)).toBe(long);
    expect(normalizeDate(`  2023年1月5日 星期四 下午 3:00:00  `)).toBe("2023-01-05");
  });
  it("leaves what it cannot read for validation to report", () => {
    expect(normalizeDate("2023/2/30")).toBe("2023/2/30");
    expect(normalizeDate("2023-13-01")).toBe("2023-13-01");
    expect(normalizeDate("20230230")).toBe("20230230");
    expect(normalizeDate("昨天")).toBe("昨天");
    // Anything else after the date is not dropped silently: "2023-01-01 左右" is not a date.
    expect(normalizeDate("2023-01-01 左右")).toBe("2023-01-01 左右");
    expect(normalizeDate("2023-01-01T<script>")).toBe("2023-01-01T<script>");
    expect(normalizeDate(new Date("nonsense"))).toBeInstanceOf(Date);
    expect(normalizeDate(1.5)).toBe(1.5);
    expect(normalizeDate(-3)).toBe(-3);
    expect(normalizeDate(true)).toBe(true);
  });
});

describe("normalizeNumber", () => {
  it.each([
    ["1,000,000", "money", 1000000],
    ["¥1,000.50", "money", 1000.5],
    ["￥1 000.50", "money", 1000.5],
    ["1000元", "money", 1000],
    ["100万", "money", 1000000],
    ["100万元", "money", 1000000],
    ["1.5亿", "number", 150000000],
    ["3千", "number", 3000],
    ["2百万", "number", 2000000],
    ["12%", "percent", 12],
    ["12.5％", "percent", 12.5],
    ["１２３", "number", 123],
    ["-5", "number", -5],
    ["0.1", "number", 0.1],
    ["  42 ", "integer", 42],
  ] as const)("reads %j (%s) as %d", (input, kind, expected) => {
    expect(normalizeNumber(input, kind)).toBe(expected);
  });

  it("rounds money to cents and keeps floating-point noise out", () => {
    expect(normalizeNumber(10.005, "money")).toBe(10.01);
    expect(normalizeNumber("0.1万", "money")).toBe(1000);
    expect(normalizeNumber("1.1万", "number")).toBe(11000);
  });

  it("takes commas only as thousands separators: a decimal comma is not read as a bigger number", () => {
    expect(normalizeNumber("12,000.00 元", "money")).toBe(12000);
    expect(normalizeNumber("-1,234,567", "number")).toBe(-1234567);
    expect(normalizeNumber("1，000", "money")).toBe(1000);
    // Before: 12,5 became 125 and 1.000,50 became 1.0005 → 1, stored without a word.
    expect(normalizeNumber("12,5", "money")).toBe("12,5");
    expect(normalizeNumber("1.000,50", "money")).toBe("1.000,50");
    expect(normalizeNumber("1,0000", "number")).toBe("1,0000");
    expect(normalizeNumber("0,125", "number")).toBe("0,125");
    expect(normalizeNumber("1,000.5,0", "number")).toBe("1,000.5,0");
  });

  it("reads an accountant's negative in parentheses, (1,000), as -1000 (Excel's own accounting format): the field's own rule then names the fault", () => {
    // Before: refused as 必须是数字, as if the amount were unreadable.
    expect(normalizeNumber("(1,000)", "money")).toBe(-1000);
    expect(normalizeNumber("（1,000.50）", "money")).toBe(-1000.5);
    expect(normalizeNumber("(￥500)", "money")).toBe(-500);
    expect(normalizeNumber("( 500元 )", "money")).toBe(-500);
    expect(normalizeNumber("(2万)", "number")).toBe(-20000);
    expect(normalizeNumber("(1,5)", "money", "either")).toBe(-1.5);
    expect(normalizeValue(S.money, "(1,000)")).toBe(-1000);
    // Only a whole cell of digits in parentheses: a note, an unclosed one, a sign inside or two of them stay text.
    for (const text of ["(备注)", "(1,000", "1,000)", "(-500)", "-(500)", "((500))", "(500)元整", "()"]) expect(normalizeNumber(text, "money")).toBe(text);
  });

  describe("in a file whose decimal mark may be a comma (semicolon- or tab-separated: marks \"either\")", () => {
    it.each([
      ["1,5", "number", 1.5],
      ["12,50", "money", 12.5],
      ["0,125", "number", 0.125],
      ["1.234,56", "money", 1234.56],
      ["1.000.000", "number", 1000000],
      ["1 234,5", "number", 1234.5],
      ["1,234.56", "money", 1234.56],
      ["1,234,567", "number", 1234567],
      ["1.5", "number", 1.5],
      ["1500", "money", 1500],
      ["12,5%", "percent", 12.5],
      ["1,5万", "money", 15000],
    ] as const)("reads %j (%s) the one way it can be read: %d", (input, kind, expected) => {
      expect(normalizeNumber(input, kind, "either")).toBe(expected);
    });

    it("does not read a number the two conventions read differently (1,500: 1.5 or 1500)", () => {
      // Before: 1,500 was 1500 and 1.500 was 1.5 whatever the file's separator.
      for (const text of ["1,500", "1.500", "-2,125", "1,000万"]) expect(normalizeNumber(text, "money", "either")).toBe(text);
      expect(ambiguousNumber("1,500")).toEqual(["1.5", "1500"]);
      expect(ambiguousNumber("￥1.500 元")).toEqual(["1.5", "1500"]);
      expect(ambiguousNumber("1,5")).toBeNull();
      expect(ambiguousNumber("abc")).toBeNull();
    });

    it("leaves the form's own reading as it was", () => {
      expect(normalizeNumber("1,500", "money")).toBe(1500);
      expect(normalizeNumber("1.500", "number")).toBe(1.5);
      expect(normalizeNumber("1,5", "number")).toBe("1,5");
    });
  });

  it("reads a negative amount with its sign before or after the currency mark, or a full-width minus, as the negative number (round 8, P2-2)", () => {
    // Before: "-￥500" stayed text (refused as 保险金额必须是数字, when the sign is the fault:
    // the template's own minimum then says so); "￥-500" and "-500元" were read already.
    for (const text of ["-￥500", "-¥500", "- ￥ 500", "￥-500", "-500元", "－500", "－￥500", "￥－500元", "−￥500", "￥−500", "-￥500.00元"]) expect(normalizeNumber(text, "money")).toBe(-500);
    expect(normalizeNumber("-￥1,000.50", "money")).toBe(-1000.5);
    expect(normalizeNumber("-￥1.5万", "money")).toBe(-15000);
    expect(normalizeNumber("-￥1.500,5", "money", "either")).toBe(-1500.5);
    expect(normalizeValue(S.money, "-￥500")).toBe(-500);
    // Two signs, a sign after the number, or a mark or sign outside an accountant's brackets: not
    // read (never guessed). The brackets alone, (1,000), are read since: see the test on them.
    for (const text of ["-￥-500", "--500", "￥500-", "500-元", "￥(500)", "-(500)"]) expect(normalizeNumber(text, "money")).toBe(text);
  });

  it("leaves garbage as it was", () => {
    expect(normalizeNumber("abc", "number")).toBe("abc");
    expect(normalizeNumber("12%", "number")).toBe("12%");
    expect(normalizeNumber("1.2.3", "money")).toBe("1.2.3");
    expect(normalizeNumber("1e5", "number")).toBe("1e5");
    expect(normalizeNumber("", "number")).toBe("");
    expect(normalizeNumber(true, "number")).toBe(true);
  });
});

describe("normalizeBoolean", () => {
  it.each([
    ["是", true],
    ["否", false],
    ["true", true],
    ["FALSE", false],
    ["1", true],
    ["0", false],
    ["Y", true],
    ["n", false],
    ["yes", true],
    [" 是 ", true],
    [1, true],
    [0, false],
    [true, true],
  ] as const)("reads %j as %s", (input, expected) => {
    expect(normalizeBoolean(input)).toBe(expected);
  });

  it("leaves anything else as it was", () => {
    expect(normalizeBoolean("maybe")).toBe("maybe");
    expect(normalizeBoolean(2)).toBe(2);
  });
});

describe("normalizeValue", () => {
  it("cleans resident IDs: full-width, spaces, lower-case x", () => {
    expect(normalizeValue(S.id, "１１０１０５１９４９１２３１００２ｘ")).toBe("11010519491231002X");
    expect(normalizeValue(S.id, " 110105 19491231 002x ")).toBe("11010519491231002X");
    expect(normalizeValue(S.id, "110105-19491231-002x")).toBe("11010519491231002X");
    expect(normalizeValue(S.id, "1.23457E+17")).toBe("1.23457E+17");
    // A number is a spreadsheet accident; it is kept so that validation can say so.
    expect(normalizeValue(S.id, 123)).toBe(123);
  });

  it("cleans mobile numbers: +86, spaces, dashes, brackets", () => {
    expect(normalizeValue(S.mobile, "+86 13800138000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "+86-13800138000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "8613800138000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "0086-13800138000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "0086 138 0013 8000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "138-0013-8000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "138 0013 8000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "+86 138-0013-8000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "(+86) 138 0013 8000")).toBe("13800138000");
    expect(normalizeValue(S.mobile, "１３８００１３８０００")).toBe("13800138000");
    expect(normalizeValue(S.mobile, 13800138000)).toBe("13800138000");
  });

  it("keeps the dash of a landline but cleans mobiles in phone fields", () => {
    expect(normalizeValue(S.phone, "010-12345678")).toBe("010-12345678");
    expect(normalizeValue(S.phone, "（010）12345678")).toBe("01012345678");
    expect(normalizeValue(S.phone, "+86 138-0013-8000")).toBe("13800138000");
    expect(normalizeValue(S.phone, "138 0013 8000")).toBe("13800138000");
  });

  it("removes empty strings", () => {
    for (const s of Object.values(S)) expect(normalizeValue(s, "")).toBeUndefined();
    expect(normalizeValue(S.text, "   ")).toBeUndefined();
    expect(normalizeValue(S.text, null)).toBeUndefined();
    expect(normalizeValue(S.date, undefined)).toBeUndefined();
  });

  it("trims text; half-width only where a format or pattern expects ASCII", () => {
    expect(normalizeValue(S.text, "  张三 ")).toBe("张三");
    expect(normalizeValue(S.text, "ＡＢＣ")).toBe("ＡＢＣ");
    expect(normalizeValue(S.code, " ＡＢＣ１２ ")).toBe("ABC12");
    expect(normalizeValue(S.email, " ａ@ｂ.com ")).toBe("a@b.com");
    expect(normalizeValue(S.select, " 男 ")).toBe("男");
  });

  it("writes line breaks in text as the form's text areas do (LF), whatever program wrote them", () => {
    expect(normalizeValue(S.text, "北京市朝阳区\r\n建国路1号\r2号楼\n3单元")).toBe("北京市朝阳区\n建国路1号\n2号楼\n3单元");
    expect(normalizeValue({ type: "string", "x-kind": "address" }, "一\r\n二")).toBe("一\n二");
  });

  it("turns numbers in text fields into text (policy numbers pasted as numbers)", () => {
    expect(normalizeValue(S.text, 12345)).toBe("12345");
  });

  it("dispatches dates, numbers and booleans by kind", () => {
    expect(normalizeValue(S.date, "2023年1月1日")).toBe("2023-01-01");
    expect(normalizeValue(S.money, "100万")).toBe(1000000);
    expect(normalizeValue(S.percent, "12%")).toBe(12);
    expect(normalizeValue(S.integer, "１２")).toBe(12);
    expect(normalizeValue(S.boolean, "是")).toBe(true);
  });
});

describe("normalizeData", () => {
  it("cleans nested data and rows of tables, dropping empty values", () => {
    const input = {
      basic: { name: " 张三 ", idNumber: "11010519491231002x", mobile: "+86 138 0013 8000", email: "", address: null },
      policy: { policyNo: "００８６０１", sumInsured: "100万", premium: "1,200.50", startDate: "2024/1/1", endDate: "2034年1月1日" },
      beneficiary: { isLegal: "否", list: [{ name: "李四", share: "60%" }, { name: "王五", share: "40" }] },
      payments: [{ date: 45000, amount: "¥3,000", status: "已缴费", method: "" }],
      communications: [{ date: "2024.2.1", method: "电话", needFollowUp: "是", followUpDate: "20240210" }],
    };
    expect(normalizeData(schema, input)).toEqual({
      basic: { name: "张三", idNumber: IDS.womanX, mobile: "13800138000" },
      policy: { policyNo: "008601", sumInsured: 1000000, premium: 1200.5, startDate: "2024-01-01", endDate: "2034-01-01" },
      beneficiary: { isLegal: false, list: [{ name: "李四", share: 60 }, { name: "王五", share: 40 }] },
      payments: [{ date: "2023-03-15", amount: 3000, status: "已缴费" }],
      communications: [{ date: "2024-02-01", method: "电话", needFollowUp: true, followUpDate: "2024-02-10" }],
    });
  });

  it("keeps unknown keys for validation to report, and drops null sections", () => {
    expect(normalizeData(schema, { basic: { nickname: " x " }, extra: 1, notes: null })).toEqual({ basic: { nickname: " x " }, extra: 1 });
  });

  it("cleans arrays of scalars item by item", () => {
    const tags: JsonSchema = { type: "object", properties: { tags: { type: "array", items: { type: "number" } } } };
    expect(normalizeData(tags, { tags: ["1,000", "", "2万"] })).toEqual({ tags: [1000, 20000] });
  });

  it("does not modify its input", () => {
    const input = { basic: { name: " 张三 " } };
    normalizeData(schema, input);
    expect(input.basic.name).toBe(" 张三 ");
  });
});

describe("deriveFromIds", () => {
  it("fills birth date and gender from a valid ID when they are empty", () => {
    expect(deriveFromIds(schema, { basic: { idNumber: IDS.womanX } })).toEqual({
      basic: { idNumber: IDS.womanX, birthDate: "1949-12-31", gender: "女" },
    });
  });

  it("never overwrites what was entered (validation reports disagreements)", () => {
    expect(deriveFromIds(schema, { basic: { idNumber: IDS.womanX, gender: "男" } })).toEqual({
      basic: { idNumber: IDS.womanX, birthDate: "1949-12-31", gender: "男" },
    });
  });

  it("derives nothing from an invalid ID", () => {
    expect(deriveFromIds(schema, { basic: { idNumber: "110105194912310021" } })).toEqual({ basic: { idNumber: "110105194912310021" } });
  });
});

describe("isIsoDate", () => {
  it("accepts real YYYY-MM-DD dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-02-30")).toBe(false);
    expect(isIsoDate("2023-1-1")).toBe(false);
    expect(isIsoDate("2023-13-01")).toBe(false);
    expect(isIsoDate(20230101)).toBe(false);
  });
});
