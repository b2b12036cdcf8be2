import { describe, expect, it } from "vitest";
import { ignoreDuplicates } from "./duplicate-inserts";

describe("ignoreDuplicates", () => {
  it("lets duplicates of an unordered insert pass and throws anything else again", () => {
    expect(() => ignoreDuplicates({ code: 11000, writeErrors: [{ code: 11000, index: 0 }, { code: 11000, index: 2 }] })).not.toThrow();
    expect(() => ignoreDuplicates({ code: 11000, writeErrors: { code: 11000, index: 1 } })).not.toThrow();
    // A lost connection carries no writeErrors: the import's inline check took every() of nothing for "only duplicates".
    const lost = Object.assign(new Error("connection closed"), { code: 6 });
    expect(() => ignoreDuplicates(lost)).toThrow("connection closed");
    expect(() => ignoreDuplicates({ code: 11000, writeErrors: [{ code: 11000, index: 0 }, { code: 121, index: 1 }] })).toThrow();
  });
});
