import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import { listFields } from "../schema/fields";
import { prepareData } from "../schema/validate";
import type { JsonSchema, UiSchema } from "../schema/types";
import { detectEncoding } from "./detect-encoding";
import { convertCell, convertRow } from "./convert-cells";
import { columnReason, evaluateGroup, mergeInto, type EvaluateContext } from "./evaluate-group";
import { ROW_SPAN, rowPhrase } from "./sheet-joins";
import { importTargets, suggestMapping, suggestScopedMapping, titleUnit } from "./targets";

const schema = archive.schema as unknown as JsonSchema;
const targets = importTargets(listFields(schema, archive.uiSchema as UiSchema));
const target = (path: string) => targets.find((t) => t.path === path)!;

describe("import targets and column matching", () => {
  it("matches a table sheet's plain titles to that table's columns, and a table's own sheet's to its table first", () => {
    // Plain, 备注 and 缴费方式 are the record's (notes.remarks, policy.paymentMethod).
    expect(suggestScopedMapping(["保单号", "备注", "缴费方式"], targets)).toEqual(suggestMapping(["保单号", "备注", "缴费方式"], targets));
    expect(suggestMapping(["保单号", "备注", "缴费方式"], targets)).toEqual(["policy.policyNo", "notes.remarks", "policy.paymentMethod"]);
    // The 理赔记录 sheet chosen on its own: its 备注 is the claim's; the record key and title stay the record's.
    expect(suggestScopedMapping(["保单号", "客户姓名", "备注", "理赔金额"], targets, [], "claims")).toEqual(["policy.policyNo", "basic.name", "claims.remark", "claims.amount"]);
    // Joined sheets: each column within its table only (a copy of the record title fills nothing), the
    // sheet's name before a title dropped when the sheet is not named as its table.
    const titles = ["保单号", "备注", "缴费方式", "缴费记录·客户姓名", "缴费记录·缴费方式", "理赔·备注", "指定受益人·联系方式"];
    const scopes = [null, null, null, "payments", "payments", "claims", "beneficiary.list"];
    expect(suggestScopedMapping(titles, targets, scopes)).toEqual(["policy.policyNo", "notes.remarks", "policy.paymentMethod", null, "payments.method", "claims.remark", "beneficiary.list.contact"]);
  });

  it("offers record fields and table columns, and matches titles, aliases and table titles", () => {
    expect(target("payments.amount")).toMatchObject({ table: "payments", segments: ["amount"], label: "缴费记录 › 缴费金额" });
    expect(target("beneficiary.list.idNumber")).toMatchObject({ table: "beneficiary.list", segments: ["idNumber"] });
    expect(suggestMapping(["客户姓名 *", "联系方式", "保单编号", "缴费记录-缴费方式", "缴费方式", "身份证号码", "身份证号码", "不知道"], targets)).toEqual([
      "basic.name",
      "basic.mobile",
      "policy.policyNo",
      "payments.method",
      "policy.paymentMethod",
      "basic.idNumber",
      null,
      null,
    ]);
  });
});

