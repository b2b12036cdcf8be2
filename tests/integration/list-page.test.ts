import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "@/lib/records/create-record";
import { getListPage } from "@/lib/records/get-list-page";
import { Cleanup, customerData, expectDomainError, makeActor, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("the list page service", () => {
  it("returns rows, columns, filters, search fields and what the reader may do, with one rule for personal data", async () => {
    const admin = await makeActor("admin", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    // 客户姓名 is personal data: searched by its policy number, so a viewer finds it too.
    const policyNo = unique("LP");
    await createRecord({ actor: admin, templateKey: key, input: customerData({ basic: { name: "列表页甲" }, policy: { policyNo } }) });
    const params = new URLSearchParams({ q: policyNo });
    const full = await getListPage({ actor: admin, templateKey: key, searchParams: params });
    const masked = await getListPage({ actor: viewer, templateKey: key, searchParams: params });

    expect(full.can).toEqual({ create: true, restore: true, loadDemo: true, transfer: true, personalData: true });
    expect(masked.can).toEqual({ create: false, restore: false, loadDemo: false, transfer: false, personalData: false });
    expect(full.template).toMatchObject({ key, name: "保险客户档案管理表" });
    // The title is the customer's name: in full for its owner (the admin who entered it), masked for a viewer.
    for (const [page, title] of [[full, "列表页甲"], [masked, "列***"]] as const) {
      if ("refused" in page.result) throw page.result.refused;
      expect(page.result.page.rows.map((r) => r.title)).toEqual([title]);
    }
    // What a viewer sees masked, the page neither offers to filter or sort by nor names in the search box.
    expect(full.filters.some((f) => f.pii)).toBe(true);
    expect(masked.filters.some((f) => f.pii)).toBe(false);
    const sortable = (page: typeof full, id: string) => page.columns.find((c) => c.id === id)?.sortable;
    expect(sortable(full, "basic.mobile")).toBe(true);
    expect(sortable(masked, "basic.mobile")).toBe(false);
    expect(masked.searchFields.length).toBeGreaterThan(0);
    expect(full.searchFields).not.toEqual(masked.searchFields);
  });

  it("answers a link it cannot use with the reason, and an unknown template with NOT_FOUND", async () => {
    const viewer = await makeActor("viewer", cleanup);
    const bad = await getListPage({ actor: viewer, templateKey: key, searchParams: new URLSearchParams("sort=nope") });
    expect("refused" in bad.result && bad.result.refused.code).toBe("BAD_REQUEST");
    const trash = await getListPage({ actor: viewer, templateKey: key, searchParams: new URLSearchParams("trash=1") });
    expect("refused" in trash.result && trash.result.refused.code).toBe("FORBIDDEN");
    expect(trash.columns.length).toBeGreaterThan(0);
    await expectDomainError(getListPage({ actor: viewer, templateKey: "no-such-template", searchParams: new URLSearchParams() }), "NOT_FOUND");
  });
});
