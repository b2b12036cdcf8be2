import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "../schema/types";
import { dependentsOf, isHidden } from "./dependents";
import { fromContent } from "./from-content";
import { removeField } from "./model-paths";

const archiveModel = () => fromContent({ schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent);

describe("dependentsOf", () => {
  it("names what hiding 客户基础信息 breaks: required fields, the record title, list columns", () => {
    const deps = dependentsOf(archiveModel(), "basic");
    expect(deps.filter((d) => d.kind === "required").map((d) => d.label)).toEqual(["客户基础信息", "客户基础信息 › 客户姓名", "客户基础信息 › 身份证号码"]);
    expect(deps.filter((d) => d.kind === "title").map((d) => d.path)).toEqual(["basic.name"]);
    expect(deps.filter((d) => d.kind === "column").map((d) => d.path)).toEqual(["basic.customerNo", "basic.name", "basic.mobile", "basic.idNumber"]);
  });

  it("names the fields whose display condition reads the removed field", () => {
    const deps = dependentsOf(archiveModel(), "beneficiary.isLegal");
    expect(deps).toContainEqual({ kind: "condition", path: "beneficiary.list", label: "受益人信息 › 指定受益人" });
  });

  it("is empty for a field nothing depends on, so the designer removes it without asking", () => {
    expect(dependentsOf(archiveModel(), "notes.remarks")).toEqual([]);
  });

  it("knows a field inside a hidden section is hidden", () => {
    const m = removeField(archiveModel(), "basic");
    expect(isHidden(m, "basic.name")).toBe(true);
    expect(isHidden(m, "policy.policyNo")).toBe(false);
  });
});