describe("cells to values", () => {
  it("maps 身份证号 and 被保险人身份证号码 to the customer's ID, 受益人身份证号码 to the beneficiary's", () => {
    // The aliases sat on the beneficiary's column: every row of a sheet titled 身份证号 lacked the customer's ID.
    expect(suggestMapping(["被保险人姓名", "身份证号", "保单号", "受益人姓名", "受益人身份证号码"], targets)).toEqual(["basic.name", "basic.idNumber", "policy.policyNo", "beneficiary.list.name", "beneficiary.list.idNumber"]);
    expect(suggestMapping(["被保险人身份证号码"], targets)).toEqual(["basic.idNumber"]);
  });

  it("takes a number in a date column only as yyyymmdd or an Excel day number from 1910 on", () => {
    expect(convertCell(2023, target("policy.startDate"), "zh").problem).toMatch(/^2023 不是日期/);
    expect(convertCell(45000, target("policy.startDate"), "zh")).toEqual({ value: "2023-03-15" });
    expect(convertCell(45000.5, target("policy.startDate"), "zh")).toEqual({ value: "2023-03-15" });
    expect(convertCell(20230101, target("policy.startDate"), "zh")).toEqual({ value: "2023-01-01" });
    expect(convertCell(123456789, target("policy.startDate"), "zh").problem).toMatch(/不是日期/);
  });

  it("reads a percentage as the number Excel holds in a number field, and as shown in a percent field", () => {
    expect(convertCell("100%", target("beneficiary.list.share"), "zh")).toEqual({ value: 100 });
    expect(convertCell("0012345", target("policy.policyNo"), "zh")).toEqual({ value: "0012345" });
    expect(convertCell("12.5%", target("policy.sumInsured"), "zh").value).toBe("12.5%");
  });

  it("matches titles with a unit in yuan to money fields; one in 万元 once, as the field's", () => {
    expect(suggestMapping(["保险金额（元）", "缴费金额(元)", "保险金额（万元）"], targets)).toEqual(["policy.sumInsured", "payments.amount", null]);
    expect(suggestMapping(["保险金额（万元）", "理赔金额/万元"], targets)).toEqual(["policy.sumInsured", null]);
  });

  it("matches titles with a hint after them: on a second line, in brackets of either width (tester round 5, P14)", () => {
    expect(suggestMapping(["缴费日期\n(yyyy-mm-dd)", "身份证号码(18位)", "联系方式（手机）", "保险金额\n(单位：元)", "地址【详细到门牌】"], targets)).toEqual(["payments.date", "basic.idNumber", "basic.mobile", "policy.sumInsured", "basic.address"]);
    // The title itself first: a field titled with its hint keeps it; a hint on something unknown maps nothing.
    expect(suggestMapping(["客户姓名(拼音)", "车牌号(选填)"], targets)).toEqual(["basic.name", null]);
    expect(suggestMapping(["客户姓名(拼音)", "客户姓名"], targets)).toEqual([null, "basic.name"]);
  });

  it("reads the unit of amount a title names, for amounts only, and scales plain numbers under it (tester round 5, P5)", () => {
    const sum = target("policy.sumInsured");
    expect(titleUnit("保险金额（万元）", sum)).toEqual({ text: "万元", factor: 1e4 });
    expect(titleUnit("保险金额(单位：万元)", sum)).toEqual({ text: "万元", factor: 1e4 });
    expect(titleUnit("保险金额/亿元", sum)).toEqual({ text: "亿元", factor: 1e8 });
    expect(titleUnit("保险金额\n(单位：元)", sum)).toBeUndefined();
    expect(titleUnit("保险金额（万元）", target("basic.address"))).toBeUndefined();
    const inWan = { ...sum, unit: titleUnit("保险金额（万元）", sum) };
    expect([50, "50", "１２.５", "50万", "500000元", "1,000"].map((c) => convertCell(c, inWan, "zh").value)).toEqual([500000, 500000, 125000, 500000, 500000, 10000000]);
  });

  it("reads what people type and refuses digits Excel has lost", () => {
    expect(convertCell("２０２３年１月１日", target("policy.startDate"), "zh").value).toBe("2023-01-01");
    expect(convertCell(45000, target("policy.startDate"), "zh").value).toBe("2023-03-15");
    expect(convertCell("100万", target("policy.sumInsured"), "zh").value).toBe(1000000);
    expect(convertCell("1,000,000", target("policy.sumInsured"), "zh").value).toBe(1000000);
    expect(convertCell("11010519491231002x", target("basic.idNumber"), "zh").value).toBe("11010519491231002X");
    expect(convertCell(13800138000, target("basic.mobile"), "zh").value).toBe("13800138000");
    expect(convertCell(1.23457e17, target("basic.idNumber"), "zh").problem).toMatch(/1\.23457E\+17.*科学计数法/);
    expect(convertCell("1.23457E+17", target("basic.idNumber"), "zh", "grouping", false, true).problem).toMatch(/科学计数法/);
    // 16 digits: Excel kept 15 and put a zero for the last, even when the number still looks whole.
    expect(convertCell(1234567890123450, target("policy.policyNo"), "zh").problem).toMatch(/科学计数法/);
    expect(convertCell(123456789012345, target("policy.policyNo"), "zh")).toEqual({ value: "123456789012345" });
    expect(convertCell({ error: "#N/A" }, target("basic.name"), "zh").problem).toMatch(/#N\/A/);
    expect(convertCell("  ", target("basic.name"), "zh")).toEqual({});
    // A masked export's personal data says what it is (before: "身份证号码不正确…", 张* stored as a name).
    expect(convertCell("1101**********002X", target("basic.idNumber"), "zh").problem).toMatch(/^1101\*+002X 是导出时打码的个人信息/);
    expect(convertCell("张*", target("basic.name"), "zh").problem).toMatch(/打码/);
    expect(convertCell("138****8000", target("basic.mobile"), "en").problem).toMatch(/masked by an export/);
    expect(convertCell("金福*尊享版", target("policy.productName"), "zh")).toEqual({ value: "金福*尊享版" });
  });

  // tester9 P1-2: "1e5" in a text field was refused as Excel's damage, even from a text cell of the product's own .xlsx export.
  it("refuses only what Excel's damage looks like: a number that lost digits, or its display form in a CSV", () => {
    const text = target("policy.productName");
    for (const csv of [false, true]) {
      expect(convertCell("1e5", text, "zh", "grouping", false, csv)).toEqual({ value: "1e5" });
      expect(convertCell("2E5", text, "zh", "grouping", false, csv)).toEqual({ value: "2E5" });
      expect(convertCell("1e+17", text, "zh", "grouping", false, csv)).toEqual({ value: "1e+17" });
    }
    // A text cell of an .xlsx holds what was typed; a CSV's "1.23457E+17" is how Excel showed a number it rounded.
    expect(convertCell("1.23457E+17", text, "zh")).toEqual({ value: "1.23457E+17" });
    expect(convertCell("1.23457E+17", text, "zh", "grouping", false, true).problem).toMatch(/科学计数法/);
    expect(convertCell("1.38001E+10", target("basic.mobile"), "zh", "grouping", false, true).problem).toMatch(/科学计数法/);
    expect(convertCell(1.23457e17, text, "zh").problem).toMatch(/科学计数法/);
  });

  it("detects the encoding from the bytes", () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: "utf-8", bom: true });
    expect(detectEncoding(new TextEncoder().encode("客户姓名,保单号")).encoding).toBe("utf-8");
    // "客户" in GBK
    expect(detectEncoding(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7])).encoding).toBe("gb18030");
    // UTF-8 cut in the middle of a character at the end of the sample is still UTF-8
    expect(detectEncoding(new TextEncoder().encode("客户").subarray(0, 5)).encoding).toBe("utf-8");
  });
});

