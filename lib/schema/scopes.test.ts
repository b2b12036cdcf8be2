import { describe, expect, it } from "vitest";
import customerArchive from "../../schemas/customer-archive.json";
import { checkTemplate } from "./check-template";
import { isScopeSettings, scopeOf } from "./scopes";
import type { TemplateContent } from "./types";

const archive = customerArchive as unknown as TemplateContent;

describe("data scopes of a template", () => {
  it("ships the customer archive with agent own, reviewer team, admin and viewer all", () => {
    expect(archive.scopes).toEqual({ admin: "all", agent: "own", reviewer: "team", viewer: "all" });
    expect(scopeOf(archive, "agent")).toBe("own");
    expect(scopeOf(archive, "reviewer")).toBe("team");
  });

  it("reads a missing block or a role left out as all, so older versions keep working", () => {
    const { scopes: _s, ...older } = archive;
    expect(scopeOf(older as TemplateContent, "agent")).toBe("all");
    expect(scopeOf({ scopes: { agent: "own" } }, "reviewer")).toBe("all");
  });

  it("reads a block it cannot understand as own for every role (fails closed, not open)", () => {
    for (const broken of [{ agent: "mine" }, { owner: "all" }, "all", ["all"], 1, null]) {
      expect(scopeOf({ scopes: broken as never }, "viewer"), JSON.stringify(broken)).toBe("own");
      expect(scopeOf({ scopes: broken as never }, "admin"), JSON.stringify(broken)).toBe("own");
    }
  });

  it("refuses unknown roles and scopes when a template is checked", () => {
    expect(isScopeSettings({ agent: "mine" })).toBe(false);
    expect(isScopeSettings({ owner: "own" })).toBe(false);
    expect(checkTemplate({ ...archive, scopes: { agent: "mine" } as never }).map((p) => p.path)).toContain("/scopes");
    expect(checkTemplate(archive).filter((p) => p.path === "/scopes")).toEqual([]);
  });
});

describe("data scopes in the version diff", () => {
  it("names the role and both scopes", async () => {
    const { diffContents } = await import("../template-model/diff-content");
    const after = { ...archive, scopes: { ...archive.scopes, reviewer: "all" as const } };
    const entries = diffContents(archive, after).filter((e) => e.label === "数据范围");
    expect(entries.map((e) => e.message)).toEqual(["审核员的数据范围：本团队负责的记录 → 全部记录"]);
  });
});
