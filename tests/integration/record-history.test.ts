import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { recordHistory, recordHistoryPage } from "@/lib/records/record-history";
import { revealField } from "@/lib/records/reveal-field";
import { updateRecord } from "@/lib/records/update-record";
import { Cleanup, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("record history and reveal", () => {
  it("lists changes newest first, masks personal data, and names the revealed field", async () => {
    const agent = await makeActor("agent", cleanup);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    cleanup.records.push(created.id);
    const data = structuredClone(created.data) as Record<string, Record<string, unknown>>;
    data.basic.mobile = "13912345678";
    data.policy.premium = 15000;
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: data, expectedRevision: 1 });
    const { value } = await revealField({ actor: agent, templateKey: key, recordId: created.id, path: "/basic/idNumber" });
    expect(value).toBe("11010519491231002X");

    const history = await recordHistory({ actor: agent, templateKey: key, recordId: created.id });
    expect(history.map((h) => h.action)).toEqual(["record.reveal", "record.update", "record.create"]);
    expect(history[0].meta).toMatchObject({ path: "/basic/idNumber" });
    const mobile = history[1].changes.find((c) => c.path === "/basic/mobile");
    expect(mobile).toMatchObject({ before: "138****8000", after: "139****5678" });
    expect(history[1].changes.find((c) => c.path === "/policy/premium")).toMatchObject({ before: 12000, after: 15000 });
  });

  it("shows events stored before the changes became one string (an array of documents) beside newer ones", async () => {
    const agent = await makeActor("agent", cleanup);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    cleanup.records.push(created.id);
    expect(typeof (await AuditEventModel.collection.findOne({ _id: `record:${created.id}:1` as never }))?.changes).toBe("string");
    // An edit as older versions stored it: changes as nested documents, an absent value as null.
    const first = (await AuditEventModel.collection.findOne({ _id: `record:${created.id}:1` as never }))!;
    await AuditEventModel.collection.insertOne({
      ...first,
      _id: `record:${created.id}:2` as never,
      at: new Date(first.at.getTime() + 1000),
      action: "record.update",
      revision: 2,
      changes: [
        { path: "/basic/mobile", label: "客户基础信息 › 手机号码", before: "13800138000", after: "13912345678" },
        { path: "/notes/remarks", label: "备注信息 › 备注", before: null, after: "已电话回访" },
      ],
    });

    const history = await recordHistory({ actor: agent, templateKey: key, recordId: created.id });
    expect(history.map((h) => [h.action, h.revision])).toEqual([["record.update", 2], ["record.create", 1]]);
    expect(history[0].changes).toEqual([
      { path: "/basic/mobile", label: "客户基础信息 › 手机号码", before: "138****8000", after: "139****5678" },
      { path: "/notes/remarks", label: "备注信息 › 备注", before: null, after: "已电话回访" },
    ]);
    expect(history[1].changes.find((c) => c.path === "/basic/mobile")).toMatchObject({ before: undefined, after: "138****8000" });
    expect(history[1].changes.length).toBeGreaterThan(5);
  });

  it("hides a deleted record's history from roles that cannot open it, not from administrators", async () => {
    const agent = await makeActor("agent", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const admin = await makeActor("admin", cleanup);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    cleanup.records.push(created.id);
    await deleteRecord({ actor: agent, templateKey: key, recordId: created.id, expectedRevision: 1 });

    await expect(recordHistory({ actor: viewer, templateKey: key, recordId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const history = await recordHistory({ actor: admin, templateKey: key, recordId: created.id });
    expect(history.map((h) => h.action)).toEqual(["record.delete", "record.create"]);
    // Administrators open deleted records from the recycle bin, so they may reveal there too.
    await expect(revealField({ actor: admin, templateKey: key, recordId: created.id, path: "/basic/idNumber" })).resolves.toEqual({ value: "11010519491231002X" });
    await expect(revealField({ actor: agent, templateKey: key, recordId: created.id, path: "/basic/idNumber" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pages changes and reveals apart: sixty reveals do not push the edits out of view", async () => {
    const agent = await makeActor("agent", cleanup);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    cleanup.records.push(created.id);
    const data = structuredClone(created.data) as Record<string, Record<string, unknown>>;
    for (let i = 0; i < 3; i++) {
      data.policy.premium = 1000 + i;
      await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: data, expectedRevision: i + 1 });
    }
    for (let i = 0; i < 60; i++) await revealField({ actor: agent, templateKey: key, recordId: created.id, path: "/basic/idNumber" });

    const changes = await recordHistoryPage({ actor: agent, templateKey: key, recordId: created.id, kind: "changes", size: 2 });
    expect(changes.entries.map((h) => [h.action, h.revision])).toEqual([
      ["record.update", 4],
      ["record.update", 3],
    ]);
    expect(changes.hasMore).toBe(true);
    const older = await recordHistoryPage({ actor: agent, templateKey: key, recordId: created.id, kind: "changes", size: 2, page: 2 });
    expect(older.entries.map((h) => [h.action, h.revision])).toEqual([
      ["record.update", 2],
      ["record.create", 1],
    ]);
    expect(older.hasMore).toBe(false);
    const reveals = await recordHistoryPage({ actor: agent, templateKey: key, recordId: created.id, kind: "reveals", size: 50 });
    expect(reveals.entries).toHaveLength(50);
    expect(reveals.entries.every((h) => h.action === "record.reveal")).toBe(true);
    expect(reveals.hasMore).toBe(true);
    expect((await recordHistoryPage({ actor: agent, templateKey: key, recordId: created.id, kind: "reveals", size: 50, page: 2 })).entries).toHaveLength(10);
  });

  it("answers 404 for a record that does not exist and 403 for reveals by viewers", async () => {
    const viewer = await makeActor("viewer", cleanup);
    await expect(recordHistory({ actor: viewer, templateKey: key, recordId: "0123456789abcdef01234567" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revealField({ actor: viewer, templateKey: key, recordId: "0123456789abcdef01234567", path: "/basic/idNumber" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