describe("rows to a record's verdict", () => {
  const columns = ["basic.name", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "payments.date", "payments.amount", "payments.status"].map(target);
  const ctx: EvaluateContext = { schema, targets, titles: ["客户姓名", "身份证号码", "保单号", "保险类型", "缴费日期", "缴费金额", "缴费状态"], keyTarget: target("policy.policyNo"), mode: "upsert", locale: "zh" };
  const row = (n: number, cells: unknown[]) => convertRow({ row: n, cells: cells as never }, columns, "zh");
  const id = "11010519491231002X";

  it("merges rows of one key into one record with several table rows, and calls a repeated row a duplicate", () => {
    const out = evaluateGroup(
      { key: "P1", cells: new Map(), rows: [row(2, ["张三", id, "P1", "人寿险", "2024-01-01", 100, "已缴费"]), row(3, [null, null, "P1", null, "2024-02-01", 100, "已缴费"]), row(4, ["张三", id, "P1", "人寿险", "2024-02-01", 100, "已缴费"])] },
      null,
      ctx,
    );
    expect(out.verdict).toBe("create");
    expect(out.rows.map((r) => r.verdict)).toEqual(["create", "create", "duplicate"]);
    expect((out.data as { payments: unknown[] }).payments).toHaveLength(2);
  });

  it("rejects the whole record when rows disagree or a value is invalid, naming row and column", () => {
    const conflict = evaluateGroup({ key: "P1", cells: new Map(), rows: [row(2, ["张三", id, "P1", "人寿险"]), row(3, ["李四", id, "P1", "人寿险"])] }, null, ctx);
    expect(conflict.rows).toEqual([
      { row: 2, verdict: "reject", reason: "与第 3 行属于同一条记录，一并退回" },
      { row: 3, verdict: "reject", column: 0, reason: "与第 2 行属于同一条记录，但「客户姓名」不同（张三 / 李四）" },
    ]);
    const invalid = evaluateGroup({ key: "P1", cells: new Map(), rows: [row(2, ["张三", id, "P1", "人寿险", "2024-01-01", 100, "已缴费"]), row(3, [null, null, "P1", null, "2024-13-01", 100, "已缴费"])] }, null, ctx);
    expect(invalid.rows[1]).toMatchObject({ row: 3, verdict: "reject", column: 4 });
    // The message names the column itself: no 「缴费日期」缴费日期… repetition.
    expect(invalid.rows[1].reason).toBe("缴费日期不是有效日期（如 2023-01-31）");
    expect(columnReason("zh", "付款日", "缴费日期不是有效日期")).toBe("「付款日」缴费日期不是有效日期");
  });

  // tester9 P1-5: a table sheet's row whose 保单号 the records' sheet lacks got the record's required-field messages.
  it("says when a table sheet's rows have a key the records' sheet lacks", () => {
    const joined = { ...ctx, sheets: ["缴费记录"], rowName: (n: number) => rowPhrase("zh", n, [{ sheet: "缴费记录" }]) };
    const orphan = [row(ROW_SPAN + 3, [null, null, "NOPE-999", null, "2024-01-01", 100, "已缴费"]), row(ROW_SPAN + 4, [null, null, "NOPE-999", null, "2024-02-01", 100, "已缴费"])];
    const out = evaluateGroup({ key: "NOPE-999", cells: new Map(), rows: orphan }, null, joined);
    expect(out.verdict).toBe("reject");
    expect(out.rows[0]).toEqual({ row: ROW_SPAN + 3, verdict: "reject", column: 2, reason: expect.stringMatching(/^「缴费记录」表第 3 行的保单号 NOPE-999 在主表中找不到/) });
    expect(out.rows[1].reason).toBe("与「缴费记录」表第 3 行属于同一条记录，一并退回");
    // A stored record takes its table rows from a table sheet alone (only payments imported).
    const stored = { data: prepareData(schema, { basic: { name: "张三", idNumber: id }, policy: { policyNo: "NOPE-999", insuranceType: "人寿险" } }) };
    expect(evaluateGroup({ key: "NOPE-999", cells: new Map(), rows: orphan }, stored, joined).verdict).toBe("update");
  });

  // tester9 P2-2: English reasons were joined with the full-width "；".
  it("joins a row's reasons in the reader's language", () => {
    const en = evaluateGroup({ key: "P1", cells: new Map(), rows: [row(2, ["张三", "123", "P1", "人寿险", "2024-13-01", 100, "已缴费"])] }, null, { ...ctx, locale: "en" });
    expect(en.rows[0].reason).toMatch(/[^；]+; [^；]+/);
    const zh = evaluateGroup({ key: "P1", cells: new Map(), rows: [row(2, ["张三", "123", "P1", "人寿险", "2024-13-01", 100, "已缴费"])] }, null, ctx);
    expect(zh.rows[0].reason).toContain("；");
  });

  it("refuses a value the form would drop because of the record's other answers", () => {
    const cols = ["basic.name", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "policyholder.relation", "policyholder.name"].map(target);
    const r = convertRow({ row: 2, cells: ["张三", id, "P1", "人寿险", "本人", "李四"] }, cols, "zh");
    const out = evaluateGroup({ key: "P1", cells: new Map(), rows: [r] }, null, { ...ctx, titles: ["客户姓名", "身份证号码", "保单号", "保险类型", "与被保险人关系", "投保人姓名"] });
    expect(out.rows).toEqual([{ row: 2, verdict: "reject", column: 5, reason: expect.stringMatching(/^「投保人姓名」有值/) }]);
  });

  it("updates a stored record by adding only what is new; the same rows again change nothing", () => {
    // Stored data is prepared data (birth date and gender derived from the ID).
    const stored = { data: prepareData(schema, { basic: { name: "张三", idNumber: id }, policy: { policyNo: "P1", insuranceType: "人寿险" }, payments: [{ date: "2024-01-01", amount: 100, status: "已缴费" }] }) };
    const rows = [row(2, ["张三", id, "P1", "人寿险", "2024-01-01", 100, "已缴费"]), row(3, [null, null, "P1", null, "2024-02-01", 100, "已缴费"])];
    const out = evaluateGroup({ key: "P1", cells: new Map(), rows }, stored, ctx);
    expect(out.verdict).toBe("update");
    // Row 2 gives only what is stored (未变); row 3 adds the payment and carries the change.
    expect(out.rows).toEqual([
      { row: 2, verdict: "unchanged" },
      { row: 3, verdict: "update", reason: expect.stringMatching(/缴费记录/) },
    ]);
    const next = prepareData(schema, mergeInto(stored.data, out.data!, targets, schema));
    expect((next.payments as unknown[]).length).toBe(2);
    expect(evaluateGroup({ key: "P1", cells: new Map(), rows }, { data: next }, ctx).verdict).toBe("unchanged");
    expect(evaluateGroup({ key: "P1", cells: new Map(), rows }, stored, { ...ctx, mode: "create" }).verdict).toBe("duplicate");
  });
});

