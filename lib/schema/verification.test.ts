import { describe, expect, it } from "vitest";
import customerArchive from "../../schemas/customer-archive.json";
import { checkTemplate } from "./check-template";
import type { TemplateContent } from "./types";
import { criticalChanges, fieldPathOfPointer, isCriticalPath, verificationOf } from "./verification";

const critical = ["basic.idNumber", "basic.name", "beneficiary", "policy.sumInsured"];
const change = (path: string) => ({ path, label: path, before: 1, after: 2 });

describe("critical-field change detection", () => {
  it("reads a change's pointer as the field path, array rows left out", () => {
    expect(fieldPathOfPointer("/basic/idNumber")).toBe("basic.idNumber");
    expect(fieldPathOfPointer("/beneficiary/list/1/idNumber")).toBe("beneficiary.list.idNumber");
  });

  it("counts named fields and everything inside a critical section", () => {
    expect(isCriticalPath(critical, "basic.idNumber")).toBe(true);
    expect(isCriticalPath(critical, "beneficiary.list.share")).toBe(true);
    expect(isCriticalPath(critical, "basic.address")).toBe(false);
    // A prefix of a key is not the key: basic.name does not make basic.nameEn critical.
    expect(isCriticalPath(critical, "basic.nameEn")).toBe(false);
    expect(isCriticalPath(critical, "policy")).toBe(false);
  });

  it("picks the critical changes of an edit", () => {
    const changes = [change("/basic/address"), change("/beneficiary/list/0/name"), change("/notes/remarks")];
    expect(criticalChanges(critical, changes).map((c) => c.path)).toEqual(["/beneficiary/list/0/name"]);
    expect(criticalChanges(critical, [change("/basic/address")])).toEqual([]);
    expect(criticalChanges([], changes)).toEqual([]);
  });
});

describe("verification settings", () => {
  const archive = customerArchive as unknown as TemplateContent;

  it("are off for a version saved before verification existed", () => {
    expect(verificationOf({})).toEqual({ enabled: false, critical: [] });
    expect(verificationOf({ verification: { enabled: false, critical: ["basic.name"] } })).toEqual({ enabled: false, critical: ["basic.name"] });
  });

  it("ship on for the customer archive, with the critical fields the issue names", () => {
    const v = verificationOf(archive);
    expect(v.enabled).toBe(true);
    expect(v.critical).toEqual(expect.arrayContaining(["basic.idNumber", "basic.name", "basic.mobile", "policyholder", "beneficiary", "policy.sumInsured"]));
  });

  it("are checked with the template: critical paths must name fields or sections", () => {
    const base = { schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list };
    expect(checkTemplate({ ...base, verification: { enabled: true, critical: ["beneficiary", "basic.idNumber"] } })).toEqual([]);
    const unknown = checkTemplate({ ...base, verification: { enabled: true, critical: ["basic.nope"] } });
    expect(unknown).toEqual([expect.objectContaining({ path: "/verification/critical/0" })]);
    expect(unknown[0].message).toContain("basic.nope");
    const bad = checkTemplate({ ...base, verification: { enabled: "yes" } as never });
    expect(bad.map((p) => p.path)).toEqual(["/verification"]);
  });
});
