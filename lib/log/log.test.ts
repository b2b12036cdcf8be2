import { afterEach, describe, expect, it, vi } from "vitest";
import { MongoBulkWriteError } from "mongodb";
import { brief, log } from "./log";
import { currentRequest, newRequestId, runInRequest } from "./request-context";

afterEach(() => vi.restoreAllMocks());

describe("the server's logger", () => {
  it("writes the request's id on every line written while serving it, also after awaits", async () => {
    const lines: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args));
    const requestId = newRequestId();
    expect(requestId).toMatch(/^[0-9a-f]{8}$/);
    const boom = new Error("boom");
    await runInRequest({ requestId }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.error("api", "unexpected error", boom);
    });
    log.error("jobs", "outside any request");
    expect(lines).toHaveLength(2);
    expect(lines[0][0]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ERROR \\[api\\] req=${requestId} unexpected error$`));
    expect(lines[0][1]).toBe(boom);
    expect(lines[1]).toHaveLength(1);
    expect(lines[1][0]).toMatch(/ ERROR \[jobs\] outside any request$/);
    expect(currentRequest()).toBeUndefined();
  });

  it("sums up an error too long to write in full (a bulk write's result with every inserted id), keeping its stack, code and first refused write", () => {
    // Tester round 7 (P2-6): one failed import batch wrote ~1,000 log lines.
    const insertedIds = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [i, `6750${String(i).padStart(20, "0")}`]));
    const err = new MongoBulkWriteError(
      { message: "E11000 duplicate key error", code: 11000, writeErrors: [{ index: 3, code: 11000, errmsg: "E11000 duplicate key error collection: records" }] } as never,
      { insertedCount: 997, insertedIds, matchedCount: 0, modifiedCount: 0, deletedCount: 0, upsertedCount: 0, upsertedIds: {} } as never,
    );
    const written = brief(err);
    expect(typeof written).toBe("string");
    const text = written as string;
    expect(text.split("\n").length).toBeLessThan(40);
    expect(text).toContain("MongoBulkWriteError: E11000 duplicate key error");
    expect(text).toContain("code: 11000");
    expect(text).toContain("writes refused: 1, the first: E11000 duplicate key error collection: records");
    expect(text).not.toContain("675000000000000000000999");
    // A short error is written as it is.
    const boom = new Error("boom");
    expect(brief(boom)).toBe(boom);
  });

  it("keeps two requests served at once apart", async () => {
    const seen: string[] = [];
    // The first request waits until the second has finished: both are in flight at once, in an
    // order no timer decides (20 ms and 5 ms timers swapped under load and failed a run).
    let releaseFirst!: () => void;
    const firstWaits = new Promise<void>((r) => (releaseFirst = r));
    const first = runInRequest({ requestId: "aaaaaaaa" }, async () => {
      await firstWaits;
      seen.push(`aaaaaaaa:${currentRequest()?.requestId}`);
    });
    const second = runInRequest({ requestId: "bbbbbbbb" }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(`bbbbbbbb:${currentRequest()?.requestId}`);
      releaseFirst();
    });
    await Promise.all([first, second]);
    expect(seen).toEqual(["bbbbbbbb:bbbbbbbb", "aaaaaaaa:aaaaaaaa"]);
  });
});
