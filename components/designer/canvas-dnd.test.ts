import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import { fromContent } from "@/lib/template-model/from-content";
import { getField } from "@/lib/template-model/model-paths";
import type { TemplateContent } from "@/lib/schema/types";
import { applyDrop, dragId, dragLevel, parseDragId, resolveDrop } from "./canvas-dnd";

const model = () => fromContent({ schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent);
const keys = (m: ReturnType<typeof model>, holder: string) => (holder ? getField(m, holder)!.children! : m.sections).map((f) => f.key);
const never = () => false;

describe("drag ids", () => {
  it("round-trip fields, zones and palette items (dotted paths included)", () => {
    for (const ref of [{ type: "field", path: "beneficiary.list.name" }, { type: "zone", path: "" }, { type: "palette", kind: "select" }] as const)
      expect(parseDragId(dragId(ref))).toEqual(ref);
    expect(parseDragId("other")).toBeNull();
  });

  it("keeps root cards among root cards", () => {
    const m = model();
    expect(dragLevel(m, { type: "field", path: "policy" })).toBe("root");
    expect(dragLevel(m, { type: "field", path: "policy.premium" })).toBe("inner");
    expect(dragLevel(m, { type: "palette", kind: "section" })).toBe("root");
    expect(dragLevel(m, { type: "palette", kind: "table" })).toBe("inner");
  });
});

describe("resolveDrop", () => {
  it("drops before or after a row, or at the end of a zone", () => {
    const m = model();
    expect(resolveDrop(m, "text", { type: "field", path: "basic.gender" })).toEqual({ holderPath: "basic", index: 3 });
    expect(resolveDrop(m, "text", { type: "field", path: "basic.gender", after: true })).toEqual({ holderPath: "basic", index: 4 });
    expect(resolveDrop(m, "text", { type: "zone", path: "policy" })).toEqual({ holderPath: "policy", index: 9 });
  });

  it("climbs out of holders that cannot take the kind", () => {
    const m = model();
    // A table dropped on a table column lands after that table, in its section.
    expect(resolveDrop(m, "table", { type: "field", path: "beneficiary.list.name" })).toEqual({ holderPath: "beneficiary", index: 2 });
    // A section dropped inside a section lands after it at the root.
    expect(resolveDrop(m, "section", { type: "field", path: "basic.gender" })).toEqual({ holderPath: "", index: 1 });
    // A value field cannot go to the root.
    expect(resolveDrop(m, "text", { type: "zone", path: "" })).toBeNull();
  });
});

describe("applyDrop", () => {
  it("reorders within a holder whichever way it moves", () => {
    const down = applyDrop(model(), "basic.customerNo", { holderPath: "basic", index: 3 }, never);
    expect("model" in down && keys(down.model, "basic").slice(0, 3)).toEqual(["name", "idNumber", "customerNo"]);
    const up = applyDrop(model(), "basic.gender", { holderPath: "basic", index: 0 }, never);
    expect("model" in up && keys(up.model, "basic")[0]).toBe("gender");
  });

  it("moves an unpublished field to another section and refuses a published one", () => {
    const moved = applyDrop(model(), "basic.gender", { holderPath: "policy", index: 0 }, never);
    expect("model" in moved && moved.path).toBe("policy.gender");
    expect(applyDrop(model(), "basic.gender", { holderPath: "policy", index: 0 }, () => true)).toEqual({ refused: "published" });
  });

  it("refuses a drop into the field itself", () => {
    expect(applyDrop(model(), "beneficiary", { holderPath: "beneficiary.list", index: 0 }, never)).toEqual({ refused: "intoItself" });
  });
});
