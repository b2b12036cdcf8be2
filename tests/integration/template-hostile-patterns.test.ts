import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TemplateModel } from "@/lib/db/models/template";
import { updateField } from "@/lib/template-model/model-paths";
import { exportTemplate } from "@/lib/templates/export-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { importTemplate } from "@/lib/templates/import-template";
import { saveDraft } from "@/lib/templates/save-draft";
import { Cleanup, cloneArchive, expectDomainError, makeActor, testKey, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

// A classic from answers on the web for "words separated by spaces": 25 letters and a "!" keep
// V8 busy for seconds, and every save of every record runs it.
const STALLS = "^(\\w+\\s?)*$";

describe("patterns that would stall validation are refused before any record meets them", () => {
  it("in the designer's draft, next to the field's pattern, and the last good draft stays", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const model = updateField(opened.model, "basic.customerNo", (f) => ({ ...f, pattern: STALLS }));
    const err = await expectDomainError(saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } }), "VALIDATION");
    expect(err.fieldErrors).toEqual([expect.objectContaining({ path: "/basic/customerNo", keyword: "pattern", message: expect.stringContaining("(\\w+\\s?)*") })]);
    expect((await TemplateModel.findById(key).lean())?.draft).toBeFalsy();

    const safe = updateField(opened.model, "basic.customerNo", (f) => ({ ...f, pattern: "^\\w+(\\s\\w+)*$" }));
    expect((await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: safe } })).source).toBe("draft");
  });

  it("in an imported file", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const file = structuredClone(await exportTemplate({ actor: admin, templateKey: key }));
    file.content.schema.properties!.policy.properties!.policyNo.pattern = "^([0-9]+-?)+$";
    const newKey = testKey("imp");
    cleanup.templates.push(newKey);
    const err = await expectDomainError(importTemplate({ actor: admin, input: { document: file, key: newKey } }), "VALIDATION");
    expect(err.message).toContain("([0-9]+-?)+");
    expect(await TemplateModel.exists({ _id: newKey })).toBeNull();
  });
});
