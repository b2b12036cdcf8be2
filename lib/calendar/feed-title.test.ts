import { describe, expect, it } from "vitest";
import { feedTitle } from "./feed-title";

describe("a record title in the calendar feed", () => {
  it("keeps names and short codes, drops anything carrying an ID or phone number", () => {
    expect(feedTitle("张三")).toBe("张三");
    expect(feedTitle("C-0012")).toBe("C-0012");
    expect(feedTitle("11010519491231002X")).toBe("");
    expect(feedTitle("138 0013 8000")).toBe("");
    expect(feedTitle("张三 139-1234-5678")).toBe("");
  });
});
