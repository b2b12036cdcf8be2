import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { TemplateVersionModel } from "@/lib/db/models/template";
import { insertField, removeField, setShowInList, updateField } from "@/lib/template-model/model-paths";
import { createField } from "@/lib/template-model/new-field";
import { toContent } from "@/lib/template-model/to-content";
import { DomainError } from "@/lib/errors";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { listRecords } from "@/lib/records/list-records";
import { updateRecord } from "@/lib/records/update-record";
import { analyzeImpact } from "@/lib/migrations/analyze-impact";
import { commitVersion } from "@/lib/templates/commit-version";
import { diffVersions } from "@/lib/templates/diff-versions";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { listVersions } from "@/lib/templates/list-versions";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { saveDraft } from "@/lib/templates/save-draft";
import { loadVersionContent } from "@/lib/templates/template-doc";
import { Cleanup, cloneArchive, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const occupation = () => ({ ...createField({ kind: "select", label: "职业", siblingKeys: [] }), options: ["教师", "医生", "工程师", "个体经营", "其他"], filterable: true });

describe("publishing", () => {
  it("publishes version N+1, keeps earlier versions immutable and records on their version", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const v1 = await TemplateVersionModel.findById(`${key}@1`).lean();
    const old = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    expect(old.templateVersion).toBe(1);

    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const model = setShowInList(insertField(opened.model, "basic", occupation()), "basic.zhiye", true);
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
    const published = await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision, note: "新增职业" } });
    expect(published).toMatchObject({ version: 2, impact: { total: 1, failing: 0, groups: [] } });

    expect(await TemplateVersionModel.findById(`${key}@1`).lean()).toStrictEqual(v1);
    const history = await listVersions({ actor: agent, templateKey: key });
    expect(history.versions.map((v) => [v.version, v.isCurrent, v.note])).toEqual([
      [2, true, "新增职业"],
      [1, false, `克隆自“保险客户档案管理表”第 1 版`],
    ]);
    expect(history.draft).toBeNull();

    // The old record keeps its version until it is saved again; it opens and saves unchanged.
    const reread = await getRecord({ actor: agent, templateKey: key, recordId: old.id, forEdit: true });
    expect(reread.templateVersion).toBe(1);
    const saved = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: old.id, input: reread.data, expectedRevision: reread.revision });
    expect(saved).toMatchObject({ templateVersion: 2, revision: 2, data: reread.data });

    // New records use the new field; the list shows it as a column and filters by it.
    const fresh = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ basic: { zhiye: "教师" } }) });
    expect(fresh.templateVersion).toBe(2);
    const { page } = await listRecords({ actor: agent, templateKey: key, searchParams: new URLSearchParams("f.basic.zhiye.in=教师") });
    expect(page.rows.map((r) => [r.id, r.cells["basic.zhiye"]])).toEqual([[fresh.id, "教师"]]);

    const diff = await diffVersions({ actor: agent, templateKey: key, from: 1, to: 2 });
    expect(diff.changes.map((c) => c.message)).toEqual(["新增单选“职业”（在“客户基础信息”中）", "列表新增列“职业”"]);
  });

  it("counts the records a field made required or a removed choice would reject", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const inputs = [
      customerData({ basic: { mobile: "13800138001" }, policy: { paymentMethod: "月缴" } }),
      customerData({ basic: { mobile: undefined as never }, policy: { paymentMethod: "月缴" } }),
      customerData({ basic: { mobile: undefined as never }, policy: { paymentMethod: "年缴" } }),
      customerData({ basic: { mobile: "13800138002", name: "王五" }, policy: { paymentMethod: "年缴" } }),
    ];
    const ids: string[] = [];
    for (const input of inputs) ids.push((await createRecord({ answer: "full", actor: agent, templateKey: key, input })).id);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    let model = updateField(opened.model, "basic.mobile", (f) => ({ ...f, required: true }));
    model = updateField(model, "policy.paymentMethod", (f) => ({ ...f, options: f.options!.filter((o) => o !== "月缴") }));
    const impact = await analyzeImpact({ actor: admin, templateKey: key, content: toContent(model), limit: 1 });
    expect(impact.total).toBe(4);
    expect(impact.failing).toBe(3);
    const required = impact.groups.find((g) => g.reason === "required")!;
    const choice = impact.groups.find((g) => g.reason === "choiceRemoved")!;
    expect(required).toMatchObject({ count: 2, label: "字段改为必填", fields: [{ path: "basic.mobile", label: "客户基础信息 › 手机号码", count: 2 }], truncated: true });
    expect(choice).toMatchObject({ count: 2, fields: [{ path: "policy.paymentMethod", count: 2 }] });
    expect(required.records).toHaveLength(1);
    expect(required.records[0]).toMatchObject({ title: "张*", templateVersion: 1 });
    expect(required.records[0].errors[0].message).toBe("请填写手机号码");

    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
    const published = await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
    expect(published.impact).toMatchObject({ total: 4, failing: 3 });
    expect((await TemplateVersionModel.findById(`${key}@2`).lean())!.impact).toEqual({ total: 4, failing: 3 });
    // Nothing was rewritten: the failing records are still there, on version 1, with their values.
    const record = await getRecord({ actor: agent, templateKey: key, recordId: ids[0], forEdit: true });
    expect(record).toMatchObject({ templateVersion: 1, revision: 1 });
    expect((record.data.policy as Record<string, unknown>).paymentMethod).toBe("月缴");

    // Making a field unique where two records share a value: both are named, so the admin can
    // settle it before one of them can no longer be saved.
    const next = await getTemplateForEdit({ actor: admin, templateKey: key });
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: ids[3], input: { ...inputs[3], basic: { ...(inputs[3].basic as Record<string, unknown>), mobile: "13800138001" } }, expectedRevision: 1 });
    const unique = await analyzeImpact({ actor: admin, templateKey: key, content: toContent(updateField(next.model, "basic.mobile", (f) => ({ ...f, unique: true }))) });
    expect(unique.groups.find((g) => g.reason === "duplicate")).toMatchObject({ count: 2, fields: [{ path: "basic.mobile", count: 2 }] });
    expect(unique.groups.find((g) => g.reason === "duplicate")!.records.map((r) => r.id).sort()).toEqual([ids[0], ids[3]].sort());
  });

  it("keeps the values of removed fields when a record is edited", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const input = customerData({ beneficiary: { isLegal: false, list: [{ name: "李四", idNumber: "11010519491231002X", share: 100 }] } as never });
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: { ...input, basic: { ...(input.basic as object), email: "a@b.cn" } } });
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const model = removeField(removeField(opened.model, "beneficiary"), "basic.email");
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
    await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
    const tpl = await getPublishedTemplate(agent, key);
    expect(tpl.fields.find((f) => f.path === "beneficiary")!.removed).toBe(true);
    // A form that hides removed fields sends them back without those values.
    const shown = await getRecord({ actor: agent, templateKey: key, recordId: record.id, forEdit: true });
    const { beneficiary: _hidden, ...visible } = shown.data;
    const basic: Record<string, unknown> = { ...(visible.basic as Record<string, unknown>), name: "张三丰" };
    delete basic.email;
    const saved = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: record.id, input: { ...visible, basic }, expectedRevision: shown.revision });
    expect(saved.data.beneficiary).toEqual(shown.data.beneficiary);
    expect((saved.data.basic as Record<string, unknown>).email).toBe("a@b.cn");
    expect((saved.data.basic as Record<string, unknown>).name).toBe("张三丰");
  });

  it("commits a version idempotently and refuses a publish that lost a race", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const content = toContent(updateField(opened.model, "basic.name", (f) => ({ ...f, label: "姓名" })));
    const expected = { revision: opened.template.revision, currentVersion: 1 };
    const first = await commitVersion({ key, content, actor: admin, note: "", expected, draft: "unset" });
    const again = await commitVersion({ key, content, actor: admin, note: "", expected, draft: "unset" });
    expect(again).toEqual(first);
    expect(await TemplateVersionModel.countDocuments({ templateKey: key })).toBe(2);
    const other = toContent(updateField(opened.model, "basic.name", (f) => ({ ...f, label: "名字" })));
    await expect(commitVersion({ key, content: other, actor: admin, note: "", expected, draft: "unset" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await loadVersionContent(key, 2)).schema.properties!.basic.properties!.name.title).toBe("姓名");
  });

  it("refuses to publish a stale revision or nothing", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    await expect(publishDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: opened.model } });
    const err = await publishDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision } }).catch((e: DomainError) => e);
    expect(err).toMatchObject({ code: "CONFLICT" });
  });
});
