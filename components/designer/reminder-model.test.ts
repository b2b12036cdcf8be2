import { describe, expect, it } from "vitest";
import { contentOf, shippedTemplates } from "@/lib/templates/shipped";

const archive = contentOf(shippedTemplates[0]);

describe("the designer's reminder panel helpers", () => {
  it("offer date fields with their tables, and conditions a rule can test", async () => {
    const { fromContent } = await import("@/lib/template-model/from-content");
    const { conditionChoices, dateChoices, parseDays } = await import("./reminder-model");
    const model = fromContent(archive);
    expect(dateChoices(model).map((d) => [d.path, d.table])).toContainEqual(["payments.date", "payments"]);
    const refs = conditionChoices(model, "payments.date").map((c) => c.ref);
    expect(refs).toContain("status");
    expect(refs).toContain("/status/state");
    expect(refs).not.toContain("/claims/status");
    expect(conditionChoices(model, "policy.endDate").map((c) => c.ref)).not.toContain("status");
    expect(parseDays("-90, -60，-30 -7")).toEqual([-90, -60, -30, -7]);
    expect(parseDays("-9x")).toBeNull();
  });
});
