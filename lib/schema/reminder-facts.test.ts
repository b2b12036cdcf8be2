import { describe, expect, it } from "vitest";
import { contentOf, shippedTemplates } from "../templates/shipped";
import { listFields } from "./fields";
import { factsKey, reminderFacts, staleFacts, tableRules } from "./reminder-facts";
import { isResolved, resolveReminderRule, type ResolvedRule } from "./reminder-rules";
import type { ReminderRule } from "./types";

const archive = contentOf(shippedTemplates[0]);
const fields = listFields(archive.schema, archive.uiSchema);
const resolve = (rules: ReminderRule[]): ResolvedRule[] => rules.map((r) => resolveReminderRule(r, fields)).filter(isResolved);
const rules = resolve(archive.reminders!);
// Slots follow the order of the table rules: premium r0, follow-up r1, claim r2.
const order = tableRules(rules).map((r) => r.rule.id);

describe("reminder facts", () => {
  it("keep a slot per table rule, in order, and none for top-level dates", () => {
    expect(order).toEqual(["premium", "follow-up", "claim"]);
    expect(reminderFacts(rules, { policy: { endDate: "2026-01-01" }, status: { state: "生效" } })).toEqual({ key: factsKey(rules), r: { r0: null, r1: null, r2: null } });
  });

  it("are the earliest and latest date among the rows whose conditions hold", () => {
    const data = {
      payments: [
        { date: "2026-03-01", status: "未缴费" },
        { date: "2025-01-01", status: "已缴费" }, // paid: not counted
        { date: "2026-01-15", status: "逾期" },
        { date: "2027-05-01", status: "未缴费" },
      ],
      communications: [
        { followUpDate: "2026-02-02", needFollowUp: true },
        { followUpDate: "2026-01-01", needFollowUp: false },
      ],
      claims: [{ applyDate: "2026-04-04", status: "审核通过" }],
    };
    expect(reminderFacts(rules, data).r).toEqual({ r0: { min: "2026-01-15", max: "2027-05-01" }, r1: { min: "2026-02-02", max: "2026-02-02" }, r2: null });
  });

  it("ignore empty, invalid and mistyped dates, rows that are not objects and tables that are not lists", () => {
    const data = {
      payments: [null, "x", 3, { date: "", status: "未缴费" }, { date: "2026-02-30", status: "未缴费" }, { date: 20260101, status: "未缴费" }, { status: "未缴费" }, { date: "2026/01/01", status: "未缴费" }, { date: "2026-06-01", status: "未缴费" }],
      communications: { followUpDate: "2026-01-01", needFollowUp: true },
      claims: "none",
    };
    expect(reminderFacts(rules, data).r).toEqual({ r0: { min: "2026-06-01", max: "2026-06-01" }, r1: null, r2: null });
    for (const odd of [null, undefined, 7, "text", [], {}]) expect(reminderFacts(rules, odd).r).toEqual({ r0: null, r1: null, r2: null });
  });

  it("with no rows (or none passing) hold null for the rule: every slot is there, so a value moving to another slot changes the document", () => {
    expect(reminderFacts(rules, { payments: [], communications: [], claims: [] }).r).toEqual({ r0: null, r1: null, r2: null });
    expect(reminderFacts(rules, { payments: [{ date: "2026-01-01", status: "已缴费" }] }).r).toEqual({ r0: null, r1: null, r2: null });
  });

  it("apply a condition on the record as well as the row's", () => {
    const premium = archive.reminders!.find((r) => r.id === "premium")!;
    const scoped = resolve([{ ...premium, when: [...(premium.when ?? []), { field: "/status/state", equals: "生效" }] }]);
    const data = (state: string) => ({ status: { state }, payments: [{ date: "2026-01-01", status: "未缴费" }] });
    expect(reminderFacts(scoped, data("生效")).r).toEqual({ r0: { min: "2026-01-01", max: "2026-01-01" } });
    expect(reminderFacts(scoped, data("已退保")).r).toEqual({ r0: null });
  });

  it("have a key that changes with what decides the rows (conditions, column, order) but not with offsets or titles", () => {
    const base = archive.reminders!;
    const key = factsKey(rules);
    expect(key).toMatch(/^f1-[a-z0-9]+$/);
    expect(factsKey(resolve(base.map((r) => (r.id === "premium" ? { ...r, offsets: [-30], title: "交费", outcomes: ["好"] } : r))))).toBe(key);
    expect(factsKey(resolve(base.map((r) => (r.id === "premium" ? { ...r, when: [{ field: "status", equals: "未缴费" }] } : r))))).not.toBe(key);
    expect(factsKey(resolve(base.filter((r) => r.id !== "premium")))).not.toBe(key);
    expect(factsKey(resolve([...base].reverse()))).not.toBe(key);
    // Only the table rules count.
    expect(factsKey(resolve(base.filter((r) => r.id !== "renewal")))).toBe(key);
  });

  it("find stale records by three disjoint conditions around the current key", () => {
    expect(staleFacts("f1-abc")).toEqual([{ "facts.key": null }, { "facts.key": { $lt: "f1-abc" } }, { "facts.key": { $gt: "f1-abc" } }]);
  });
});
