import { describe, expect, it } from "vitest";
import { recordsPerBatch } from "./batch-size";

describe("recordsPerBatch", () => {
  it("keeps batches of 200 for files up to 4,000 rows (progress and resume in small steps)", () => {
    expect(recordsPerBatch(0)).toBe(200);
    expect(recordsPerBatch(450)).toBe(200);
    expect(recordsPerBatch(3000)).toBe(200);
    expect(recordsPerBatch(4000)).toBe(200);
  });

  it("writes a larger file in about twenty batches, never more than 1,000 records each", () => {
    expect(recordsPerBatch(4001)).toBe(300);
    expect(recordsPerBatch(10_000)).toBe(500);
    expect(recordsPerBatch(20_000)).toBe(1000);
    expect(recordsPerBatch(100_000)).toBe(1000);
    expect(recordsPerBatch(500_000)).toBe(1000);
  });
});
