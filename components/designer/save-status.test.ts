import { describe, expect, it } from "vitest";
import { saveStatus, shortTime } from "./save-status";

const base = { saving: false, conflict: false, saveError: false, dirty: false, problems: 0, hasDraft: false };

describe("saveStatus", () => {
  it("puts the most urgent state first", () => {
    expect(saveStatus({ ...base, saving: true, conflict: true }).kind).toBe("saving");
    expect(saveStatus({ ...base, conflict: true, dirty: true }).kind).toBe("conflict");
    expect(saveStatus({ ...base, saveError: true, dirty: true, problems: 2 }).kind).toBe("failed");
    expect(saveStatus({ ...base, dirty: true, problems: 2 })).toEqual({ kind: "invalid", tone: "red" });
    expect(saveStatus({ ...base, dirty: true })).toEqual({ kind: "dirty", tone: "amber" });
    expect(saveStatus({ ...base, hasDraft: true }).kind).toBe("saved");
    expect(saveStatus(base).kind).toBe("clean");
  });

  it("forgets a failed save once the changes are saved", () => {
    expect(saveStatus({ ...base, saveError: true, hasDraft: true }).kind).toBe("saved");
  });
});

describe("shortTime", () => {
  it("shows the time today and the date before", () => {
    const now = new Date(2024, 4, 6, 18, 0);
    expect(shortTime(new Date(2024, 4, 6, 9, 5).toISOString(), "zh", now)).toBe("09:05");
    expect(shortTime(new Date(2024, 2, 2, 14, 5).toISOString(), "zh", now)).toBe("3月2日 14:05");
    expect(shortTime(new Date(2024, 2, 2, 14, 5).toISOString(), "en", now)).toBe("Mar 2 14:05");
  });
});
