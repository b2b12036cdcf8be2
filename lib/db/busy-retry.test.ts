import { describe, expect, it } from "vitest";
import { isBusyError, retryBusy } from "./busy-retry";

// The error as the driver raised it in CI (a migration's findOneAndUpdate on the embedded database).
const busy = () =>
  Object.assign(
    new Error(
      "[msg_findandmodify.go:196 handler.(*Handler).findAndModifyDocument] [update.go:114 common.UpdateDocument] [collection.go:166 sqlite.(*collection).UpdateAll] [collection.go:152 sqlite.(*collection).UpdateAll.func1] database is locked (5) (SQLITE_BUSY)",
    ),
    { code: 1, codeName: "InternalError" },
  );
const noWait = { delayMs: () => 0 };

describe("busy database errors", () => {
  it("tells a busy embedded database, and a MongoDB retryable label, from other failures", () => {
    expect(isBusyError(busy())).toBe(true);
    expect(isBusyError({ errmsg: "database is locked (5) (SQLITE_BUSY)" })).toBe(true);
    expect(isBusyError({ message: "x", hasErrorLabel: (l: string) => l === "RetryableWriteError" })).toBe(true);
    expect(isBusyError(Object.assign(new Error("E11000 duplicate key error"), { code: 11000 }))).toBe(false);
    expect(isBusyError(new Error("revision conflict"))).toBe(false);
    expect(isBusyError(null)).toBe(false);
    expect(isBusyError("database is locked")).toBe(false);
  });

  it("runs the operation again while the database is busy, then returns its result", async () => {
    let calls = 0;
    const result = await retryBusy("test", async () => {
      if (++calls < 3) throw busy();
      return "written";
    }, noWait);
    expect(result).toBe("written");
    expect(calls).toBe(3);
  });

  it("gives up after the last attempt with the busy error", async () => {
    let calls = 0;
    await expect(retryBusy("test", async () => {
      calls++;
      throw busy();
    }, { ...noWait, attempts: 4 })).rejects.toThrow(/SQLITE_BUSY/);
    expect(calls).toBe(4);
  });

  it("never repeats an operation that failed for another reason", async () => {
    let calls = 0;
    await expect(retryBusy("test", async () => {
      calls++;
      throw Object.assign(new Error("E11000 duplicate key error"), { code: 11000 });
    }, noWait)).rejects.toThrow(/E11000/);
    expect(calls).toBe(1);
  });
});
