import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "@/lib/records/create-record";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

// Issue 11 item 8: a required 客户姓名 of zero-width spaces, or a name that displays reversed.
describe("invisible text through the records service", () => {
  it("refuses a name of only invisible characters as missing, and a name with a direction override", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const empty = await expectDomainError(createRecord({ actor: admin, templateKey: key, input: customerData({ basic: { name: "\u200B\u200B\u2060" } }) }), "VALIDATION");
    expect(empty.fieldErrors?.map((e) => [e.path, e.keyword])).toEqual([["/basic/name", "required"]]);
    const reversed = await expectDomainError(createRecord({ actor: admin, templateKey: key, input: customerData({ basic: { name: "张\u202E三" } }) }), "VALIDATION");
    expect(reversed.fieldErrors?.map((e) => [e.path, e.keyword])).toEqual([["/basic/name", "x-chars"]]);
    // A real name with a stray zero-width space inside is kept as typed.
    const ok = await createRecord({ actor: admin, templateKey: key, input: customerData({ basic: { name: "李\u200B四" } }) });
    expect(ok.id).toMatch(/^[a-f0-9]{24}$/);
  });
});