describe("fixed values on stored records", () => {
  const tagged = {
    type: "object",
    properties: {
      no: { type: "string", title: "编号", "x-unique": true },
      tags: { type: "array", title: "标签", uniqueItems: true, items: { type: "string", enum: ["重点", "普通"] } },
    },
  } as unknown as JsonSchema;
  const tagTargets = importTargets(listFields(tagged, {}));
  const col = tagTargets.find((t) => t.path === "no")!;
  const ctx: EvaluateContext = { schema: tagged, targets: tagTargets, titles: ["编号"], keyTarget: col, mode: "upsert", locale: "zh", constants: new Set(["tags"]) };
  const rowOf = (n: number) => convertRow({ row: n, cells: ["N1"] }, [col], "zh", new Map([["tags", ["重点"]]]));

  it("fill a multiselect a stored record left empty, and leave one it filled", () => {
    // An empty choice list holds nothing: before, it counted as a value and the fixed one was dropped.
    const empty = evaluateGroup({ key: "N1", cells: new Map(), rows: [rowOf(2)] }, { data: { no: "N1", tags: [] } }, ctx);
    expect(empty.verdict).toBe("update");
    expect((empty.data as { tags?: string[] }).tags).toEqual(["重点"]);
    const held = evaluateGroup({ key: "N1", cells: new Map(), rows: [rowOf(2)] }, { data: { no: "N1", tags: ["普通"] } }, ctx);
    expect(held.verdict).toBe("unchanged");
  });
});

