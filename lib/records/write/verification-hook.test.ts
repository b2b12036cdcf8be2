import { describe, expect, it } from "vitest";
import type { PublishedTemplate } from "../../templates/types";
import type { DiffedContext, StoredRecord } from "./record-operation";
import { stateAfterEdit, verificationOnWrite } from "./verification-hook";

const critical = ["basic.idNumber", "beneficiary"];
const idChange = [{ path: "/basic/idNumber", label: "身份证号码", before: "a", after: "b" }];
const addressChange = [{ path: "/basic/address", label: "地址", before: "a", after: "b" }];

describe("state after an edit of a record's data", () => {
  it("a new record waits", () => expect(stateAfterEdit({ state: null, critical, changes: idChange })).toBe("pending"));
  it("a critical edit sends a verified record back; another edit keeps it verified", () => {
    expect(stateAfterEdit({ state: "verified", critical, changes: idChange })).toBe("pending");
    expect(stateAfterEdit({ state: "verified", critical, changes: addressChange })).toBe("verified");
  });
  it("a returned record waits again once edited, whatever the field", () => expect(stateAfterEdit({ state: "returned", critical, changes: addressChange })).toBe("pending"));
  it("a waiting record keeps waiting", () => expect(stateAfterEdit({ state: "pending", critical, changes: addressChange })).toBe("pending"));
  it("a record from before verification waits once a critical field changes", () => {
    expect(stateAfterEdit({ state: "unverified", critical, changes: addressChange })).toBe("unverified");
    expect(stateAfterEdit({ state: "unverified", critical, changes: idChange })).toBe("pending");
  });
});

describe("what a write sets for verification", () => {
  const template = (enabled: boolean) => ({ key: "t", version: 1, content: { verification: { enabled, critical } } }) as unknown as PublishedTemplate;
  const agent = { id: "agent", name: "A", email: "a@x", role: "agent" as const };
  const reviewer = { id: "rev", name: "R", email: "r@x", role: "reviewer" as const };
  const verified = { verification: "verified", createdBy: "agent", updatedBy: "agent", review: { since: null, touchedBy: [], verifiedBy: "rev2", verifiedRevision: 3 } } as unknown as StoredRecord;
  const ctx = (over: Partial<DiffedContext>) => ({ action: "record.update", actor: agent, template: template(true), existing: verified, change: { data: {} }, changes: idChange, ...over }) as DiffedContext;
  const now = new Date("2026-12-04T00:00:00Z");

  it("marks a new record waiting since now, its author unable to verify it", () => {
    const set = verificationOnWrite(ctx({ existing: null, action: "record.create" }), now);
    expect(set?.verification).toBe("pending");
    expect(set?.review).toMatchObject({ since: now, touchedBy: ["agent"] });
  });

  it("keeps the last verification and adds each editor", () => {
    const set = verificationOnWrite(ctx({ actor: reviewer, changes: addressChange }), now);
    expect(set?.verification).toBe("verified");
    expect(set?.review).toMatchObject({ since: null, touchedBy: ["rev"], verifiedBy: "rev2", verifiedRevision: 3 });
    const back = verificationOnWrite(ctx({ existing: { ...verified, review: set!.review } as StoredRecord }), now);
    expect(back).toMatchObject({ verification: "pending", review: { since: now, touchedBy: ["rev", "agent"] } });
  });

  it("sets nothing when verification is off, for migrations, and for writes that leave the data", () => {
    expect(verificationOnWrite(ctx({ template: template(false) }), now)).toBeUndefined();
    expect(verificationOnWrite(ctx({ action: "record.migrate" }), now)).toBeUndefined();
    expect(verificationOnWrite(ctx({ change: {} }), now)).toBeUndefined();
  });

  it("counts the creator and last editor of a record from before verification as its authors", () => {
    const legacy = { verification: "unverified", createdBy: "c", updatedBy: "u" } as unknown as StoredRecord;
    const set = verificationOnWrite(ctx({ existing: legacy }), now);
    expect(set?.review?.touchedBy).toEqual(["c", "u", "agent"]);
  });
});
