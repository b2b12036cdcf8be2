import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTemplate } from "@/lib/templates/create-template";
import { listTemplatesForAdmin } from "@/lib/templates/list-templates-admin";
import { setTemplateArchived } from "@/lib/templates/set-template-archived";
import { Cleanup, cloneArchive, expectDomainError, makeActor, TEMPLATE, testKey, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("listTemplatesForAdmin", () => {
  it("lists every template with its revision: archived, unpublished drafts and clones with their origin", async () => {
    const admin = await makeActor("admin", cleanup);
    const clone = await cloneArchive(admin, cleanup, "列表克隆");
    await setTemplateArchived({ actor: admin, templateKey: clone, archived: true });
    const blankKey = testKey("blank");
    cleanup.templates.push(blankKey);
    await createTemplate({ actor: admin, input: { name: "空白草稿", key: blankKey } });

    const list = await listTemplatesForAdmin({ actor: admin });
    const byKey = new Map(list.map((t) => [t.key, t]));
    expect(byKey.get(TEMPLATE)).toMatchObject({ status: "active", hasDraft: false });
    expect(byKey.get(clone)).toMatchObject({ name: "列表克隆", status: "archived", currentVersion: 1, origin: { templateKey: TEMPLATE } });
    // The draft's content is left out of the query, but the list still knows there is a draft.
    expect(byKey.get(blankKey)).toMatchObject({ name: "空白草稿", currentVersion: 0, hasDraft: true, revision: 1 });
    expect(byKey.get(clone)!.revision).toBeGreaterThan(1);
  });

  it("is for administrators only", async () => {
    for (const role of ["agent", "reviewer", "viewer"] as const) {
      await expectDomainError(listTemplatesForAdmin({ actor: await makeActor(role, cleanup) }), "FORBIDDEN");
    }
    await expectDomainError(listTemplatesForAdmin({ actor: null }), "UNAUTHENTICATED");
  });
});