describe("switches a value implies", () => {
  const id = "11010519491231002X";
  it("turns on 是否需要跟进 for a 跟进事项 and 法定受益人 = 否 for a named beneficiary when the sheet has no column for them", () => {
    const cols = ["basic.name", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "communications.date", "communications.method", "communications.followUpItem", "communications.followUpDate", "beneficiary.list.name", "beneficiary.list.idNumber", "beneficiary.list.share"].map(target);
    const r = convertRow({ row: 2, cells: ["张三", id, "P1", "人寿险", "2024-02-01", "电话", "寄送保单副本", "2024-02-10", "张小三", "110105201001010029", "100%"] }, cols, "zh");
    expect(r.tables.get("communications")).toMatchObject({ needFollowUp: true, followUpItem: "寄送保单副本" });
    expect(r.fields.get("beneficiary.isLegal")).toBe(false);
    const titles = ["客户姓名", "身份证号码", "保单号", "保险类型", "沟通日期", "沟通方式", "跟进事项", "跟进日期", "受益人姓名", "受益人身份证号码", "受益比例"];
    const out = evaluateGroup({ key: "P1", cells: new Map(), rows: [r] }, null, { schema, targets, titles, keyTarget: target("policy.policyNo"), mode: "upsert", locale: "zh" });
    expect(out.rows).toEqual([{ row: 2, verdict: "create" }]);
    // A row without a follow-up says nothing about the switch.
    const quiet = convertRow({ row: 3, cells: ["张三", id, "P1", "人寿险", "2024-03-01", "电话", null, null, null, null, null] }, cols, "zh");
    expect(quiet.tables.get("communications")).toEqual({ date: "2024-03-01", method: "电话" });
    expect(quiet.fields.has("beneficiary.isLegal")).toBe(false);
  });

  it("refuses a value behind a notIn switch (投保人姓名 unless 与被保险人关系 is 本人) in a sheet without its column, saying which column to add", () => {
    // No single value to imply: 配偶, 子女, 父母 and 其他 all show it, and guessing one stores a relation nobody gave.
    const cols = ["basic.name", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "policyholder.name", "policyholder.idNumber", "policyholder.contact"].map(target);
    const titles = ["客户姓名", "身份证号码", "保单号", "保险类型", "投保人姓名", "投保人身份证号码", "投保人联系方式"];
    const r = convertRow({ row: 2, cells: ["张三", id, "P1", "人寿险", "李四", "110105201001010029", "13800138000"] }, cols, "zh");
    expect(r.fields.has("policyholder.relation")).toBe(false);
    const out = evaluateGroup({ key: "P1", cells: new Map(), rows: [r] }, null, { schema, targets, titles, keyTarget: target("policy.policyNo"), mode: "upsert", locale: "zh" });
    // Before: 「投保人姓名」有值，但按这条记录其他字段的填写，这一项不应填写…请检查相关字段 (which field, the sheet did not say).
    // Each of the row's three such columns is named, the first column first.
    const because = "只在「与被保险人关系」不为「本人」时填写，表中没有「与被保险人关系」列：请加上这一列，或在列对应中为它设一个固定值";
    expect(out.rows[0]).toEqual({ row: 2, verdict: "reject", column: 4, reason: ["投保人姓名", "投保人身份证号码", "投保人联系方式"].map((c) => `「${c}」${because}`).join("；") });
    // With the relation given (a column or a fixed value), the values are taken.
    const given = convertRow({ row: 2, cells: ["张三", id, "P1", "人寿险", "李四", "110105201001010029", "13800138000"] }, cols, "zh", new Map([["policyholder.relation", "配偶"]]));
    expect(evaluateGroup({ key: "P1", cells: new Map(), rows: [given] }, null, { schema, targets, titles, keyTarget: target("policy.policyNo"), mode: "upsert", locale: "zh", constants: new Set(["policyholder.relation"]) }).verdict).toBe("create");
  });

  it("implies the one value of an `in` switch like an `equals` one", () => {
    const tiny = {
      type: "object",
      properties: {
        no: { type: "string", title: "编号" },
        kind: { type: "string", title: "类别", enum: ["甲", "乙", "丙"] },
        note: { type: "string", title: "甲类说明", "x-visibleWhen": { field: "kind", in: ["甲"] } },
        other: { type: "string", title: "乙丙说明", "x-visibleWhen": { field: "kind", in: ["乙", "丙"] } },
      },
    } as unknown as JsonSchema;
    const t = importTargets(listFields(tiny, {}));
    expect(t.find((x) => x.path === "note")!.implies).toEqual([{ path: "kind", table: null, segments: ["kind"], value: "甲" }]);
    expect(t.find((x) => x.path === "other")!.implies).toEqual([]);
  });

  it("leaves the switch to the sheet's own column, and to a fixed value", () => {
    const cols = ["basic.name", "policy.policyNo", "beneficiary.isLegal", "beneficiary.list.name"].map(target);
    const r = convertRow({ row: 2, cells: ["张三", "P1", "是", "张小三"] }, cols, "zh");
    expect(r.fields.get("beneficiary.isLegal")).toBe(true);
    const fixed = convertRow({ row: 2, cells: ["张三", "P1", null, "张小三"] }, cols.filter((c) => c.path !== "beneficiary.isLegal").concat([]), "zh", new Map([["beneficiary.isLegal", true]]));
    expect(fixed.fields.get("beneficiary.isLegal")).toBe(true);
  });
});

