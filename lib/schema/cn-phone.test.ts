import { describe, expect, it } from "vitest";
import { isMobile, isPhone } from "./cn-phone";

describe("isMobile", () => {
  it.each(["13800138000", "13912345678", "15012345678", "17712345678", "18612345678", "19912345678", "16612345678"])("accepts %s", (v) => {
    expect(isMobile(v)).toBe(true);
  });

  it.each([
    ["12 digits", "138001380001"],
    ["10 digits", "1380013800"],
    ["second digit 2", "12800138000"],
    ["second digit 0", "10800138000"],
    ["second digit 1", "11800138000"],
    ["not starting with 1", "23800138000"],
    ["letters", "1380013800a"],
    ["dashes", "138-0013-8000"],
    ["spaces", "138 0013 8000"],
    ["country code", "+8613800138000"],
    ["empty", ""],
  ])("rejects %s (%s)", (_why, v) => {
    expect(isMobile(v)).toBe(false);
  });
});

describe("isPhone", () => {
  it.each([
    ["mobile", "13800138000"],
    ["Beijing landline with dash", "010-12345678"],
    ["Beijing landline without dash", "01012345678"],
    ["4-digit area code with dash", "0755-1234567"],
    ["4-digit area code without dash", "07551234567"],
    ["extension", "010-12345678-123"],
    ["long extension", "0755-12345678-123456"],
  ])("accepts a %s (%s)", (_why, v) => {
    expect(isPhone(v)).toBe(true);
  });

  it.each([
    ["no area code", "12345678"],
    ["area code not starting with 0", "110-12345678"],
    ["too short a number", "010-123456"],
    ["too long a number", "010-123456789"],
    ["extension too long", "010-12345678-1234567"],
    ["letters", "010-1234567a"],
    ["bad mobile", "12800138000"],
    ["empty", ""],
  ])("rejects %s (%s)", (_why, v) => {
    expect(isPhone(v)).toBe(false);
  });
});
