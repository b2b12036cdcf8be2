import { describe, expect, it } from "vitest";
import { suggestPii } from "./suggest-pii";

describe("suggestPii", () => {
  it("proposes the masking that fits the label's words", () => {
    expect(suggestPii({ kind: "text", label: "被保险人姓名" })).toEqual({ pii: "name", sensitive: false, word: "姓名" });
    expect(suggestPii({ kind: "text", label: "证件号码" })).toEqual({ pii: "idNumber", sensitive: false, word: "证件" });
    expect(suggestPii({ kind: "text", label: "紧急联系电话" })).toMatchObject({ pii: "phone" });
    expect(suggestPii({ kind: "textarea", label: "家庭住址" })).toMatchObject({ pii: "address" });
  });

  it("marks health and bank data as sensitive (PIPL)", () => {
    expect(suggestPii({ kind: "textarea", label: "既往病史" })).toEqual({ pii: "text", sensitive: true, word: "病史" });
    expect(suggestPii({ kind: "select", label: "健康状况" })).toEqual({ pii: "text", sensitive: true, word: "健康" });
    expect(suggestPii({ kind: "text", label: "银行卡号" })).toMatchObject({ pii: "text", sensitive: true });
  });

  it("proposes by kind when the label says nothing, the kind's own masking when both speak", () => {
    expect(suggestPii({ kind: "mobile", label: "号码" })).toEqual({ pii: "phone", sensitive: false });
    expect(suggestPii({ kind: "idNumber", label: "证件号" })).toMatchObject({ pii: "idNumber" });
    expect(suggestPii({ kind: "email", label: "邮箱" })).toMatchObject({ pii: "email" });
  });

  it("stays quiet for marked fields, containers, numbers and ordinary labels", () => {
    expect(suggestPii({ kind: "text", label: "客户姓名", pii: "name" })).toBeNull();
    expect(suggestPii({ kind: "section", label: "健康告知" })).toBeNull();
    expect(suggestPii({ kind: "money", label: "年收入" })).toBeNull();
    expect(suggestPii({ kind: "text", label: "保单号" })).toBeNull();
    expect(suggestPii({ kind: "date", label: "体检日期" })).toBeNull();
  });
});
