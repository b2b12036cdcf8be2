import { describe, expect, it } from "vitest";
import { detectDelimiter } from "./detect-delimiter";

describe("detecting a CSV's separator", () => {
  it("tells comma, semicolon and tab apart", () => {
    expect(detectDelimiter("客户姓名,保单号,地址\r\n张三,P1,北京\r\n")).toBe(",");
    expect(detectDelimiter("客户姓名;保单号;地址\r\n张三;P1;北京,朝阳\r\n")).toBe(";");
    expect(detectDelimiter("客户姓名\t保单号\t地址\r\n张三\tP1\t北京\r\n")).toBe("\t");
  });

  it("does not count separators inside quotes, across a line break in a cell too", () => {
    expect(detectDelimiter('客户姓名;沟通内容\n张三;"电话,微信,\n邮件,短信,上门"\n')).toBe(";");
    expect(detectDelimiter('姓名,备注\n"李四";"a;b;c;d"\n')).toBe(",");
  });

  it("says comma for one column, or a tie", () => {
    expect(detectDelimiter("保单号\nP1\nP2\n")).toBe(",");
    expect(detectDelimiter("a;b,c\n")).toBe(",");
  });

  it("looks at the first lines only", () => {
    const head = Array.from({ length: 10 }, (_, i) => `P${i},张${i}`).join("\n");
    expect(detectDelimiter(`${head}\n${"x;".repeat(50)}\n`)).toBe(",");
  });
});
