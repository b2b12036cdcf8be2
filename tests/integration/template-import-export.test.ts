import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { exportTemplate } from "@/lib/templates/export-template";
import { getTemplate } from "@/lib/templates/get-template";
import { importTemplate } from "@/lib/templates/import-template";
import { listTemplates } from "@/lib/templates/list-templates";
import { createRecord } from "@/lib/records/create-record";
import { setTemplateArchived } from "@/lib/templates/set-template-archived";
import { loadVersionContent } from "@/lib/templates/template-doc";
import { Cleanup, cloneArchive, customerData, makeActor, testKey, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return err;
}

describe("export and import", () => {
  it("round-trips a template through its JSON file", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup, "导出测试");
    const file = await exportTemplate({ actor: admin, templateKey: key });
    expect(file).toMatchObject({ format: "dossier-template", formatVersion: 1, key, name: "导出测试", version: 1 });
    const text = JSON.stringify(file);

    const newKey = testKey("imp");
    cleanup.templates.push(newKey);
    const imported = await importTemplate({ actor: admin, input: { document: JSON.parse(text), key: newKey } });
    expect(imported).toMatchObject({ key: newKey, name: "导出测试", currentVersion: 1, hasDraft: false });
    expect(await loadVersionContent(newKey, 1)).toStrictEqual(file.content);

    // The same file again: its key is taken; an error, or the next free key on request.
    const taken = await rejection(importTemplate({ actor: admin, input: { document: JSON.parse(text) } }));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.message).toContain(key);
    const renamed = await importTemplate({ actor: admin, input: { document: JSON.parse(text), onConflict: "rename" } });
    cleanup.templates.push(renamed.key);
    expect(renamed.key).toBe(`${key}-2`);
  });

  it("refuses files that are not templates, with clear Chinese errors", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const good = await exportTemplate({ actor: admin, templateKey: key });
    const cases: [unknown, string][] = [
      ["不是对象", "不是 JSON 对象"],
      [{ rows: [1, 2, 3] }, "不是 Dossier 模板文件"],
      [{ ...good, formatVersion: 7 }, "不支持的模板文件版本“7”"],
      [{ ...good, name: "" }, "缺少名称"],
      [{ ...good, content: { schema: {}, uiSchema: {} } }, "模板内容格式不正确"],
      [{ ...good, content: { ...good.content, schema: { type: "object", properties: { a: { type: "strin", title: "甲" } } } } }, "JSON Schema"],
    ];
    for (const [document, message] of cases) {
      const err = await rejection(importTemplate({ actor: admin, input: { document, key: testKey("bad") } }));
      expect(err.code, message).toBe("VALIDATION");
      expect(err.message, message).toContain(message);
    }
    const dup = structuredClone(good);
    dup.content.schema.properties!.basic.properties!.gender.enum = ["男", "男"];
    const err = await rejection(importTemplate({ actor: admin, input: { document: dup, key: testKey("bad") } }));
    expect(err.fieldErrors).toContainEqual(expect.objectContaining({ path: "/basic/gender", keyword: "options" }));
  });

  it("exports only for readers, the draft only for administrators", async () => {
    const admin = await makeActor("admin", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const key = await cloneArchive(admin, cleanup);
    expect((await exportTemplate({ actor: viewer, templateKey: key })).version).toBe(1);
    expect((await rejection(exportTemplate({ actor: viewer, templateKey: key, version: "draft" }))).code).toBe("FORBIDDEN");
    expect((await rejection(importTemplate({ actor: viewer, input: { document: {} } }))).code).toBe("FORBIDDEN");
  });
});

describe("archiving", () => {
  it("hides a template from everyone's list but administrators', and brings it back", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const archived = await setTemplateArchived({ actor: admin, templateKey: key, archived: true });
    expect(archived.status).toBe("archived");
    expect((await listTemplates(agent)).map((t) => t.key)).not.toContain(key);
    expect((await listTemplates(admin, { includeArchived: true })).find((t) => t.key === key)?.status).toBe("archived");
    expect((await getTemplate({ actor: agent, templateKey: key })).content).not.toBeNull();
    expect((await rejection(setTemplateArchived({ actor: agent, templateKey: key, archived: false }))).code).toBe("FORBIDDEN");
    // An archived template takes no new records.
    expect((await rejection(createRecord({ actor: agent, templateKey: key, input: customerData() }))).code).toBe("BAD_REQUEST");
    await setTemplateArchived({ actor: admin, templateKey: key, archived: false });
    expect((await listTemplates(agent)).map((t) => t.key)).toContain(key);
    const created = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    expect(created.templateKey).toBe(key);
  });
});
