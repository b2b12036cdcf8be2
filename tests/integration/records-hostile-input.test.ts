import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { createRecord } from "@/lib/records/create-record";
import { updateRecord } from "@/lib/records/update-record";
import { insertField } from "@/lib/template-model/model-paths";
import { createField } from "@/lib/template-model/new-field";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { saveDraft } from "@/lib/templates/save-draft";
import { MAX_TEXT_LENGTH } from "@/lib/schema/text-rules";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

type Data = Record<string, Record<string, unknown>>;
const stored = (policyNo: string) => RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": policyNo });

describe("hostile record data: a clear 4xx, nothing stored, nothing crashed", () => {
  it("deeply nested data is a 400, not a stack overflow", async () => {
    const agent = await makeActor("agent", cleanup);
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const data = customerData() as Data;
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input: { ...data, notes: deep } }), "BAD_REQUEST");
    expect(err.message).toMatch(/嵌套过深/);
    expect(await stored(data.policy.policyNo as string)).toBe(0);
    // An edit too: it is copied (to keep removed fields' values) before it is validated.
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    await expectDomainError(updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: { ...created.data, notes: deep }, expectedRevision: 1 }), "BAD_REQUEST");
    expect((await RecordModel.findById(created.id).lean())?.revision).toBe(1);
  });

  it("a __proto__ key is refused, not silently dropped", async () => {
    const agent = await makeActor("agent", cleanup);
    const data = customerData() as Data;
    const input = JSON.parse(JSON.stringify(data).replace('"basic":{', '"basic":{"__proto__":{"admin":true},'));
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input }), "BAD_REQUEST");
    expect(err.fieldErrors?.[0]).toMatchObject({ path: "/basic/__proto__" });
    expect(await stored(data.policy.policyNo as string)).toBe(0);
  });

  it("NUL and other control characters are refused next to the field, on create and on update", async () => {
    const agent = await makeActor("agent", cleanup);
    const data = customerData({ basic: { name: "张\u0000三" } }) as Data;
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input: data }), "VALIDATION");
    expect(err.fieldErrors).toEqual([{ path: "/basic/name", label: "客户基础信息 › 客户姓名", message: "客户姓名包含不可见的控制字符或残缺的字符，请删除后再保存", keyword: "x-chars" }]);
    expect(await stored(data.policy.policyNo as string)).toBe(0);

    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo: unique("P") } }) });
    const edit = structuredClone(created.data) as Data;
    edit.policy.productName = "安心\u001b[2J保";
    const upd = await expectDomainError(updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: edit, expectedRevision: 1 }), "VALIDATION");
    expect(upd.fieldErrors?.[0]).toMatchObject({ path: "/policy/productName", keyword: "x-chars" });
    expect((await RecordModel.findById(created.id).lean())?.revision).toBe(1);
  });

  it("a field added without a length limit still takes no more than MAX_TEXT_LENGTH characters", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const clone = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: clone });
    const model = insertField(opened.model, "basic", createField({ kind: "text", label: "车牌号", siblingKeys: [], key: "plate" }));
    const draft = await saveDraft({ actor: admin, templateKey: clone, input: { revision: opened.template.revision, model } });
    await publishDraft({ actor: admin, templateKey: clone, input: { revision: draft.template.revision } });

    const data = customerData({ basic: { plate: "京".repeat(MAX_TEXT_LENGTH + 1) } }) as Data;
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: clone, input: data }), "VALIDATION");
    expect(err.fieldErrors?.map((e) => [e.path, e.message])).toEqual([["/basic/plate", `车牌号过长，最多 ${MAX_TEXT_LENGTH} 个字符`]]);
    expect(await RecordModel.countDocuments({ templateKey: clone })).toBe(0);
    data.basic.plate = "京A12345";
    expect((await createRecord({ answer: "full", actor: agent, templateKey: clone, input: data })).revision).toBe(1);
  });

  it("a date with words after it is refused, not cut down to the date", async () => {
    const agent = await makeActor("agent", cleanup);
    const data = customerData({ policy: { startDate: "2024-01-01 左右，待确认" } }) as Data;
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input: data }), "VALIDATION");
    expect(err.fieldErrors?.map((e) => e.path)).toContain("/policy/startDate");
    expect(await stored(data.policy.policyNo as string)).toBe(0);
    data.policy.startDate = "2024/1/1 0:00:00";
    expect(((await createRecord({ answer: "full", actor: agent, templateKey: key, input: data })).data as Data).policy.startDate).toBe("2024-01-01");
  });

  it("a template with open sections still refuses keys the database cannot take: 422, not 500", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const clone = await cloneArchive(admin, cleanup);
    // The JSON view can leave a section open to unknown keys.
    const edit = await getTemplateForEdit({ actor: admin, templateKey: clone });
    const content = structuredClone(edit.content);
    delete content.schema.properties!.basic.additionalProperties;
    const draft = await saveDraft({ actor: admin, templateKey: clone, input: { revision: edit.template.revision, content } });
    await publishDraft({ actor: admin, templateKey: clone, input: { revision: draft.template.revision } });

    for (const extra of [{ $where: "1" }, { "a.b": 1 }, { "a\u0000b": 1 }, { "": 1 }, { note: { $ne: 1 } }]) {
      const data = customerData({ basic: extra }) as Data;
      const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: clone, input: data }), "VALIDATION");
      expect(err.fieldErrors?.[0]).toMatchObject({ keyword: "propertyNames", message: expect.stringContaining("不允许的字段名") });
    }
    expect(await RecordModel.countDocuments({ templateKey: clone })).toBe(0);
    // An unknown key that could be a field is the template's business: open means open.
    expect((await createRecord({ answer: "full", actor: agent, templateKey: clone, input: customerData({ basic: { nickname: "小张" } }) })).revision).toBe(1);
  });
});
