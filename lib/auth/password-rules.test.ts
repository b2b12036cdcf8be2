import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-rules";

describe("passwordProblem", () => {
  it("accepts 8+ characters with letters and digits", () => {
    expect(passwordProblem("Passw0rd")).toBeNull();
    expect(passwordProblem("abc12345")).toBeNull();
  });
  it("names what is wrong", () => {
    expect(passwordProblem("Ab1")).toBe("密码至少 8 位");
    expect(passwordProblem("abcdefgh")).toBe("密码需同时包含字母和数字");
    expect(passwordProblem("12345678")).toBe("密码需同时包含字母和数字");
    expect(passwordProblem(`a1${"x".repeat(127)}`)).toBe("密码最多 128 位");
  });
});
