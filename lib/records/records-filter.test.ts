import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/roles";
import { EVERY_RECORD, matchesRecordsFilter, recordsFilter } from "./records-filter";

const actor = (role: Actor["role"]): Actor => ({ id: "u1", name: "甲", email: "a@b.c", role });
const all = EVERY_RECORD;

describe("recordsFilter", () => {
  it("scopes to the template and the trash state", () => {
    expect(recordsFilter({ actor: null, templateKey: "t", trash: "live", scope: all })).toEqual({ templateKey: "t", deletedAt: null });
    expect(recordsFilter({ actor: null, templateKey: "t", trash: "trash", scope: all })).toEqual({ templateKey: "t", deletedAt: { $ne: null } });
    expect(recordsFilter({ actor: null, templateKey: "t", trash: "any", scope: all })).toEqual({ templateKey: "t" });
  });

  it("opens deleted records only to those who may restore them", () => {
    expect(recordsFilter({ actor: actor("admin"), templateKey: "t", trash: "openable", scope: all })).toEqual({ templateKey: "t" });
    for (const role of ["agent", "reviewer", "viewer"] as const)
      expect(recordsFilter({ actor: actor(role), templateKey: "t", trash: "openable", scope: all })).toEqual({ templateKey: "t", deletedAt: null });
    expect(recordsFilter({ actor: null, templateKey: "t", trash: "openable", scope: all })).toEqual({ templateKey: "t", deletedAt: null });
  });

  it("narrows to the owners of the data scope with a flat top-level condition", () => {
    expect(recordsFilter({ actor: actor("agent"), templateKey: "t", trash: "live", scope: { ownerIds: ["u1"] } })).toEqual({ templateKey: "t", deletedAt: null, ownerId: "u1" });
    expect(recordsFilter({ actor: actor("reviewer"), templateKey: "t", trash: "live", scope: { ownerIds: ["u1", "u2"] } })).toEqual({ templateKey: "t", deletedAt: null, ownerId: { $in: ["u1", "u2"] } });
    expect(recordsFilter({ actor: actor("reviewer"), templateKey: "t", trash: "any", scope: { ownerIds: [] } })).toEqual({ templateKey: "t", ownerId: { $in: [] } });
  });
});

describe("matchesRecordsFilter", () => {
  const doc = (patch: Record<string, unknown>) => ({ _id: "r1", templateKey: "t", ownerId: "u1", deletedAt: null, ...patch });
  const filter = (trash: "live" | "trash" | "any", ownerIds: string[] | null) => recordsFilter({ actor: actor("agent"), templateKey: "t", trash, scope: { ownerIds } });

  it("holds a record read by _id to every condition recordsFilter makes, as the database would", () => {
    expect(matchesRecordsFilter(filter("live", null), doc({}))).toBe(true);
    expect(matchesRecordsFilter(filter("live", null), doc({ deletedAt: undefined }))).toBe(true);
    expect(matchesRecordsFilter(filter("live", null), doc({ deletedAt: new Date() }))).toBe(false);
    expect(matchesRecordsFilter(filter("trash", null), doc({}))).toBe(false);
    expect(matchesRecordsFilter(filter("trash", null), doc({ deletedAt: new Date() }))).toBe(true);
    expect(matchesRecordsFilter(filter("any", null), doc({ templateKey: "other" }))).toBe(false);
    expect(matchesRecordsFilter(filter("live", ["u1"]), doc({}))).toBe(true);
    expect(matchesRecordsFilter(filter("live", ["u2"]), doc({}))).toBe(false);
    expect(matchesRecordsFilter(filter("live", ["u2", "u1"]), doc({}))).toBe(true);
    expect(matchesRecordsFilter(filter("live", ["u2", "u3"]), doc({}))).toBe(false);
  });

  it("refuses a condition recordsFilter does not make, rather than answering it wrongly", () => {
    expect(() => matchesRecordsFilter({ revision: { $gt: 1 } }, doc({}))).toThrow(/not a condition/);
  });
});
