import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "../schema/types";
import { checkModel } from "./check-model";
import { diffContents } from "./diff-content";
import { fromContent } from "./from-content";
import { designerModelInput } from "./model-input";
import { deleteField, getField, updateField } from "./model-paths";
import { renameKey } from "./rename-key";
import { toContent } from "./to-content";

const archiveContent = { schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent;
const payments = (c: TemplateContent) => c.schema.properties!.payments as Record<string, unknown>;

describe("a table's row key in the designer (x-rowKey)", () => {
  it("reads the shipped archive's keys into the model and writes them back where they were", () => {
    const model = fromContent(archiveContent);
    expect(getField(model, "payments")?.rowKey).toEqual(["date"]);
    expect(getField(model, "communications")?.rowKey).toEqual(["date", "method"]);
    expect(getField(model, "beneficiary.list")?.rowKey).toEqual(["idNumber"]);
    expect(getField(model, "payments")?.extras.schema).not.toHaveProperty("x-rowKey");
    expect(toContent(model).schema).toEqual(archiveContent.schema);
    expect(designerModelInput.safeParse(model).success).toBe(true);
  });

  it("an admin's choice is written to the table; none keeps whole-row matching", () => {
    const model = updateField(fromContent(archiveContent), "claims", (f) => ({ ...f, rowKey: ["applyDate", "reason"] }));
    expect((toContent(model).schema.properties!.claims as Record<string, unknown>)["x-rowKey"]).toEqual(["applyDate", "reason"]);
    const none = updateField(model, "payments", (f) => ({ ...f, rowKey: undefined }));
    expect(payments(toContent(none))).not.toHaveProperty("x-rowKey");
    // Publishing says so, by the columns' labels.
    expect(diffContents(archiveContent, toContent(model)).map((d) => d.message)).toEqual(["“理赔记录”的行键（导入时识别同一行）：理赔申请日期 → 理赔申请日期、理赔原因"]);
  });

  it("follows a renamed column, drops a deleted one, and refuses a key that is no column", () => {
    const model = fromContent(archiveContent);
    expect(payments(toContent(renameKey(model, "payments.date", "paidOn")))["x-rowKey"]).toEqual(["paidOn"]);
    expect(getField(deleteField(model, "communications.method"), "communications")?.rowKey).toEqual(["date"]);
    expect(getField(deleteField(model, "payments.date"), "payments")?.rowKey).toBeUndefined();
    const wrong = updateField(model, "payments", (f) => ({ ...f, rowKey: ["date", "nope"] }));
    expect(checkModel(wrong).filter((p) => p.property === "rowKey")).toEqual([{ path: "payments", property: "rowKey", message: "“缴费记录”的行键列“nope”不是这个子表格中填写值的列" }]);
  });
});
