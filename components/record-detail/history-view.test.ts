import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { describeChange, historyActionKey, historyActionLabel, historyActionTone, uiAt } from "./history-view";

const schema = archive.schema as unknown as JsonSchema;
const uiSchema = archive.uiSchema as UiSchema;
const labels = { create: "创建", update: "修改", delete: "删除", restore: "恢复", reveal: "查看个人信息", migrate: "迁移", reminder: "处理提醒", verify: "核对通过", return: "退回", selfFillCreate: "生成自填链接", selfFillOpen: "客户打开自填链接", selfFillSubmit: "客户自填提交", selfFillRevoke: "撤销自填链接", selfFillReject: "拒绝客户提交", transfer: "转移" };

describe("describeChange", () => {
  it("formats values by the kind of the field at the pointer", () => {
    const c = describeChange({ schema, uiSchema, change: { path: "/policy/premium", label: "保费", before: 1200, after: 1500.5 } });
    expect(c).toMatchObject({ kind: "money", label: "保单信息 › 保费", before: "¥1,200.00", after: "¥1,500.50", type: "changed" });
  });

  it("labels rows inside tables and formats percentages", () => {
    const c = describeChange({ schema, change: { path: "/beneficiary/list/1/share", label: "x", before: 40, after: 50 } });
    expect(c.label).toBe("受益人信息 › 指定受益人 第 2 行 › 受益比例");
    expect([c.before, c.after]).toEqual(["40%", "50%"]);
  });

  it("tells added from removed values", () => {
    expect(describeChange({ schema, change: { path: "/basic/email", label: "电子邮箱", after: "a@b.cn" } }).type).toBe("added");
    expect(describeChange({ schema, change: { path: "/payments/0/amount", label: "缴费金额", before: 300 } })).toMatchObject({ type: "removed", before: "¥300.00", after: "" });
  });

  it("shows booleans in words and keeps enum options for badges", () => {
    const b = describeChange({ schema, change: { path: "/communications/0/needFollowUp", label: "", before: false, after: true }, locale: "en" });
    expect([b.before, b.after]).toEqual(["No", "Yes"]);
    const s = describeChange({ schema, change: { path: "/status/state", label: "保单状态", before: "待生效", after: "生效" } });
    expect(s.kind).toBe("select");
    expect(s.options).toContain("生效");
  });

  it("keeps the recorded label for a path the template no longer has", () => {
    const c = describeChange({ schema, change: { path: "/basic/occupation", label: "客户基础信息 › 职业", before: "教师", after: "医生" } });
    expect(c).toMatchObject({ label: "客户基础信息 › 职业", kind: undefined, before: "教师", after: "医生" });
  });

  it("uses the uiSchema for textarea fields", () => {
    expect(uiAt(uiSchema, ["communications", 0, "content"])).toEqual({ "ui:widget": "textarea", "ui:options": { rows: 2 } });
    expect(describeChange({ schema, uiSchema, change: { path: "/notes/remarks", label: "", after: "x" } }).kind).toBe("textarea");
  });
});

describe("history actions", () => {
  it("maps audit actions to labels and tones", () => {
    expect(historyActionKey("record.reveal")).toBe("reveal");
    expect(historyActionLabel("record.migrate", labels)).toBe("迁移");
    expect(historyActionLabel("record.update", labels)).toBe("修改");
    expect(historyActionLabel("record.verify", labels)).toBe("核对通过");
    expect(historyActionLabel("record.return", labels)).toBe("退回");
    expect(historyActionLabel("record.transfer", labels)).toBe("转移");
    expect(historyActionLabel("record.frobnicate", labels)).toBe("record.frobnicate");
    expect(historyActionLabel("selfFill.submit", labels)).toBe("客户自填提交");
    expect(historyActionKey("selfFill.__proto__")).toBeNull();
    expect(historyActionTone("record.delete")).toBe("red");
    expect(historyActionTone("something")).toBe("neutral");
  });
});
