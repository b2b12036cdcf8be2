import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/roles";
import { recordsFilter } from "./records-filter";

const actor = (role: Actor["role"]): Actor => ({ id: "u1", name: "甲", email: "a@b.c", role });

describe("recordsFilter", () => {
  it("scopes to the template and the trash state", () => {
    expect(recordsFilter({ actor: null, templateKey: "t", trash: "live" })).toEqual({ templateKey: "t", deletedAt: null });
    expect(recordsFilter({ actor: null, templateKey: "t", trash: "trash" })).toEqual({ templateKey: "t", deletedAt: { $ne: null } });
    expect(recordsFilter({ actor: null, templateKey: "t", trash: "any" })).toEqual({ templateKey: "t" });
  });

  it("opens deleted records only to those who may restore them", () => {
    expect(recordsFilter({ actor: actor("admin"), templateKey: "t", trash: "openable" })).toEqual({ templateKey: "t" });
    for (const role of ["agent", "reviewer", "viewer"] as const)
      expect(recordsFilter({ actor: actor(role), templateKey: "t", trash: "openable" })).toEqual({ templateKey: "t", deletedAt: null });
    expect(recordsFilter({ actor: null, templateKey: "t", trash: "openable" })).toEqual({ templateKey: "t", deletedAt: null });
  });
});
