import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import { fromContent } from "@/lib/template-model/from-content";
import { getField } from "@/lib/template-model/model-paths";
import type { TemplateContent } from "@/lib/schema/types";
import { buildRule, conditionTargets, defaultRule, ruleParts, ruleTargetPath, valueInput, valuesFor } from "./condition-model";

const model = () => fromContent({ schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent);

describe("conditionTargets", () => {
  it("offers siblings by key and other sections' fields from the root, never table columns or itself", () => {
    const targets = conditionTargets(model(), "policyholder.name");
    const byPath = new Map(targets.map((t) => [t.path, t]));
    expect(byPath.get("policyholder.relation")).toMatchObject({ ref: "relation", label: "投保人信息 › 与被保险人关系" });
    expect(byPath.get("basic.gender")?.ref).toBe("/basic/gender");
    expect(byPath.has("policyholder.name")).toBe(false);
    expect([...byPath.keys()].some((p) => p.startsWith("payments."))).toBe(false);
    expect([...byPath.values()].some((t) => t.field.kind === "section" || t.field.kind === "table")).toBe(false);
  });

  it("lets a table column depend on a column of the same row", () => {
    const refs = conditionTargets(model(), "communications.followUpItem").map((t) => t.ref);
    expect(refs).toContain("needFollowUp");
  });
});

describe("rules", () => {
  it("reads and builds each operator", () => {
    const rule = getField(model(), "policyholder.name")!.visibleWhen!;
    expect(ruleTargetPath("policyholder.name", rule)).toBe("policyholder.relation");
    expect(ruleParts(rule)).toEqual({ op: "notIn", values: ["本人"] });
    expect(ruleParts({ field: "x", equals: false })).toEqual({ op: "equals", values: [false] });
    expect(buildRule("/basic/gender", "equals", ["男"])).toEqual({ field: "/basic/gender", equals: "男" });
    expect(buildRule("relation", "in", ["配偶", "子女"])).toEqual({ field: "relation", in: ["配偶", "子女"] });
  });

  it("picks values from the target's choices, 是/否, a number or text", () => {
    const m = model();
    expect(valueInput(getField(m, "beneficiary.isLegal"))).toEqual({ type: "choices", options: [true, false] });
    expect(valueInput(getField(m, "basic.gender"))).toEqual({ type: "choices", options: ["男", "女"] });
    expect(valueInput(getField(m, "policy.premium")).type).toBe("number");
    expect(valueInput(getField(m, "basic.name")).type).toBe("text");
    expect(valuesFor({ type: "choices", options: ["男", "女"] }, ["男", "其他"])).toEqual(["男"]);
    expect(valuesFor({ type: "number" }, ["1", 2])).toEqual([2]);
  });
});

describe("defaultRule", () => {
  it("starts from the nearest field above with choices and its first value, so the rule is complete", () => {
    const m = model();
    // 法定受益人 (是/否) sits right above the beneficiary table.
    expect(defaultRule(m, "beneficiary.list", conditionTargets(m, "beneficiary.list"))).toEqual({ field: "isLegal", equals: true });
    // Above 投保人姓名 the nearest choice field is 与被保险人关系, a sibling.
    expect(defaultRule(m, "policyholder.name", conditionTargets(m, "policyholder.name"))).toEqual({ field: "relation", equals: "本人" });
    // The first field of the template has nothing above it: the first target, still to be given a value.
    const first = defaultRule(m, "basic.customerNo", conditionTargets(m, "basic.customerNo"));
    expect(first?.field).toBe("name");
    expect(defaultRule(m, "basic.customerNo", [])).toBeUndefined();
  });
});
