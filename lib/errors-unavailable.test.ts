import { MongoBulkWriteError, MongoNetworkError, MongoServerError } from "mongodb";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

describe("telling a database that went away from a refused request", () => {
  it("reads an insertMany's bulk error wrapping a lost connection as the database away", () => {
    // Tester round 7 (P1-1): FerretDB killed under an import; the batch's insertMany failed with
    // "MongoBulkWriteError: connection 7 to 127.0.0.1:27150 closed" and the job stopped for good.
    const lost = new MongoNetworkError("connection 7 to 127.0.0.1:27150 closed");
    expect(isDatabaseUnavailable(lost)).toBe(true);
    expect(isDatabaseUnavailable(new MongoBulkWriteError(lost as never, {} as never))).toBe(true);
  });

  it("does not read a refused write as the database away", () => {
    const duplicate = new MongoBulkWriteError({ message: "E11000 duplicate key error", code: 11000, writeErrors: [{ index: 0, code: 11000, errmsg: "E11000" }] } as never, {} as never);
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(new MongoServerError({ message: "bad value", code: 2 }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("connection closed"))).toBe(false);
  });
});
