import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/roles";
import { EVERY_RECORD, recordsFilter } from "./records-filter";

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
