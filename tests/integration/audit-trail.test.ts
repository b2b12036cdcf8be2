import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { insertField } from "@/lib/template-model/model-paths";
import { createField } from "@/lib/template-model/new-field";
import { createTemplate } from "@/lib/templates/create-template";
import { discardDraft } from "@/lib/templates/discard-draft";
import { exportTemplate } from "@/lib/templates/export-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { importTemplate } from "@/lib/templates/import-template";
import { runMigration } from "@/lib/migrations/run-migration";
import { startMigration } from "@/lib/migrations/start-migration";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { saveDraft } from "@/lib/templates/save-draft";
import { setTemplateArchived } from "@/lib/templates/set-template-archived";
import { updateTemplateInfo } from "@/lib/templates/update-template-info";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { Cleanup, cloneArchive, makeActor, testKey, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const trail = async (entity: "template" | "user", entityId: string) =>
  (await AuditEventModel.find({ entity, entityId }).sort({ at: 1, revision: 1 }).lean()).map((e) => e.action);

describe("every template and user write leaves an audit event", () => {
  it("a template's life: create, draft, discard, publish, rename, archive, migrate, export and import", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = testKey("aud");
    cleanup.templates.push(key);
    await createTemplate({ actor: admin, input: { name: "审计测试", key } });
    let edit = await getTemplateForEdit({ actor: admin, templateKey: key });
    const model = insertField(edit.model, "", { ...createField({ kind: "section", label: "基本", siblingKeys: [], key: "base" }), children: [createField({ kind: "text", label: "名称", siblingKeys: [], key: "title" })] });
    edit = await saveDraft({ actor: admin, templateKey: key, input: { revision: edit.template.revision, model } });
    const { revision } = await publishDraft({ actor: admin, templateKey: key, input: { revision: edit.template.revision, note: "第一版" } });
    edit = await saveDraft({ actor: admin, templateKey: key, input: { revision, model: edit.model } });
    edit = await discardDraft({ actor: admin, templateKey: key, input: { revision: edit.template.revision } });
    const renamed = await updateTemplateInfo({ actor: admin, templateKey: key, input: { revision: edit.template.revision, name: "审计测试（改名）" } });
    await setTemplateArchived({ actor: admin, templateKey: key, archived: true });
    await setTemplateArchived({ actor: admin, templateKey: key, archived: false });
    const job = await startMigration({ actor: admin, templateKey: key, input: { op: { type: "renameKey", path: "base.title", newKey: "name" } }, run: "none" });
    await runMigration({ jobId: job.id });
    expect(renamed.name).toBe("审计测试（改名）");
    expect(await trail("template", key)).toEqual([
      "template.create",
      "template.draft.save",
      "template.publish",
      "template.draft.save",
      "template.draft.discard",
      "template.update",
      "template.archive",
      "template.unarchive",
      "template.migrate.start",
      "template.migrate.done",
    ]);

    const copy = testKey("audc");
    cleanup.templates.push(copy);
    await importTemplate({ actor: admin, input: { document: await exportTemplate({ actor: admin, templateKey: key }), key: copy } });
    expect(await trail("template", copy)).toEqual(["template.import"]);
    const clone = await cloneArchive(admin, cleanup);
    expect(await trail("template", clone)).toEqual(["template.clone"]);
  });

  it("users: created, changed, password set, never the password itself", async () => {
    const admin = await makeActor("admin", cleanup);
    const user = await createUser({ actor: admin, input: { email: `${unique("u")}@test.local`.toLowerCase(), name: "审计用户", role: "agent", password: "Secret12345" } });
    cleanup.users.push(user.id);
    const changed = await updateUser({ actor: admin, userId: user.id, input: { revision: user.revision, role: "reviewer" } });
    await updateUser({ actor: admin, userId: user.id, input: { revision: changed.revision, password: "Another12345" } });
    const events = await AuditEventModel.find({ entity: "user", entityId: user.id }).sort({ at: 1 }).lean();
    expect(events.map((e) => [e.action, e.actorId, e.meta])).toEqual([
      ["user.create", admin.id, { email: user.email, role: "agent" }],
      ["user.update", admin.id, { role: "reviewer", passwordChanged: false }],
      ["user.update", admin.id, { passwordChanged: true }],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Secret12345|Another12345/);
  });
});
