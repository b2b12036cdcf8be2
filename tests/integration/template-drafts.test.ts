import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { designerChecks } from "@/lib/template-model/check-draft";
import { fromContent } from "@/lib/template-model/from-content";
import { deleteField, insertField, updateField } from "@/lib/template-model/model-paths";
import { createField } from "@/lib/template-model/new-field";
import { toContent } from "@/lib/template-model/to-content";
import { DomainError } from "@/lib/errors";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { TemplateModel } from "@/lib/db/models/template";
import { analyzeImpact } from "@/lib/migrations/analyze-impact";
import { createTemplate } from "@/lib/templates/create-template";
import { discardDraft } from "@/lib/templates/discard-draft";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { saveDraft } from "@/lib/templates/save-draft";
import { Cleanup, cloneArchive, makeActor, testKey, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a DomainError");
}

const occupation = () => ({ ...createField({ kind: "select", label: "职业", siblingKeys: [] }), options: ["教师", "医生", "工程师", "个体经营", "其他"], showInList: true, filterable: true });

describe("drafts", () => {
  it("saves a draft from the model, bumps the revision and refuses a stale save", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    expect(opened.source).toBe("version");
    expect(opened.problems).toEqual([]);
    const model = insertField(opened.model, "basic", occupation());
    const saved = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
    expect(saved.source).toBe("draft");
    expect(saved.template.revision).toBe(opened.template.revision + 1);
    expect(saved.model.sections[0].children!.map((f) => f.key)).toContain("zhiye");
    expect(saved.draft).toMatchObject({ baseVersion: 1, updatedByName: admin.name });
    expect(await AuditEventModel.exists({ _id: `template:${key}:r${saved.template.revision}`, action: "template.draft.save" })).toBeTruthy();

    const stale = await failure(saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: opened.model } }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.details).toMatchObject({ currentRevision: saved.template.revision });
  });

  it("two saves from the same revision: exactly one lands, the other is a conflict", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const a = insertField(opened.model, "basic", occupation());
    const b = insertField(opened.model, "basic", createField({ kind: "text", label: "车牌号", siblingKeys: [] }));
    const results = await Promise.allSettled([
      saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: a } }),
      saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: b } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as DomainError).code).toBe("CONFLICT");
    const after = await getTemplateForEdit({ actor: admin, templateKey: key });
    expect(after.template.revision).toBe(opened.template.revision + 1);
  });

  it("rejects an invalid draft with field errors and keeps the last good one", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const good = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: insertField(opened.model, "basic", occupation()) } });
    let bad = insertField(good.model, "basic", { ...createField({ kind: "text", label: "车牌号", siblingKeys: [] }), pattern: "[京津" });
    bad = insertField(bad, "basic", { ...occupation(), options: ["教师", "教师"] });
    const err = await failure(saveDraft({ actor: admin, templateKey: key, input: { revision: good.template.revision, model: bad } }));
    expect(err.code).toBe("VALIDATION");
    const byPath = Object.fromEntries(err.fieldErrors!.map((e) => [`${e.path}|${e.keyword}`, e]));
    expect(byPath["/basic/chepaihao|pattern"].label).toBe("客户基础信息 › 车牌号");
    expect(byPath["/basic/zhiye|key"].message).toContain("重复");
    expect(Object.keys(byPath)).toContain("/basic/zhiye|options");
    // An English reader gets the same refusal in English.
    const en = await failure(saveDraft({ actor: admin, templateKey: key, input: { revision: good.template.revision, model: bad }, locale: "en" }));
    expect(en.message).toMatch(/^Not saved: the draft has problems \(\d\)\. /);
    expect(en.fieldErrors!.find((e) => e.keyword === "pattern")!.message).toBe("The pattern (regular expression) of “车牌号” is invalid: a bracket [ ] is not closed");
    // JSON view: content that is not valid JSON Schema.
    const content = toContent(good.model);
    (content.schema.properties!.basic.properties!.name as Record<string, unknown>).minLength = "一";
    const schemaErr = await failure(saveDraft({ actor: admin, templateKey: key, input: { revision: good.template.revision, content } }));
    expect(schemaErr.fieldErrors![0]).toMatchObject({ path: "/basic/name" });
    const after = await getTemplateForEdit({ actor: admin, templateKey: key });
    expect(after.template.revision).toBe(good.template.revision);
    expect(after.content).toStrictEqual(good.content);
  });

  it("refuses to drop a published field (hide it instead) and keeps the JSON view's content as typed", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const err = await failure(saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: deleteField(opened.model, "basic.email") } }));
    expect(err.fieldErrors).toMatchObject([{ path: "/basic/email", keyword: "key" }]);
    const content = structuredClone(opened.content);
    (content.schema.properties!.basic.properties!.email as Record<string, unknown>).$comment = "手写的注释";
    const saved = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, content } });
    expect(saved.content).toStrictEqual(content);
    expect(saved.model.sections[0].children!.find((f) => f.key === "email")!.extras.schema).toEqual({ $comment: "手写的注释" });
  });

  it("discards a draft back to the current version", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const saved = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: updateField(opened.model, "basic.name", (f) => ({ ...f, label: "姓名" })) } });
    const back = await discardDraft({ actor: admin, templateKey: key, input: { revision: saved.template.revision } });
    expect(back.source).toBe("version");
    expect(back.content).toStrictEqual(opened.content);
    expect((await TemplateModel.findById(key).lean())!.draft).toBeFalsy();
  });

  it("creates a blank template as a draft that can be filled and published", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = testKey("blank");
    cleanup.templates.push(key);
    const created = await createTemplate({ actor: admin, input: { name: "健康险回访", key } });
    expect(created).toMatchObject({ key, currentVersion: 0, hasDraft: true, status: "active" });
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    expect(opened.problems.map((p) => p.message)).toEqual(["模板还没有任何字段，请先添加字段再发布"]);
    // The designer shows exactly what publishing refuses (it once said "没有问题" here), and the
    // refusal names the problem and its place; the draft itself still saves.
    const shown = designerChecks(opened.content, null);
    expect(shown.all).toEqual(opened.problems);
    expect(shown.blocking).toEqual([]);
    const empty = await failure(publishDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision } }));
    expect(empty.code).toBe("VALIDATION");
    expect(empty.message).toContain("模板还没有任何字段");
    expect(empty.details?.problems).toEqual(shown.all);
    expect(empty.fieldErrors).toEqual([{ path: "", label: "模板", message: "模板还没有任何字段，请先添加字段再发布", keyword: "template" }]);
    const onlySection = { ...opened.model, sections: [createField({ kind: "section", label: "空分组", siblingKeys: [] })] };
    const savedEmpty = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: onlySection } });
    expect(savedEmpty.problems.map((p) => p.publishOnly)).toEqual([true]);
    expect((await failure(publishDraft({ actor: admin, templateKey: key, input: { revision: savedEmpty.template.revision } }))).details?.problems).toEqual(
      designerChecks(savedEmpty.content, null).all,
    );
    opened.template.revision = savedEmpty.template.revision;
    const section = { ...createField({ kind: "section", label: "回访信息", siblingKeys: [] }), children: [{ ...createField({ kind: "text", label: "客户姓名", siblingKeys: [] }), required: true }] };
    const saved = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: { ...opened.model, sections: [section] } } });
    const published = await publishDraft({ actor: admin, templateKey: key, input: { revision: saved.template.revision, note: "第一版" } });
    expect(published).toMatchObject({ version: 1, impact: { total: 0, failing: 0 } });
    expect(fromContent((await getTemplateForEdit({ actor: admin, templateKey: key })).content).sections[0].key).toBe("huifangxinxi");
  });

  it("derives a free key from the name", async () => {
    const admin = await makeActor("admin", cleanup);
    const a = await createTemplate({ actor: admin, input: { name: "车险客户档案" } });
    const b = await createTemplate({ actor: admin, input: { name: "车险客户档案" } });
    cleanup.templates.push(a.key, b.key);
    expect(a.key.startsWith("cxkhda")).toBe(true);
    expect(b.key).not.toBe(a.key);
    const taken = await failure(createTemplate({ actor: admin, input: { name: "重复", key: a.key } }));
    expect(taken.code).toBe("CONFLICT");
  });

  it("lets only administrators touch drafts", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    for (const role of ["agent", "reviewer", "viewer"] as const) {
      const actor = await makeActor(role, cleanup);
      const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
      for (const call of [
        getTemplateForEdit({ actor, templateKey: key }),
        saveDraft({ actor, templateKey: key, input: { revision: opened.template.revision, model: opened.model } }),
        publishDraft({ actor, templateKey: key, input: { revision: opened.template.revision } }),
        discardDraft({ actor, templateKey: key, input: { revision: opened.template.revision } }),
        analyzeImpact({ actor, templateKey: key, content: opened.content }),
        createTemplate({ actor, input: { name: "x" } }),
      ])
        expect((await failure(call)).code).toBe("FORBIDDEN");
    }
    expect((await failure(getTemplateForEdit({ actor: null, templateKey: key }))).code).toBe("UNAUTHENTICATED");
  });
});
