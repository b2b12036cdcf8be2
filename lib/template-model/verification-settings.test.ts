import { describe, expect, it } from "vitest";
import customerArchive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "../schema/types";
import { fromContent } from "./from-content";
import { renameKey } from "./rename-key";
import { toContent } from "./to-content";
import { criticalCandidates, isCriticalIn, setCritical, setVerificationEnabled } from "./verification-settings";

const model = () => fromContent(customerArchive as unknown as TemplateContent);

describe("verification settings in the designer", () => {
  it("round-trip through the template content", () => {
    const m = model();
    expect(m.verification?.enabled).toBe(true);
    expect(toContent(m).verification).toEqual((customerArchive as unknown as TemplateContent).verification);
  });

  it("turn on and off, and mark fields and whole sections critical", () => {
    let m = setVerificationEnabled(model(), false);
    expect(toContent(m).verification?.enabled).toBe(false);
    m = setCritical(m, "policy.premium", true);
    expect(isCriticalIn(m, "policy.premium")).toBe(true);
    m = setCritical(m, "policy", true);
    // The section covers its fields: they leave the list.
    expect(m.verification!.critical).not.toContain("policy.premium");
    expect(m.verification!.critical).not.toContain("policy.sumInsured");
    expect(isCriticalIn(m, "policy.premium")).toBe(true);
    m = setCritical(m, "policy", false);
    expect(isCriticalIn(m, "policy.premium")).toBe(false);
  });

  it("follow a key rename, and offer tables whole", () => {
    const m = renameKey(model(), "basic.idNumber", "certNo");
    expect(m.verification!.critical).toContain("basic.certNo");
    const paths = criticalCandidates(model()).map((c) => c.path);
    expect(paths).toContain("payments");
    expect(paths).not.toContain("payments.amount");
  });
});

describe("verification in the version diff", () => {
  it("says when verification is turned on or off and which fields became critical", async () => {
    const { diffContents } = await import("./diff-content");
    const before = customerArchive as unknown as TemplateContent;
    const after = toContent(setCritical(setCritical(model(), "policy.premium", true), "basic.mobile", false));
    const entries = diffContents(before, after).filter((e) => e.type === "verification");
    expect(entries.map((e) => e.message)).toEqual(["“保费” 设为关键字段", "“手机号码” 不再是关键字段"]);
    const off = diffContents(before, toContent(setVerificationEnabled(model(), false))).filter((e) => e.type === "verification");
    expect(off.map((e) => e.message)).toEqual(["关闭双重验证"]);
  });
});
