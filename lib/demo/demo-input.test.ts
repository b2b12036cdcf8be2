import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { parseInput } from "../validation/parse-input";
import { loadDemoBody } from "./demo-input";
import { DEMO_MAX_COUNT } from "./demo-limits";

describe("loadDemoBody", () => {
  it("defaults to 200 records", () => {
    expect(parseInput(loadDemoBody, {})).toEqual({ count: 200 });
  });

  it("refuses a count out of range in the reader's language, naming the real limit", () => {
    for (const count of [0, 1.5, DEMO_MAX_COUNT + 1]) {
      let caught: unknown;
      try {
        parseInput(loadDemoBody, { count });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(DomainError);
      const zh = (caught as DomainError).localize("zh").message;
      const en = (caught as DomainError).localize("en").message;
      expect(zh).toContain(String(DEMO_MAX_COUNT));
      expect(en).toContain(String(DEMO_MAX_COUNT));
      expect(en).not.toMatch(/[\p{Script=Han}]/u);
    }
  });
});
