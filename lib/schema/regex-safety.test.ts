import { describe, expect, it } from "vitest";
import { catastrophicPart } from "./regex-safety";

describe("catastrophicPart", () => {
  it("finds nested variable repetition", () => {
    expect(catastrophicPart("^(a+)+$")).toBe("(a+)+");
    expect(catastrophicPart("^(\\w+\\s?)*$")).toBe("(\\w+\\s?)*");
    expect(catastrophicPart("(.*a){20}")).toBe("(.*a){20}");
    expect(catastrophicPart("^([a-z0-9]+[-._]?)*@")).toBe("([a-z0-9]+[-._]?)*");
    expect(catastrophicPart("(a*)*b")).toBe("(a*)*");
    expect(catastrophicPart("^(\\d+|[a-z]+)*$")).toBe("(\\d+|[a-z]+)*");
    expect(catastrophicPart("^(?<w>\\p{L}+ ?)+$")).toBe("(?<w>\\p{L}+ ?)+");
    expect(catastrophicPart("^x(?:(a?){2,})$")).toBe("(a?){2,}");
    // Overlapping alternatives: each repetition may take either branch.
    expect(catastrophicPart("^(a|a)*$")).toBe("(a|a)*");
    expect(catastrophicPart("^(a|aa)+$")).toBe("(a|aa)+");
    expect(catastrophicPart("^(?:\\d|\\w)+x$")).toBe("(?:\\d|\\w)+");
    expect(catastrophicPart("^(x?a|a)*$")).toBe("(x?a|a)*");
  });

  it("passes the patterns people write for plates, policy numbers and names", () => {
    for (const ok of [
      "^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$",
      "^[^@]+@[^@]+$",
      "^\\d{6}$",
      "^\\d{3}-\\d{8}|\\d{4}-\\d{7}$",
      "^(\\d+)?$",
      "^(\\d{3})+$",
      "^(?<year>\\d{4})-\\k<year>$",
      "^[\\u4e00-\\u9fa5·]{2,20}$",
      "^\\w+(\\s\\w+)*$",
      "^[A-Za-z0-9]+(?:\\s[A-Za-z0-9]+)*$",
      "^([A-Z]{2,3}\\d)+$",
      "^(?:[a-z]+\\s+)*$",
      "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$",
      "^(0\\d{2,3}-?)?\\d{7,8}$",
      "\\p{Script=Han}+",
      "a.*b.*c",
      "^(a|b)*$",
      "^(?:[a-z]|-)*$",
      "^([0-9]{3}|[A-Z]{2})+$",
    ])
      expect(catastrophicPart(ok), ok).toBeNull();
  });

  it("leaves patterns it cannot read to the validity check", () => {
    expect(catastrophicPart("[a-")).toBeNull();
  });

  it("is right about what it finds: the flagged patterns really explode, the delimited ones do not", () => {
    const time = (pattern: string, input: string) => {
      const t = performance.now();
      new RegExp(pattern, "u").test(input);
      return performance.now() - t;
    };
    expect(time("^(\\w+\\s?)*$", `${"a".repeat(18)}!`)).toBeGreaterThan(time("^\\w+(\\s\\w+)*$", `${"a".repeat(5000)}!`));
  });
});
