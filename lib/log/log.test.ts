import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "./log";
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
