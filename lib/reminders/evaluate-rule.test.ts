import { describe, expect, it } from "vitest";
import { contentOf, shippedTemplates } from "../templates/shipped";
import { listFields } from "../schema/fields";
import { checkReminders, isResolved, resolveReminderRule, type ResolvedRule } from "../schema/reminder-rules";
import type { ReminderRule, TemplateContent } from "../schema/types";
import { dateRange, evaluateRule, pushableConditions, type ReminderWindow } from "./evaluate-rule";
import { addDays, isIsoDay, officeToday } from "./office-date";
import { groupOf } from "./types";

const archive = contentOf(shippedTemplates[0]);
const fields = listFields(archive.schema, archive.uiSchema);
const rule = (id: string): ResolvedRule => {
  const r = resolveReminderRule(archive.reminders!.find((x) => x.id === id)!, fields);
  if (!isResolved(r)) throw new Error(`rule ${id} does not resolve: ${r.key}`);
  return r;
};
const TODAY = "2026-06-15";
const w: ReminderWindow = { today: TODAY, horizonDays: 90, lookbackDays: 365 };
const policy = (endDate: unknown, state = "生效") => ({ policy: { endDate }, status: { state } });

describe("office day", () => {
  it("is the calendar day in Asia/Shanghai, not the server's UTC day", () => {
    // 16:30 UTC is already 00:30 the next day in Shanghai; 15:59 UTC is still the same day.
    expect(officeToday(new Date("2026-06-14T16:30:00Z"))).toBe("2026-06-15");
    expect(officeToday(new Date("2026-06-14T15:59:59Z"))).toBe("2026-06-14");
  });
  it("accepts only real YYYY-MM-DD days and counts across months and leap days", () => {
    expect(isIsoDay("2024-02-29")).toBe(true);
    for (const bad of ["2023-02-29", "2023/1/1", "2023-1-1", "", null, 20230101, "2023-13-01"]) expect(isIsoDay(bad)).toBe(false);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});

describe("renewal (days before a top-level date, with a condition)", () => {
  it("is raised 90 days before the end date, with the stage reached, and is due on the end date", () => {
    expect(evaluateRule(rule("renewal"), policy(addDays(TODAY, 91)), w)).toEqual([]);
    expect(evaluateRule(rule("renewal"), policy(addDays(TODAY, 90)), w)).toEqual([{ ruleId: "renewal", row: null, date: addDays(TODAY, 90), dueDate: addDays(TODAY, 90), stage: -90, dueIn: 90 }]);
    expect(evaluateRule(rule("renewal"), policy(addDays(TODAY, 30)), w)[0].stage).toBe(-30);
    expect(evaluateRule(rule("renewal"), policy(addDays(TODAY, 45)), w)[0].stage).toBe(-60);
    expect(evaluateRule(rule("renewal"), policy(TODAY), w)[0].stage).toBe(-7);
  });
  it("stops after the end date (until 0), where 已过期未续保 takes over the next day", () => {
    expect(evaluateRule(rule("renewal"), policy(addDays(TODAY, -1)), w)).toEqual([]);
    expect(evaluateRule(rule("expired"), policy(TODAY), w)).toEqual([]);
    expect(evaluateRule(rule("expired"), policy(addDays(TODAY, -1)), w)).toEqual([{ ruleId: "expired", row: null, date: addDays(TODAY, -1), dueDate: TODAY, stage: 1, dueIn: 0 }]);
    expect(evaluateRule(rule("expired"), policy(addDays(TODAY, -30)), w)[0]).toMatchObject({ dueDate: addDays(TODAY, -29), dueIn: -29 });
  });
  it("needs the condition: a policy not 生效 raises no renewal", () => {
    expect(evaluateRule(rule("renewal"), policy(addDays(TODAY, 30), "已退保"), w)).toEqual([]);
    expect(evaluateRule(rule("renewal"), { policy: { endDate: addDays(TODAY, 30) } }, w)).toEqual([]);
  });
  it("empty or invalid dates never remind, and odd data never throws", () => {
    for (const bad of ["", null, undefined, "2026/07/01", "2026-02-30", 20260701, { x: 1 }]) expect(evaluateRule(rule("renewal"), policy(bad), w)).toEqual([]);
    expect(evaluateRule(rule("renewal"), null, w)).toEqual([]);
    expect(evaluateRule(rule("premium"), { payments: "none" }, w)).toEqual([]);
    expect(evaluateRule(rule("premium"), { payments: [null, 3, "x"] }, w)).toEqual([]);
  });
});

describe("table rules (one reminder per row)", () => {
  it("premium: unpaid rows due within 15 days and past ones, each with its row; paid rows never", () => {
    const data = {
      payments: [
        { date: addDays(TODAY, 10), status: "未缴费" },
        { date: addDays(TODAY, 10), status: "已缴费" },
        { date: addDays(TODAY, 16), status: "未缴费" },
        { date: addDays(TODAY, -40), status: "逾期" },
        { date: "", status: "未缴费" },
      ],
    };
    const got = evaluateRule(rule("premium"), data, w);
    expect(got.map((o) => [o.row, o.dueDate])).toEqual([
      [0, addDays(TODAY, 10)],
      [3, addDays(TODAY, -40)],
    ]);
  });
  it("follow-up: rows that need one, on their date; claims 待审核 for more than 15 days", () => {
    const data = {
      communications: [
        { needFollowUp: true, followUpDate: TODAY },
        { needFollowUp: false, followUpDate: TODAY },
        { needFollowUp: true, followUpDate: addDays(TODAY, 1) },
      ],
      claims: [
        { applyDate: addDays(TODAY, -14), status: "待审核" },
        { applyDate: addDays(TODAY, -15), status: "待审核" },
        { applyDate: addDays(TODAY, -20), status: "已赔付" },
      ],
    };
    expect(evaluateRule(rule("follow-up"), data, w).map((o) => o.row)).toEqual([0]);
    expect(evaluateRule(rule("claim"), data, w)).toEqual([{ ruleId: "claim", row: 1, date: addDays(TODAY, -15), dueDate: TODAY, stage: 15, dueIn: 0 }]);
  });
  it("the lookback bounds how long overdue reminders stay", () => {
    const old = { payments: [{ date: addDays(TODAY, -366), status: "未缴费" }] };
    expect(evaluateRule(rule("premium"), old, w)).toEqual([]);
    expect(evaluateRule(rule("premium"), old, { ...w, lookbackDays: 400 })).toHaveLength(1);
  });
});

describe("the database query", () => {
  it("narrows the date field to exactly the days that can raise a reminder today", () => {
    expect(dateRange(rule("renewal"), w)).toEqual({ gte: TODAY, lte: addDays(TODAY, 90) });
    expect(dateRange(rule("premium"), w)).toEqual({ gte: addDays(TODAY, -365), lte: addDays(TODAY, 15) });
    expect(dateRange(rule("claim"), w)).toEqual({ gte: addDays(TODAY, -380), lte: addDays(TODAY, -15) });
    expect(dateRange(rule("expired"), w)).toEqual({ gte: addDays(TODAY, -366), lte: addDays(TODAY, -1) });
  });
  it("pushes equality and membership conditions (a superset for table columns)", () => {
    expect(pushableConditions(rule("renewal"))).toEqual({ "data.status.state": "生效" });
    expect(pushableConditions(rule("premium"))).toEqual({ "data.payments.status": { $in: ["未缴费", "逾期"] } });
  });
});

describe("groups", () => {
  it("overdue, today, within 7 days, later", () => {
    expect([-1, 0, 1, 7, 8].map(groupOf)).toEqual(["overdue", "today", "week", "week", "later"]);
  });
});

describe("checks on rules", () => {
  const withRules = (reminders: ReminderRule[], content: TemplateContent = archive): TemplateContent => ({ ...content, reminders });
  const base: ReminderRule = { id: "r", title: "续保", date: "policy.endDate", offsets: [-30], outcomes: ["已续保"] };
  const problems = (c: TemplateContent) => checkReminders(c, listFields(c.schema, c.uiSchema)).map((p) => p.message);

  it("the shipped rules all fit the archive", () => {
    expect(problems(archive)).toEqual([]);
  });
  it("a rule on a removed field or a field that is no longer a date is reported, and skipped at runtime", () => {
    const removed = structuredClone(archive);
    removed.schema.properties!.policy.properties!.endDate["x-removed"] = true;
    expect(problems(withRules([base], removed))).toEqual(["提醒规则“续保”使用的日期字段“保险到期日期”已被移除"]);
    const retyped = structuredClone(archive);
    retyped.schema.properties!.policy.properties!.endDate = { type: "string", title: "保险到期日期" };
    expect(problems(withRules([base], retyped))).toEqual(["提醒规则“续保”使用的字段“保险到期日期”不是日期字段"]);
    expect(isResolved(resolveReminderRule(base, listFields(retyped.schema)))).toBe(false);
    expect(problems(withRules([{ ...base, date: "policy.gone" }]))).toEqual(["提醒规则“续保”使用的日期字段“policy.gone”不存在"]);
  });
  it("conditions must name a usable field and one of its choices", () => {
    expect(problems(withRules([{ ...base, when: [{ field: "/status/state", equals: "有效" }] }]))).toEqual(["提醒规则“续保”的条件值“有效”不是字段“保单状态”的选项"]);
    expect(problems(withRules([{ ...base, when: [{ field: "/payments/status", equals: "未缴费" }] }]))[0]).toContain("不能用作条件");
    expect(problems(withRules([{ ...base, date: "payments.date", when: [{ field: "status", equals: "未缴费" }] }]))).toEqual([]);
  });
  it("ids, names, offsets and outcomes", () => {
    expect(problems(withRules([base, { ...base, id: "r" }]))[0]).toContain("不能重复");
    expect(problems(withRules([{ ...base, offsets: [] }]))[0]).toContain("提醒天数");
    expect(problems(withRules([{ ...base, outcomes: ["a", "a"] }]))[0]).toContain("处理结果");
    expect(problems(withRules([{ ...base, title: "" }]))[0]).toContain("缺少名称");
  });
});

describe("rules follow key renames in the designer", () => {
  it("date paths, absolute and row-relative conditions are rewritten", async () => {
    const { fromContent } = await import("../template-model/from-content");
    const { toContent } = await import("../template-model/to-content");
    const { renameKey } = await import("../template-model/rename-key");
    let model = fromContent(archive);
    model = renameKey(model, "payments.status", "payStatus");
    model = renameKey(model, "status.state", "policyState");
    model = renameKey(model, "policy", "contract");
    const rules = toContent(model).reminders!;
    expect(rules.find((r) => r.id === "premium")).toMatchObject({ date: "payments.date", when: [{ field: "payStatus" }] });
    expect(rules.find((r) => r.id === "renewal")).toMatchObject({ date: "contract.endDate", when: [{ field: "/status/policyState" }] });
    const c = toContent(model);
    expect(checkReminders(c, listFields(c.schema, c.uiSchema))).toEqual([]);
  });
});

describe("versions published before reminders existed", () => {
  it("a shipped template's older version gets the shipped rules; an explicit [] stays empty; other templates none", async () => {
    const { templateReminders } = await import("../templates/template-reminders");
    const { reminders: _, ...older } = archive;
    expect(templateReminders("customer-archive", older).map((r) => r.id)).toEqual(["renewal", "expired", "premium", "follow-up", "claim"]);
    expect(templateReminders("customer-archive", { ...older, reminders: [] })).toEqual([]);
    expect(templateReminders("auto-clone", older)).toEqual([]);
  });
});

describe("version diffs name reminder rule changes", () => {
  it("added, changed and deleted rules", async () => {
    const { diffContents } = await import("../template-model/diff-content");
    const rules = archive.reminders!;
    const after: TemplateContent = { ...archive, reminders: [{ ...rules[0], offsets: [-30] }, ...rules.slice(2), { ...rules[1], id: "expired-2", title: "过期提醒" }] };
    const messages = diffContents(archive, after).map((d) => d.message);
    expect(messages).toEqual(expect.arrayContaining(["修改了提醒规则“续保提醒”", "新增提醒规则“过期提醒”", "删除了提醒规则“已过期未续保”"]));
    expect(diffContents(archive, archive)).toEqual([]);
  });
});
