import mongoose, { Types } from "mongoose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditChanges } from "@/lib/audit/audit-changes";
import { setAuditInsertHook } from "@/lib/audit/audit-insert-hook";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { AuditOutboxModel } from "@/lib/db/models/audit-outbox";
import { RecordModel, RevisionClaimModel } from "@/lib/db/models/record";
import { undoImport } from "@/lib/imports/undo-import";
import { createRecord } from "@/lib/records/create-record";
import { diffData } from "@/lib/records/diff";
import { updateRecord } from "@/lib/records/update-record";
import { createRecords } from "@/lib/records/write/create-records";
import { openCreates, recoverLogged, recoverRecordEvents } from "@/lib/records/write/record-events";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { importEnded } from "./support/import-jobs";
import { importFile, importSetup, xlsxFile } from "./support/import-files";
import { Cleanup, customerData, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(async () => {
  setAuditInsertHook(null);
  vi.restoreAllMocks();
  await cleanup.run();
});

/**
 * The server killed after the record's write and before its event's insert: the first insert of
 * events that `hits` picks fails, and nothing of that write's own steps after it runs to completion.
 */
function killBeforeEvents(hits: (ids: string[]) => boolean) {
  setAuditInsertHook((ids) => {
    if (!hits(ids)) return;
    setAuditInsertHook(null);
    throw new Error("killed before the audit event");
  });
}

const events = (entityId: string) => AuditEventModel.find({ entity: "record", entityId }).sort({ revision: 1 }).lean();
const renamed = (data: Record<string, unknown>, name: string) => ({ ...data, basic: { ...(data.basic as object), name } });

describe("a record's audit event survives a server killed between the record's write and the event", () => {
  it("a form edit: the recovery stores its event once, with its changes; an edit made before the recovery stores it too", async () => {
    const agent = await makeActor("agent", cleanup);
    const input = customerData({ basic: { name: "编辑前" } });
    const { id } = await createRecord({ actor: agent, templateKey: key, input });
    killBeforeEvents((ids) => ids.includes(`record:${id}:2`));
    await updateRecord({ actor: agent, templateKey: key, recordId: id, expectedRevision: 1, input: renamed(input, "编辑后") });
    expect((await RecordModel.findById(id).lean())!.revision).toBe(2);
    expect(await AuditEventModel.findById(`record:${id}:2`).lean()).toBeNull();

    // The restart: the recovery finds the write by what it left (before: the edit stayed without an event).
    await recoverRecordEvents();
    const stored = await events(id);
    expect(stored.map((e) => [e._id, e.action, e.actorId, e.revision])).toEqual([
      [`record:${id}:1`, "record.create", agent.id, 1],
      [`record:${id}:2`, "record.update", agent.id, 2],
    ]);
    expect(auditChanges(stored[1])).toMatchObject([{ path: "/basic/name", before: "编辑前", after: "编辑后" }]);
    expect(await RevisionClaimModel.countDocuments({ entityId: id })).toBe(0);
    // Again: nothing more.
    await recoverRecordEvents();
    expect(await events(id)).toHaveLength(2);

    // Killed again, and this time someone edits the record before any recovery has run: the event of
    // the edit in between is stored by the next one (before: lost for good).
    killBeforeEvents((ids) => ids.includes(`record:${id}:3`));
    await updateRecord({ actor: agent, templateKey: key, recordId: id, expectedRevision: 2, input: renamed(input, "再改") });
    await updateRecord({ actor: agent, templateKey: key, recordId: id, expectedRevision: 3, input: renamed(input, "三改") });
    const after = await events(id);
    expect(after.map((e) => e.revision)).toEqual([1, 2, 3, 4]);
    expect(auditChanges(after[2])).toMatchObject([{ path: "/basic/name", before: "编辑后", after: "再改" }]);
    expect(auditChanges(after[3])).toMatchObject([{ path: "/basic/name", before: "再改", after: "三改" }]);
  });

  it("a single create: the recovery stores its creation event once", async () => {
    const agent = await makeActor("agent", cleanup);
    const name = unique("新建");
    killBeforeEvents((ids) => ids.some((e) => e.endsWith(":1")));
    const input = customerData({ basic: { name } });
    await createRecord({ actor: agent, templateKey: key, input });
    const record = (await RecordModel.findOne({ templateKey: key, "data.basic.name": name }).lean())!;
    const id = String(record._id);
    expect(await events(id)).toEqual([]);

    await recoverRecordEvents();
    const stored = await events(id);
    expect(stored.map((e) => [e._id, e.action, e.actorId, e.actorRole, e.revision])).toEqual([[`record:${id}:1`, "record.create", agent.id, "agent", 1]]);
    const schema = (await getPublishedTemplate(agent, key)).content.schema;
    expect(auditChanges(stored[0])).toEqual(diffData(schema, {}, record.data));
    expect(await AuditOutboxModel.countDocuments({ recordIds: id })).toBe(0);
  });

  it("a batch create outside an import: the recovery stores every creation event once, derived from the records; an edit before it stores that record's", async () => {
    const agent = await makeActor("agent", cleanup);
    const names = [unique("批甲"), unique("批乙"), unique("批丙")];
    killBeforeEvents((ids) => ids.length === 3);
    await expect(createRecords({ actor: agent, templateKey: key, records: names.map((name) => ({ input: customerData({ basic: { name } }) })), meta: { source: "test" } })).rejects.toThrow("killed");
    const records = await RecordModel.find({ templateKey: key, "data.basic.name": { $in: names } }).sort({ _id: 1 }).lean();
    const ids = records.map((r) => String(r._id));
    expect(ids).toHaveLength(3);
    expect(await AuditEventModel.countDocuments({ entityId: { $in: ids } })).toBe(0);

    // One of them is edited before the recovery runs: its creation event is stored first.
    const edited = records[0];
    await updateRecord({ actor: agent, templateKey: key, recordId: ids[0], expectedRevision: 1, input: renamed(edited.data as Record<string, unknown>, "批改") });
    expect((await events(ids[0])).map((e) => [e.action, e.revision])).toEqual([
      ["record.create", 1],
      ["record.update", 2],
    ]);

    await recoverRecordEvents();
    const schema = (await getPublishedTemplate(agent, key)).content.schema;
    for (const [i, r] of records.entries()) {
      const created = (await events(ids[i]))[0];
      expect([created._id, created.action, created.actorId, created.actorRole, created.meta, (created.at as Date).getTime()]).toEqual([`record:${ids[i]}:1`, "record.create", agent.id, "agent", { source: "test" }, (r.createdAt as Date).getTime()]);
      expect(auditChanges(created)).toEqual(diffData(schema, {}, r.data));
    }
    expect(await AuditEventModel.countDocuments({ entityId: { $in: ids } })).toBe(4);
    expect(await AuditOutboxModel.countDocuments({ recordIds: { $in: ids } })).toBe(0);
  });

  it("a batch tried again after a crash: a record it stored whose input is refused now gets its creation event from the stored record, and reads as stored", async () => {
    const agent = await makeActor("agent", cleanup);
    const [first] = await createRecords({ actor: agent, templateKey: key, records: [{ input: customerData({ basic: { name: unique("重试") } }) }], meta: { source: "test" } });
    // Killed between the record and its event; the outbox note is gone too.
    await AuditEventModel.deleteOne({ _id: `record:${first.id}:1` });
    const record = (await RecordModel.findById(first.id).lean())!;
    // Tried again with input the template refuses now (a template published since, as an import
    // resumed after a publish gives it).
    const again = await createRecords({ actor: agent, templateKey: key, records: [{ id: first.id, input: { basic: {} }, stored: true, createdAt: record.createdAt as Date }], meta: { source: "test" } });
    // Before: rejected, and the record kept no creation event.
    expect(again).toEqual([{ id: first.id, status: "existed" }]);
    const created = (await events(first.id))[0];
    expect([created._id, created.action, created.actorId, created.meta, (created.at as Date).getTime()]).toEqual([`record:${first.id}:1`, "record.create", agent.id, { source: "test" }, (record.createdAt as Date).getTime()]);
    const schema = (await getPublishedTemplate(agent, key)).content.schema;
    expect(auditChanges(created)).toEqual(diffData(schema, {}, record.data));
  });

  it("an import's update: the recovery stores its event with the import's id, and the import's undo reverts that record", async () => {
    const { agent, key: archive } = await importSetup(cleanup);
    const P = unique("AUP");
    const header = ["客户姓名", "身份证号码", "保单号", "保险类型", "缴费日期", "缴费金额", "缴费状态"];
    const rows = (status: string) => Array.from({ length: 3 }, (_, i) => [`客户${i}`, residentId("19800101", i + 1), `${P}-${i}`, "人寿险", "2024-01-15", 12000, status]);
    const settings = { keyField: "policy.policyNo", mode: "upsert" };
    await importFile(agent, archive, await xlsxFile(rows("未缴费"), header), settings);
    const target = (await RecordModel.findOne({ templateKey: archive, "data.policy.policyNo": `${P}-1` }).lean())!;
    const id = String(target._id);
    killBeforeEvents((ids) => ids.includes(`record:${id}:2`));
    const second = await importFile(agent, archive, await xlsxFile(rows("已缴费"), header), settings);
    expect(second.run!.rows).toEqual({ update: 3 });
    expect(await AuditEventModel.findById(`record:${id}:2`).lean()).toBeNull();

    await recoverRecordEvents();
    const update = (await events(id))[1];
    expect([update._id, update.action, update.actorId, update.meta]).toEqual([`record:${id}:2`, "record.update", agent.id, { importId: second.view.id }]);
    expect(auditChanges(update)).toMatchObject([{ path: "/payments/0/status", before: "未缴费", after: "已缴费" }]);
    expect(await AuditEventModel.countDocuments({ action: "record.update", "meta.importId": second.view.id })).toBe(3);

    // The undo finds the update through that event (before: this record kept the import's value).
    await undoImport({ actor: agent, templateKey: archive, id: second.view.id });
    expect((await importEnded(agent, archive, second.view.id, "undo")).undo).toMatchObject({ reverted: 3 });
    expect((await RecordModel.findById(id).lean())!.data).toEqual(target.data);
  }, 120_000);

  it("a recovery that runs while the write completes stores each event once, as the write would", async () => {
    const agent = await makeActor("agent", cleanup);
    const input = customerData();
    const { id } = await createRecord({ actor: agent, templateKey: key, input });
    // The recovery runs between the record's write and the event's insert, then the write goes on.
    let ran = 0;
    setAuditInsertHook(async (ids) => {
      if (!ids.includes(`record:${id}:2`)) return;
      setAuditInsertHook(null);
      ran = await recoverRecordEvents();
    });
    await updateRecord({ actor: agent, templateKey: key, recordId: id, expectedRevision: 1, input: renamed(input, "并发") });
    expect(ran).toBe(1);
    const stored = await events(id);
    expect(stored.map((e) => [e._id, e.action])).toEqual([
      [`record:${id}:1`, "record.create"],
      [`record:${id}:2`, "record.update"],
    ]);
    const record = (await RecordModel.findById(id).lean())!;
    expect(stored[1]).toEqual(record.lastAudit);
    expect(await RevisionClaimModel.countDocuments({ entityId: id })).toBe(0);

    // A batch: the recovery stores the events from the records, the batch then finds them stored.
    const names = [unique("并甲"), unique("并乙")];
    let batchRan = 0;
    setAuditInsertHook(async (ids) => {
      if (ids.length !== 2) return;
      setAuditInsertHook(null);
      batchRan = await recoverRecordEvents();
    });
    const outcomes = await createRecords({ actor: agent, templateKey: key, records: names.map((name) => ({ input: customerData({ basic: { name } }) })) });
    expect(batchRan).toBe(2);
    const ids = outcomes.map((o) => o.id);
    const created = await AuditEventModel.find({ entityId: { $in: ids } }).lean();
    expect(created.map((e) => e.action)).toEqual(["record.create", "record.create"]);
    expect(await AuditOutboxModel.countDocuments({ recordIds: { $in: ids } })).toBe(0);
  });
});

describe("what the recovery cannot use is let go of, and said once", () => {
  const ago = (ms: number) => new Date(Date.now() - ms);
  /** The lines `spy` was called with that mention `text`. */
  const lines = (spy: { mock: { calls: unknown[][] } }, text: string) => spy.mock.calls.filter((c) => c.some((a) => String(a).includes(text)));

  it("a revision claim whose record is gone or never reached its revision is removed once its lease is over", async () => {
    const agent = await makeActor("agent", cleanup);
    const { id } = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    const gone = String(new Types.ObjectId());
    const fresh = String(new Types.ObjectId());
    await RevisionClaimModel.create([
      // A writer that died before its update: the record is still at revision 1.
      { _id: `record:${id}@3`, entity: "record", entityId: id, at: ago(60_000) },
      // A record removed since.
      { _id: `record:${gone}@2`, entity: "record", entityId: gone, at: ago(60_000) },
      // A writer at it now: its claim stays.
      { _id: `record:${fresh}@2`, entity: "record", entityId: fresh, at: new Date() },
    ]);
    try {
      await recoverRecordEvents();
      // Before: all three stayed, and every run read them again.
      expect((await RevisionClaimModel.find({ entityId: { $in: [id, gone, fresh] } }).lean()).map((c) => c._id)).toEqual([`record:${fresh}@2`]);
    } finally {
      await RevisionClaimModel.deleteMany({ entityId: { $in: [id, gone, fresh] } });
    }
  });

  it("an outbox note whose events cannot be built is said once, tried until its lease ends, then closed, saying so", async () => {
    const agent = await makeActor("agent", cleanup);
    const { id } = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    // Its creation event is missing, and the template version it was stored with is not there.
    await AuditEventModel.deleteOne({ _id: `record:${id}:1` });
    await RecordModel.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { templateVersion: 999 } });
    const note = await openCreates({ recordIds: [id], batch: { templateKey: key, actor: { id: agent.id, name: agent.name, role: agent.role }, action: "record.create", locale: "zh" } });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await recoverRecordEvents();
      await recoverRecordEvents();
      expect(lines(errors, note)).toHaveLength(1);
      expect(await AuditOutboxModel.countDocuments({ _id: note })).toBe(1);
      // Its lease is over: closed, said once more; then nothing.
      await AuditOutboxModel.collection.updateOne({ _id: note } as never, { $set: { at: ago(11 * 60_000) } });
      await recoverRecordEvents();
      await recoverRecordEvents();
      // Before: kept, and said on every run (every 15 s, for ever).
      expect(await AuditOutboxModel.countDocuments({ _id: note })).toBe(0);
      expect(lines(errors, note)).toHaveLength(2);
      expect(String(lines(errors, note)[1][0])).toContain("closed");
    } finally {
      await AuditOutboxModel.collection.deleteOne({ _id: note } as never);
    }
  });

  it("an outbox note past its lease is kept when its recovery meets the database away (mongoose's buffering timeout)", async () => {
    const agent = await makeActor("agent", cleanup);
    const { id } = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    await AuditEventModel.deleteOne({ _id: `record:${id}:1` });
    const note = await openCreates({ recordIds: [id], batch: { templateKey: key, actor: { id: agent.id, name: agent.name, role: agent.role }, action: "record.create", locale: "zh" } });
    await AuditOutboxModel.collection.updateOne({ _id: note } as never, { $set: { at: ago(11 * 60_000) } });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const find = vi.spyOn(RecordModel, "find").mockImplementation(() => {
      throw new mongoose.Error("Operation `records.find()` buffering timed out after 10000ms");
    });
    try {
      await recoverRecordEvents();
      // Before: closed as a note that can never be used — the record's creation event lost for good.
      expect(await AuditOutboxModel.countDocuments({ _id: note })).toBe(1);
      find.mockRestore();
      await recoverRecordEvents();
      expect(await AuditOutboxModel.countDocuments({ _id: note })).toBe(0);
      expect(await AuditEventModel.countDocuments({ _id: `record:${id}:1` })).toBe(1);
    } finally {
      find.mockRestore();
      await AuditOutboxModel.collection.deleteOne({ _id: note } as never);
    }
  });

  it("a recovery that fails on every run (the database away) says so once, and once when it works again", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const said = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const away = () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:27017"));
    for (let run = 0; run < 3; run++) await recoverLogged(away);
    // Before: one line per run (every 15 s for as long as the database was away).
    expect(lines(errors, "ECONNREFUSED")).toHaveLength(1);
    await recoverLogged(() => Promise.resolve(0));
    await recoverLogged(() => Promise.resolve(0));
    expect(lines(said, "恢复正常")).toHaveLength(1);
    await recoverLogged(away);
    expect(lines(errors, "ECONNREFUSED")).toHaveLength(2);
    await recoverLogged(() => Promise.resolve(0));
  });
});
