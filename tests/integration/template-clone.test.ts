import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TemplateModel, TemplateVersionModel } from "@/lib/db/models/template";
import { insertField, removeField } from "@/lib/template-model/model-paths";
import { createField } from "@/lib/template-model/new-field";
import { DomainError } from "@/lib/errors";
import { createRecord } from "@/lib/records/create-record";
import { cloneTemplate } from "@/lib/templates/clone-template";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { saveDraft } from "@/lib/templates/save-draft";
import { Cleanup, customerData, makeActor, TEMPLATE, testKey, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("cloning", () => {
  it("clones the archive as 车险客户档案, changes it, publishes, and leaves the source untouched", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const sourceBefore = await TemplateModel.findById(TEMPLATE).lean();
    const sourceVersions = await TemplateVersionModel.find({ templateKey: TEMPLATE }).lean();
    const key = testKey("auto");
    cleanup.templates.push(key);

    const clone = await cloneTemplate({ actor: admin, input: { source: TEMPLATE, name: "车险客户档案", key, productLine: "车险" } });
    expect(clone).toMatchObject({ key, name: "车险客户档案", productLine: "车险", currentVersion: 1, hasDraft: false, origin: { templateKey: TEMPLATE, version: sourceBefore!.currentVersion } });

    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    expect(opened.model.title).toBe("车险客户档案");
    const plate = { ...createField({ kind: "text", label: "车牌号", siblingKeys: [] }), required: true, pattern: "^[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}$", patternMessage: "车牌号格式不正确，如 京A12345", showInList: true };
    expect(plate.key).toBe("chepaihao");
    let model = insertField(opened.model, "policy", plate, 0);
    model = { ...model, list: { ...model.list, columns: [...model.list.columns, "policy.chepaihao"] } };
    model = removeField(model, "beneficiary");
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
    const published = await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision, note: "车险字段" } });
    expect(published.version).toBe(2);

    const tpl = await getPublishedTemplate(agent, key);
    expect(tpl.fields.find((f) => f.path === "beneficiary")!.removed).toBe(true);
    expect(tpl.content.list.columns).toContain("policy.chepaihao");
    const { beneficiary: _none, ...data } = customerData({ policy: { chepaihao: "京A12345", insuranceType: "车险" } });
    const record = await createRecord({ actor: agent, templateKey: key, input: data });
    expect(record).toMatchObject({ templateKey: key, templateVersion: 2 });
    expect((record.data.policy as Record<string, unknown>).chepaihao).toBe("京A12345");

    const bad = await createRecord({ actor: agent, templateKey: key, input: { ...data, policy: { ...(data.policy as object), policyNo: "P-other-1", chepaihao: "12345" } } }).catch((e: DomainError) => e);
    expect(bad).toBeInstanceOf(DomainError);
    expect((bad as DomainError).fieldErrors).toContainEqual(expect.objectContaining({ path: "/policy/chepaihao", message: "车牌号格式不正确，如 京A12345" }));
    // The same data is refused by the source, which has no 车牌号.
    const inSource = await createRecord({ actor: agent, templateKey: TEMPLATE, input: data }).catch((e: DomainError) => e);
    expect((inSource as DomainError).code).toBe("VALIDATION");

    expect(await TemplateModel.findById(TEMPLATE).lean()).toStrictEqual(sourceBefore);
    expect(await TemplateVersionModel.find({ templateKey: TEMPLATE }).lean()).toStrictEqual(sourceVersions);
  });

  it("clones a given older version and refuses unknown sources and taken keys", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = testKey("c");
    cleanup.templates.push(key);
    await cloneTemplate({ actor: admin, input: { source: TEMPLATE, name: "副本", key, version: 1 } });
    await expect(cloneTemplate({ actor: admin, input: { source: "no-such-template", name: "x" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(cloneTemplate({ actor: admin, input: { source: TEMPLATE, name: "x", key } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(cloneTemplate({ actor: admin, input: { source: TEMPLATE, name: "x", version: 99 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const agent = await makeActor("agent", cleanup);
    await expect(cloneTemplate({ actor: agent, input: { source: TEMPLATE, name: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
