import { describe, expect, it } from "vitest";
import { schema } from "@/tests/support/default-template";
import { maskData, maskValue } from "./mask";

describe("maskValue", () => {
  it("keeps the first and last four characters of an ID number", () => {
    expect(maskValue("idNumber", "11010519491231002X")).toBe("1101**********002X");
    expect(maskValue("idNumber", "12345678")).toBe("********");
  });

  it("keeps the first three and last four digits of a phone number", () => {
    expect(maskValue("phone", "13800138000")).toBe("138****8000");
    expect(maskValue("phone", "010-12345678")).toBe("010*****5678");
    expect(maskValue("phone", "1234567")).toBe("*******");
  });

  it("keeps the first letter and the domain of an email", () => {
    expect(maskValue("email", "wang@example.com")).toBe("w***@example.com");
    expect(maskValue("email", "no-at-sign")).toBe("**********");
  });

  it("keeps the surname of a name", () => {
    expect(maskValue("name", "王小明")).toBe("王**");
    expect(maskValue("name", "欧阳娜娜")).toBe("欧***");
    expect(maskValue("name", "王")).toBe("王");
  });

  it("keeps the start of an address", () => {
    expect(maskValue("address", "北京市朝阳区建国路88号院3号楼")).toBe("北京市朝阳区******");
    expect(maskValue("address", "上海市")).toBe("上海市*");
  });

  it("hides other text entirely", () => {
    expect(maskValue("text", "秘密")).toBe("**");
    expect(maskValue("text", "a very long secret")).toBe("******");
  });

  it("leaves empty values alone", () => {
    expect(maskValue("idNumber", "")).toBe("");
    expect(maskValue("phone", undefined)).toBeUndefined();
    expect(maskValue("text", null)).toBeNull();
  });

  it("hides numbers, yes/no and lists marked as personal data too", () => {
    expect(maskValue("text", 1250000)).toBe("******");
    expect(maskValue("name", 42)).toBe("******");
    expect(maskValue("text", false)).toBe("******");
    expect(maskValue("text", ["糖尿病", "高血压"])).toEqual(["***", "***"]);
    expect(maskValue("phone", { home: "13800138000" })).toEqual({ home: "138****8000" });
  });
});

describe("maskData", () => {
  it("masks every x-pii value, in sections and table rows, and nothing else", () => {
    const data = {
      basic: { name: "王小明", idNumber: "11010519491231002X", mobile: "13800138000", email: "wang@example.com", gender: "女" },
      policyholder: { relation: "配偶", name: "李娟", contact: "010-12345678" },
      beneficiary: { isLegal: false, list: [{ name: "王一", idNumber: "31010419800101123X", share: 100 }] },
      policy: { policyNo: "0086001" },
      extra: "kept",
    };
    expect(maskData(schema, data)).toEqual({
      basic: { name: "王**", idNumber: "1101**********002X", mobile: "138****8000", email: "w***@example.com", gender: "女" },
      policyholder: { relation: "配偶", name: "李*", contact: "010*****5678" },
      beneficiary: { isLegal: false, list: [{ name: "王*", idNumber: "3101**********123X", share: 100 }] },
      policy: { policyNo: "0086001" },
      extra: "kept",
    });
    expect(data.basic.idNumber).toBe("11010519491231002X");
  });
});
