import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import { listFields } from "../schema/fields";
import type { JsonSchema, UiSchema } from "../schema/types";
import { convertRow } from "./convert-cells";
import { refuseOrphan } from "./grouping-reasons";
import { importTargets } from "./targets";

const targets = importTargets(listFields(archive.schema as unknown as JsonSchema, archive.uiSchema as UiSchema));
const target = (p: string) => targets.find((t) => t.path === p)!;

describe("refuseOrphan", () => {
  it("refuses a beneficiary-only row as an orphan: the 法定受益人 = 否 its cells imply is no cell of the row", () => {
    // 客户姓名, 保单号, 受益人姓名, 受益人身份证号码, 受益比例 — no column for 法定受益人.
    const columns = [target("basic.name"), target("policy.policyNo"), target("beneficiary.list.name"), target("beneficiary.list.idNumber"), target("beneficiary.list.share")];
    const titles = ["客户姓名", "保单号", "受益人姓名", "受益人身份证号码", "受益比例"];
    const cells = [null, null, "王五", "110101199003077777", "100"];
    const row = convertRow({ row: 5, cells }, columns, "zh");
    // The switch is still implied for the row (a record row's beneficiary turns it on).
    expect(row.fields.get("beneficiary.isLegal")).toBe(false);
    const outcome = refuseOrphan({ key: null, rows: [row], cells: new Map([[5, cells]]), rowsBefore: 0 }, { columns, keyTarget: target("policy.policyNo"), titles, locale: "zh" });
    // Before the fix: null (the row read as a record row, then refused as 缺少保单号).
    expect(outcome?.rows).toEqual([{ row: 5, verdict: "reject", column: 1, reason: expect.stringMatching(/^这一行只有明细（受益人姓名、受益人身份证号码、受益比例），没有所属的记录/) }]);
  });
});
