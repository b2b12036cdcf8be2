import { describe, expect, it } from "vitest";
import { regexError } from "./regex-message";

describe("regexError", () => {
  it("accepts valid patterns, including unicode ones", () => {
    expect(regexError("^[\\u4e00-\\u9fa5·]{2,20}$")).toBeNull();
    expect(regexError("^\\p{Script=Han}+$")).toBeNull();
  });

  it("explains the usual mistakes in Chinese", () => {
    expect(regexError("[a-")).toBe("方括号 [ ] 没有闭合");
    expect(regexError("(ab")).toBe("圆括号 ( ) 没有闭合");
    expect(regexError("ab)")).toBe("多了一个右括号 )");
    expect(regexError("*a")).toBe("量词 * + ? 前面缺少要重复的内容");
    expect(regexError("a{3,1}")).toBe("花括号量词的最小次数大于最大次数");
    expect(regexError("[b-a]")).toBe("方括号中的范围前后颠倒（如 z-a）");
    expect(regexError("\\")).toBe("末尾的反斜杠 \\ 后面缺少字符");
    expect(regexError("\\q")).toBe("无效的转义（反斜杠 \\ 的用法不对）");
  });
});
