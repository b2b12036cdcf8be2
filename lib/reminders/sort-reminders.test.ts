import { describe, expect, it } from "vitest";
import { compareReminders, sortReminders } from "./types";

describe("sortReminders", () => {
  it("orders exactly as compareReminders: due date, rule title by the collator, then key", () => {
    // Titles the collator orders differently from code points (case, accents, Chinese), duplicates
    // of due dates and titles, and two spellings the collator calls equal (composed é and e + ◌́).
    const titlesUsed = ["保单到期", "缴费逾期", "回访", "apple", "Apple", "Éclair", "éclair", "e\u0301clair", "zebra", "理赔待审核"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const items = Array.from({ length: 5_000 }, (_, i) => ({
      dueDate: `2026-12-${String((next() % 5) + 1).padStart(2, "0")}`,
      ruleTitle: titlesUsed[next() % titlesUsed.length],
      id: `r${next() % 3_000}:${i % 7}`,
    }));
    const expected = [...items].sort(compareReminders);
    const got = sortReminders([...items]);
    expect(got.map((x) => `${x.dueDate}|${x.ruleTitle}|${x.id}`)).toEqual(expected.map((x) => `${x.dueDate}|${x.ruleTitle}|${x.id}`));
    expect(new Intl.Collator().compare("éclair", "e\u0301clair")).toBe(0);
  });
});
