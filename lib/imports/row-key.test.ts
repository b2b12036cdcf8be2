import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import type { JsonSchema } from "../schema/types";
import { placeRows, rowKeysOf } from "./row-key";

describe("table rows placed by their row key", () => {
  const paid = { date: "2024-01-15", amount: 100, status: "已缴费" };
  const due = { date: "2024-01-15", amount: 100, status: "未缴费" };

  it("reads the shipped archive's row keys, nested tables included", () => {
    expect([...rowKeysOf(archive.schema as unknown as JsonSchema)]).toEqual([
      ["beneficiary.list", ["idNumber"]],
      ["payments", ["date"]],
      ["claims", ["applyDate"]],
      ["communications", ["date", "method"]],
    ]);
  });

  it("updates the stored row with the same key, only in the columns given, and adds a row with a new key", () => {
    const { rows, placements } = placeRows([due, { date: "2024-02-15", amount: 100, status: "未缴费" }], [{ date: "2024-01-15", status: "已缴费" }, { date: "2024-03-15", amount: 100, status: "未缴费" }], ["date"]);
    expect(placements).toEqual([{ kind: "update", at: 0 }, { kind: "add", at: 2 }]);
    expect(rows).toEqual([paid, { date: "2024-02-15", amount: 100, status: "未缴费" }, { date: "2024-03-15", amount: 100, status: "未缴费" }]);
  });

  it("calls a row that already holds the file's values the same", () => {
    expect(placeRows([paid], [{ date: "2024-01-15", status: "已缴费" }], ["date"]).placements).toEqual([{ kind: "same", at: 0 }]);
  });

  it("refuses to guess between stored rows sharing a key, unless each already holds the row", () => {
    expect(placeRows([due, { ...due, amount: 200 }], [paid], ["date"]).placements).toEqual([{ kind: "ambiguous", count: 2, rows: 1 }]);
    expect(placeRows([due, { ...due, amount: 200 }], [{ date: "2024-01-15", status: "未缴费" }], ["date"]).placements).toEqual([{ kind: "same", at: 0 }]);
  });

  it("matches rows of one key one to one: held rows first, a row differing in choices only, then a lone pair; more rows are added", () => {
    const choice = (segments: string[]) => segments[0] === "status";
    const a = { date: "2024-01-15", amount: 1000, status: "已缴费" };
    const b = { date: "2024-01-15", amount: 200, status: "已缴费" };
    expect(placeRows([a, b], [b, a], ["date"], choice).placements).toEqual([{ kind: "same", at: 1 }, { kind: "same", at: 0 }]);
    expect(placeRows([a], [a, b], ["date"], choice)).toEqual({ rows: [a, b], placements: [{ kind: "same", at: 0 }, { kind: "add", at: 1 }] });
    expect(placeRows([a, b], [{ ...b, status: "逾期" }], ["date"], choice)).toEqual({ rows: [a, { ...b, status: "逾期" }], placements: [{ kind: "update", at: 1 }] });
    expect(placeRows([a, b], [a, { ...b, amount: 250 }], ["date"], choice).placements).toEqual([{ kind: "same", at: 0 }, { kind: "update", at: 1 }]);
    // Either order: the row differing in its state only goes first, the lone pair after it.
    for (const incoming of [[{ ...a, amount: 900 }, { ...b, status: "逾期" }], [{ ...b, status: "逾期" }, { ...a, amount: 900 }]])
      expect(placeRows([a, b], incoming, ["date"], choice).rows).toEqual([{ ...a, amount: 900 }, { ...b, status: "逾期" }]);
    expect(placeRows([a], [{ ...a, amount: 900 }, b], ["date"], choice).placements).toEqual([
      { kind: "ambiguous", count: 1, rows: 2 },
      { kind: "ambiguous", count: 1, rows: 2 },
    ]);
  });

  it("matches a row whole when there is no key or the row leaves a key column blank", () => {
    // Today's rule: a changed status is another row.
    expect(placeRows([due], [paid], undefined)).toEqual({ rows: [due, paid], placements: [{ kind: "add", at: 1 }] });
    const call = { date: "2024-01-15", method: "电话", content: "续保" };
    expect(placeRows([call], [{ date: "2024-01-15", content: "续保" }], ["date", "method"]).placements).toEqual([{ kind: "same", at: 0 }]);
    expect(placeRows([call], [{ date: "2024-01-15", content: "理赔" }], ["date", "method"]).placements).toEqual([{ kind: "add", at: 1 }]);
  });
});
