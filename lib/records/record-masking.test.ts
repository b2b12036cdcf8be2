import { describe, expect, it } from "vitest";
import customerArchive from "../../schemas/customer-archive.json";
import type { Actor } from "../auth/roles";
import type { TemplateContent } from "../schema/types";
import { clearPiiKinds, maskRecordData } from "./record-masking";

const schema = (customerArchive as unknown as TemplateContent).schema;
const actor = (role: Actor["role"], id = "u1"): Actor => ({ id, name: "甲", email: "a@b.c", role });
const data = { basic: { name: "王小明", idNumber: "11010519491231002X" }, beneficiary: { isLegal: false, list: [{ name: "王一" }] } };

describe("owner-aware masking", () => {
  it("shows the owner's own records' names in full, and nothing else", () => {
    expect(clearPiiKinds(actor("agent"), "u1")).toEqual(["name"]);
    expect(maskRecordData(schema, data, actor("agent"), "u1")).toEqual({ basic: { name: "王小明", idNumber: "1101**********002X" }, beneficiary: { isLegal: false, list: [{ name: "王一" }] } });
  });

  it("masks names for everyone else: other owners, viewers (even their own), the system", () => {
    expect(clearPiiKinds(actor("admin"), "u2")).toEqual([]);
    expect(clearPiiKinds(actor("viewer"), "u1")).toEqual([]);
    expect(clearPiiKinds(null, "u1")).toEqual([]);
    expect((maskRecordData(schema, data, actor("reviewer"), "u2") as typeof data).basic.name).toBe("王**");
  });
});
