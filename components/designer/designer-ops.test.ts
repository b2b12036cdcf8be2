import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import { fromContent } from "@/lib/template-model/from-content";
import { getField } from "@/lib/template-model/model-paths";
import { blankModel, createField } from "@/lib/template-model/new-field";
import { toContent } from "@/lib/template-model/to-content";
import type { TemplateContent } from "@/lib/schema/types";
import { addFromPalette, canHold, changeKey, insertionPoint, moveAcross, moveStep, nextLabel, relabel } from "./designer-ops";

const model = () => fromContent({ schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent);
const keys = (m: ReturnType<typeof model>, holder: string) => (holder ? getField(m, holder)!.children! : m.sections).map((f) => f.key);

describe("canHold", () => {
  it("keeps sections at the root, tables out of tables and lists out of rows", () => {
    expect(canHold(null, "section")).toBe(true);
    expect(canHold(null, "text")).toBe(false);
    const section = createField({ kind: "section", label: "分组", siblingKeys: [] });
    const table = createField({ kind: "table", label: "表", siblingKeys: [] });
    expect(canHold(section, "table")).toBe(true);
    expect(canHold(section, "section")).toBe(false);
    expect(canHold(table, "text")).toBe(true);
    expect(canHold(table, "multiselect")).toBe(false);
    expect(canHold(table, "table")).toBe(false);
  });
});

describe("insertionPoint and addFromPalette", () => {
  it("puts a value field after the selected field, or at the end of a selected section", () => {
    const m = model();
    expect(insertionPoint(m, "basic.gender", "select")).toEqual({ holderPath: "basic", index: 4 });
    expect(insertionPoint(m, "basic", "select")).toEqual({ holderPath: "basic" });
    expect(insertionPoint(m, "payments.amount", "text")).toEqual({ holderPath: "payments", index: 2 });
    // A multiselect cannot go into a table: it lands after the table, or in the first section.
    expect(insertionPoint(m, "payments.amount", "multiselect")).toEqual({ holderPath: "basic" });
    expect(insertionPoint(m, "beneficiary.list.name", "multiselect")).toEqual({ holderPath: "beneficiary", index: 2 });
    expect(insertionPoint(m, null, "text")).toEqual({ holderPath: "basic" });
  });

  it("puts sections at the root after the selected card", () => {
    expect(insertionPoint(model(), "policy.premium", "section")).toEqual({ holderPath: "", index: 2 });
    expect(insertionPoint(model(), null, "section")).toEqual({ holderPath: "" });
  });

  it("adds a field with a unique label and a key derived from it", () => {
    const first = addFromPalette(model(), { kind: "select", selected: "basic", label: "单选", sectionLabel: "分组", columnLabel: "列" });
    expect(first.path).toBe("basic.danxuan");
    const second = addFromPalette(first.model, { kind: "select", selected: first.path, label: "单选", sectionLabel: "分组", columnLabel: "列" });
    expect(second.path).toBe("basic.danxuan2");
    expect(getField(second.model, second.path)!.label).toBe("单选2");
    expect(keys(second.model, "basic").slice(-2)).toEqual(["danxuan", "danxuan2"]);
  });

  it("creates a section first in an empty template, and tables come with a column", () => {
    const { model: m, path } = addFromPalette(blankModel("空白"), { kind: "text", selected: null, label: "单行文本", sectionLabel: "分组", columnLabel: "列" });
    expect(path).toBe("fenzu.danhangwenben");
    const t = addFromPalette(m, { kind: "table", selected: path, label: "子表格", sectionLabel: "分组", columnLabel: "名称" });
    expect(getField(t.model, t.path)!.children!.map((c) => c.label)).toEqual(["名称"]);
  });
});

describe("relabel", () => {
  it("lets the key of a new field follow its label until it is edited or published", () => {
    const added = addFromPalette(model(), { kind: "select", selected: "basic", label: "单选", sectionLabel: "分组", columnLabel: "列" });
    const r = relabel(added.model, added.path, "职业", false);
    expect(r.path).toBe("basic.zhiye");
    expect(getField(r.model, "basic.zhiye")!.label).toBe("职业");
    // A key the admin typed stays.
    const typed = changeKey(r.model, r.path, "occupation");
    expect(relabel(typed.model, typed.path, "职业（现）", false).path).toBe("basic.occupation");
  });

  it("never changes a published key", () => {
    const r = relabel(model(), "basic.name", "姓名", true);
    expect(r.path).toBe("basic.name");
    expect(getField(r.model, "basic.name")!.label).toBe("姓名");
  });
});

describe("moves", () => {
  it("moves a step within the holder and stops at the ends", () => {
    const m = moveStep(model(), "basic.name", -1)!;
    expect(keys(m, "basic").slice(0, 2)).toEqual(["name", "customerNo"]);
    expect(moveStep(model(), "basic.customerNo", -1)).toBeNull();
    expect(moveStep(model(), "basic.address", 1)).toBeNull();
  });

  it("moves a field into another section with a free key and its list column", () => {
    let m = model();
    const a = addFromPalette(m, { kind: "text", selected: "policy", label: "客户编号", sectionLabel: "分组", columnLabel: "列" });
    m = a.model;
    expect(a.path).toBe("policy.kehubianhao");
    const moved = moveAcross(m, "basic.customerNo", "policy", 0);
    expect(moved.path).toBe("policy.customerNo");
    expect(keys(moved.model, "policy")[0]).toBe("customerNo");
    expect(moved.model.list.columns).toContain("policy.customerNo");
    expect(moved.model.list.columns).not.toContain("basic.customerNo");
    expect(toContent(moved.model).schema.properties!.basic.properties!.customerNo).toBeUndefined();
  });

  it("takes a field out of the list when it becomes a table column", () => {
    const moved = moveAcross(model(), "basic.mobile", "payments");
    expect(moved.path).toBe("payments.mobile");
    expect(getField(moved.model, moved.path)!.showInList).toBe(false);
    expect(moved.model.list.columns).not.toContain("payments.mobile");
    expect(moved.model.list.columns).not.toContain("basic.mobile");
  });
});

describe("nextLabel", () => {
  it("numbers repeated labels", () => {
    const f = (label: string) => createField({ kind: "text", label, siblingKeys: [] });
    expect(nextLabel([f("单行文本"), f("单行文本2")], "单行文本")).toBe("单行文本3");
    expect(nextLabel([], "单行文本")).toBe("单行文本");
  });
});
