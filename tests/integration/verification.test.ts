import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { recordHistory } from "@/lib/records/record-history";
import { updateRecord } from "@/lib/records/update-record";
import type { Actor } from "@/lib/auth/roles";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { getVerificationReview } from "@/lib/verification/get-verification-review";
import { countReturnedRecords, listReturnedRecords } from "@/lib/verification/list-returned-records";
import { countVerificationQueue, listVerificationQueue } from "@/lib/verification/list-verification-queue";
import { returnRecord } from "@/lib/verification/return-record";
import { verifyRecord } from "@/lib/verification/verify-record";
import { verifyRecords } from "@/lib/verification/verify-records";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, residentId, sameTeam, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

type Data = Record<string, Record<string, unknown>>;

/** Edits the record as its editor would: the current data in full, patched, from the current revision. */
async function edit(actor: Actor, recordId: string, patch: (data: Data) => void, templateKey = key) {
  const current = await getRecord({ actor, templateKey, recordId, forEdit: true });
  const data = structuredClone(current.data) as Data;
  patch(data);
  return updateRecord({ actor, templateKey, recordId, input: data, expectedRevision: current.revision });
}

describe("maker-checker verification", () => {
  it("a new record waits; its author cannot verify it, another reviewer can, and the verify is audited", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const record = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    expect(record.verification).toBe("pending");

    // An admin who entered the record is its author too: refused in the service, whatever the UI shows.
    const admin = await makeActor("admin", cleanup);
    const own = await createRecord({ actor: admin, templateKey: key, input: customerData() });
    const refused = await expectDomainError(verifyRecord({ actor: admin, templateKey: key, recordId: own.id, revision: own.revision }), "FORBIDDEN");
    expect(refused.localize("zh").message).toContain("不能核对自己");
    // Agents and viewers may not verify at all.
    await expectDomainError(verifyRecord({ actor: await makeActor("agent", cleanup), templateKey: key, recordId: record.id, revision: 1 }), "FORBIDDEN");

    const verified = await verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: record.revision });
    expect(verified).toMatchObject({ verification: "verified", revision: record.revision + 1, review: { verifiedBy: { id: reviewer.id }, verifiedRevision: record.revision } });
    expect(verified.review?.verifiedAt).toEqual(expect.any(String));
    // State, not an edit: "last updated" and its author stay.
    expect(verified.updatedAt).toBe(record.updatedAt);
    expect(verified.updatedBy.id).toBe(agent.id);

    const event = await AuditEventModel.findById(`record:${record.id}:${verified.revision}`).lean();
    expect(event).toMatchObject({ action: "record.verify", actorId: reviewer.id, meta: { verifiedRevision: record.revision } });
    const history = await recordHistory({ actor: agent, templateKey: key, recordId: record.id });
    expect(history.map((e) => e.action)).toEqual(["record.verify", "record.create"]);

    // Verifying it again: a clear refusal.
    const again = await expectDomainError(verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: verified.revision }), "CONFLICT");
    expect(again.localize("zh").message).toContain("已核对");
  });

  it("an edit of a critical field sends a verified record back to the queue; other edits keep it verified", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const record = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    await verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: record.revision });

    const note = await edit(agent, record.id, (d) => (d.basic.address = "北京市朝阳区"));
    expect(note.verification).toBe("verified");
    const remark = await edit(agent, record.id, (d) => (d.notes = { remarks: "客户希望电话联系" }));
    expect(remark.verification).toBe("verified");

    const id = await edit(agent, record.id, (d) => {
      d.basic = { ...d.basic, idNumber: residentId("19800101", 5), birthDate: "1980-01-01", gender: "男" };
    });
    expect(id.verification).toBe("pending");
    const queue = await listVerificationQueue({ actor: reviewer, templateKey: key, enteredBy: agent.id });
    expect(queue.items.map((i) => i.recordId)).toContain(record.id);
    expect(queue.items.find((i) => i.recordId === record.id)).toMatchObject({ isNew: false, revision: id.revision, enteredBy: { id: agent.id } });
    // The queue names what changed since the verified revision (labels only), critical ones marked.
    const fields = queue.items.find((i) => i.recordId === record.id)!.changedFields;
    expect(fields).toContainEqual({ label: "客户基础信息 › 身份证号码", critical: true });
    expect(fields).toContainEqual({ label: "客户基础信息 › 地址", critical: false });
    const waiting = await countVerificationQueue(reviewer);
    expect(waiting).toBeGreaterThanOrEqual(1);
    // The sidebar's count stops at its cap instead of reading a whole imported book each page.
    expect(await countVerificationQueue(reviewer, 1)).toBe(1);
    expect(await countVerificationQueue(reviewer, waiting + 5)).toBe(waiting);

    // The reviewer sees the change since the verified revision, field by field, critical marked, masked.
    const review = await getVerificationReview({ actor: reviewer, templateKey: key, recordId: record.id });
    expect(review).toMatchObject({ isNew: false, canVerify: true, refusal: null });
    const byPath = new Map(review.changes.map((c) => [c.path, c]));
    expect(byPath.get("/basic/idNumber")).toMatchObject({ critical: true, pii: true });
    expect(String(byPath.get("/basic/idNumber")!.after)).toContain("*");
    expect(byPath.get("/basic/address")).toMatchObject({ critical: false, pii: true });
    expect(byPath.get("/basic/address")!.after).not.toBe("北京市朝阳区");
    expect(byPath.get("/notes/remarks")).toMatchObject({ critical: false, pii: false, before: undefined, after: "客户希望电话联系" });

    // A beneficiary row added: the whole section is critical.
    await verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: id.revision });
    const rows = await edit(agent, record.id, (d) => {
      d.beneficiary = { isLegal: false, list: [{ name: "李四", idNumber: residentId("19900101", 3), relation: "子女", share: 100 }] };
    });
    expect(rows.verification).toBe("pending");
  });

  it("refuses a verify of a revision that is no longer the record's", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const record = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    const changed = await edit(agent, record.id, (d) => (d.basic.mobile = "13900139000"));
    const stale = await expectDomainError(verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: record.revision }), "CONFLICT");
    expect(stale.localize("zh").message).toContain(`第 ${record.revision} 版`);
    expect(stale.details).toMatchObject({ currentRevision: changed.revision });
    expect((await RecordModel.findById(record.id).lean())?.verification).toBe("pending");
    await expectDomainError(verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: "2" }), "BAD_REQUEST");
  });

  it("a reviewer who corrected a record cannot verify it: their correction needs another checker", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    const other = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer, other);
    const record = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    const fixed = await edit(reviewer, record.id, (d) => (d.basic.address = "上海市"));
    await expectDomainError(verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: fixed.revision }), "FORBIDDEN");
    expect((await listVerificationQueue({ actor: reviewer })).items.map((i) => i.recordId)).not.toContain(record.id);
    expect((await getVerificationReview({ actor: reviewer, templateKey: key, recordId: record.id })).canVerify).toBe(false);
    expect((await verifyRecord({ actor: other, templateKey: key, recordId: record.id, revision: fixed.revision })).verification).toBe("verified");
  });

  it("a return goes back to the author with the reason; their edit makes it wait again", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const record = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    await expectDomainError(returnRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: record.revision, reason: "  " }), "BAD_REQUEST");
    const returned = await returnRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: record.revision, reason: "身份证号码与影印件不符" });
    expect(returned).toMatchObject({ verification: "returned", review: { returnReason: "身份证号码与影印件不符", returnedBy: { id: reviewer.id } } });
    // The author sees the reason on the record and in its history.
    const seen = await getRecord({ actor: agent, templateKey: key, recordId: record.id });
    expect(seen.review?.returnReason).toBe("身份证号码与影印件不符");
    const history = await recordHistory({ actor: agent, templateKey: key, recordId: record.id });
    expect(history[0]).toMatchObject({ action: "record.return", meta: { reason: "身份证号码与影印件不符" } });
    // Returned records wait for their author, not for a reviewer.
    await expectDomainError(verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: returned.revision }), "CONFLICT");
    expect((await listVerificationQueue({ actor: reviewer })).items.map((i) => i.recordId)).not.toContain(record.id);
    // …and show among the records returned to their author, with the reason.
    expect(await listReturnedRecords({ actor: agent })).toEqual([expect.objectContaining({ recordId: record.id, reason: "身份证号码与影印件不符", returnedBy: reviewer.name })]);
    expect(await countReturnedRecords(agent)).toBe(1);
    expect(await listReturnedRecords({ actor: reviewer })).toEqual([]);

    const corrected = await edit(agent, record.id, (d) => (d.notes = { remarks: "已核实证件" }));
    expect(corrected.verification).toBe("pending");
    expect((await listVerificationQueue({ actor: reviewer })).items.map((i) => i.recordId)).toContain(record.id);
    expect(await listReturnedRecords({ actor: agent })).toEqual([]);
  });

  it("bulk verification takes only records the reviewer never touched, each audited", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const a = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    const b = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    const c = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    // The reviewer corrected c, then someone else had it verified and the agent changed it again.
    const fixed = await edit(reviewer, c.id, (d) => (d.basic.address = "广州市"));
    const other = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer, other);
    const v = await verifyRecord({ actor: other, templateKey: key, recordId: c.id, revision: fixed.revision });
    const cNow = await edit(agent, c.id, (d) => (d.basic.mobile = "13700137000"));
    expect(cNow.verification).toBe("pending");
    expect(v.verification).toBe("verified");

    const outcomes = await verifyRecords({
      actor: reviewer,
      items: [
        { templateKey: key, recordId: a.id, revision: a.revision },
        { templateKey: key, recordId: b.id, revision: b.revision },
        { templateKey: key, recordId: c.id, revision: cNow.revision },
      ],
    });
    expect(outcomes.map((o) => o.status)).toEqual(["verified", "verified", "refused"]);
    const refusal = outcomes[2];
    expect(refusal.status === "refused" && refusal.error.localize("zh").message).toContain("批量");
    const events = await AuditEventModel.find({ action: "record.verify", actorId: reviewer.id, entityId: { $in: [a.id, b.id, c.id] } }).lean();
    expect(events.map((e) => e.entityId).sort()).toEqual([a.id, b.id].sort());
    expect(events.every((e) => (e.meta as { bulk?: boolean }).bulk === true)).toBe(true);
    // One at a time, after looking at it, they may: they did not make this change.
    expect((await verifyRecord({ actor: reviewer, templateKey: key, recordId: c.id, revision: cNow.revision })).verification).toBe("verified");
    await expectDomainError(verifyRecords({ actor: reviewer, items: [] }), "BAD_REQUEST");
  });

  it("follows the template's settings: off means no state changes and no verify", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const clone = await cloneArchive(admin, cleanup, unique("核对关闭"));
    const opened = await getTemplateForEdit({ actor: admin, templateKey: clone });
    const model = { ...opened.model, verification: { enabled: false, critical: ["basic.idNumber"] } };
    const draft = await saveDraft({ actor: admin, templateKey: clone, input: { revision: opened.template.revision, model } });
    await publishDraft({ actor: admin, templateKey: clone, input: { revision: draft.template.revision } });

    const record = await createRecord({ actor: agent, templateKey: clone, input: customerData() });
    expect(record.verification).toBe("unverified");
    await expectDomainError(verifyRecord({ actor: reviewer, templateKey: clone, recordId: record.id, revision: record.revision }), "BAD_REQUEST");
    expect((await listVerificationQueue({ actor: reviewer, templateKey: clone })).items).toEqual([]);

    // A critical path whose field left the draft leaves the settings with it.
    const bad = { ...opened.model, verification: { enabled: true, critical: ["basic.nothing", "basic.idNumber"] } };
    const reopened = await getTemplateForEdit({ actor: admin, templateKey: clone });
    const saved = await saveDraft({ actor: admin, templateKey: clone, input: { revision: reopened.template.revision, model: bad } });
    expect(saved.content.verification).toEqual({ enabled: true, critical: ["basic.idNumber"] });
  });
});

describe("edits around a verification", () => {
  it("an edit started before a verification is refused naming the reviewer, not the editor", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const record = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    const opened = await getRecord({ actor: agent, templateKey: key, recordId: record.id, forEdit: true });
    await verifyRecord({ actor: reviewer, templateKey: key, recordId: record.id, revision: record.revision });
    const err = await expectDomainError(updateRecord({ actor: agent, templateKey: key, recordId: record.id, input: opened.data, expectedRevision: opened.revision }), "CONFLICT");
    expect(err.details).toMatchObject({ updatedBy: reviewer.name, changedFields: [] });
  });
});
