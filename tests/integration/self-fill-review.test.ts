import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { SelfFillLinkModel, SelfFillProposalModel } from "@/lib/db/models/self-fill-link";
import { TemplateModel, TemplateVersionModel } from "@/lib/db/models/template";
import { createRecord } from "@/lib/records/create-record";
import { transferRecords } from "@/lib/records/transfer-records";
import { getRecord } from "@/lib/records/get-record";
import { listRecords } from "@/lib/records/list-records";
import { updateRecord } from "@/lib/records/update-record";
import { createSelfFillLink } from "@/lib/self-fill/create-self-fill-link";
import { acceptProposal, rejectProposal } from "@/lib/self-fill/decide-proposal";
import { listProposals } from "@/lib/self-fill/list-proposals";
import { listSelfFillLinks } from "@/lib/self-fill/list-self-fill-links";
import { revealProposedValue } from "@/lib/self-fill/reveal-proposed-value";
import { recordHistoryPage } from "@/lib/records/record-history";
import { submitSelfFill } from "@/lib/self-fill/submit-self-fill";
import { getVerificationReview } from "@/lib/verification/get-verification-review";
import { verifyRecord } from "@/lib/verification/verify-record";
import { listVerificationQueue } from "@/lib/verification/list-verification-queue";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, residentId, sameTeam, withSeededTemplates } from "./support/fixtures";
import { cleanSelfFill } from "./support/self-fill-cleanup";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanSelfFill(cleanup));

async function customer(agent: Actor, templateKey = key) {
  const record = await createRecord({ actor: agent, templateKey, input: customerData(), answer: "full" });
  cleanup.records.push(record.id);
  return record;
}

/** A customer's open proposal on a record of `agent`: their mobile changed. */
async function proposalOn(agent: Actor) {
  const record = await customer(agent);
  const { token } = await createSelfFillLink({ actor: agent, templateKey: key, recordId: record.id, sections: ["basic"] });
  await submitSelfFill({ token, ip: "x", body: { data: { basic: { name: "张三", mobile: "13700137000" } }, consent: true } });
  const [proposal] = await listProposals({ actor: agent, templateKey: key, recordId: record.id });
  return { record, proposal };
}

describe("self-fill proposals follow the data scope", () => {
  it("another agent can neither reject nor accept a proposal on a record they cannot see: 404 like a made-up id, nothing changes", async () => {
    const agentA = await makeActor("agent", cleanup);
    const agentB = await makeActor("agent", cleanup);
    const { record, proposal } = await proposalOn(agentA);
    const madeUp = await expectDomainError(rejectProposal({ actor: agentB, templateKey: key, proposalId: "0123456789abcdef01234567" }), "NOT_FOUND");
    const reject = await expectDomainError(rejectProposal({ actor: agentB, templateKey: key, proposalId: proposal.id }), "NOT_FOUND");
    const accept = await expectDomainError(acceptProposal({ actor: agentB, templateKey: key, proposalId: proposal.id, paths: "all", revision: record.revision }), "NOT_FOUND");
    const answer = JSON.stringify(madeUp.localize("zh"));
    expect(JSON.stringify(reject.localize("zh"))).toBe(answer);
    expect(JSON.stringify(accept.localize("zh"))).toBe(answer);
    // Nothing changed: the proposal is open, the record as it was, nothing audited.
    expect((await SelfFillProposalModel.findById(proposal.id).lean())?.status).toBe("open");
    expect((await getRecord({ actor: agentA, templateKey: key, recordId: record.id, forEdit: true })).revision).toBe(record.revision);
    expect(await AuditEventModel.countDocuments({ entityId: record.id, action: "selfFill.reject" })).toBe(0);
    // The owner still can.
    await rejectProposal({ actor: agentA, templateKey: key, proposalId: proposal.id });
    expect((await SelfFillProposalModel.findById(proposal.id).lean())?.status).toBe("rejected");
  });
});

describe("personal data a customer proposes", () => {
  it("is seen in full only through the audited reveal, within the data scope, and listed with the record's reveals", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await customer(agent);
    const { token } = await createSelfFillLink({ actor: agent, templateKey: key, recordId: record.id, sections: ["beneficiary"] });
    const id = residentId("19900101", 3);
    await submitSelfFill({ token, ip: "x", body: { data: { beneficiary: { isLegal: false, list: [{ name: "李四", idNumber: id, share: 100, relation: "子女" }] } }, consent: true } });
    const [proposal] = await listProposals({ actor: agent, templateKey: key, recordId: record.id });
    const path = "/beneficiary/list/0/idNumber";
    expect(proposal.fields.find((f) => f.path === path)?.after).not.toBe(id);

    expect(await revealProposedValue({ actor: agent, templateKey: key, proposalId: proposal.id, path })).toEqual({ value: id });
    const events = await AuditEventModel.find({ entityId: record.id, action: "record.reveal" }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: agent.id, meta: { path, proposalId: proposal.id } });
    const reveals = await recordHistoryPage({ actor: agent, templateKey: key, recordId: record.id, kind: "reveals" });
    expect(reveals.entries.map((e) => e.meta?.path)).toEqual([path]);

    // Refused: outside the scope (404 like a made-up id), a viewer, a field not proposed or not personal data.
    const other = await makeActor("agent", cleanup);
    await expectDomainError(revealProposedValue({ actor: other, templateKey: key, proposalId: proposal.id, path }), "NOT_FOUND");
    await expectDomainError(revealProposedValue({ actor: await makeActor("viewer", cleanup), templateKey: key, proposalId: proposal.id, path }), "FORBIDDEN");
    await expectDomainError(revealProposedValue({ actor: agent, templateKey: key, proposalId: proposal.id, path: "/basic/idNumber" }), "BAD_REQUEST");
    await expectDomainError(revealProposedValue({ actor: agent, templateKey: key, proposalId: proposal.id, path: "/beneficiary/list/0/relation" }), "BAD_REQUEST");
    expect(await AuditEventModel.countDocuments({ entityId: record.id, action: "record.reveal" })).toBe(1);
  });
});

describe("a new customer's self-fill is held to the whole template", () => {
  it("the record lacks only the sections not offered: marked 待补全 on list and detail, not verifiable until staff complete it", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const { token } = await createSelfFillLink({ actor: agent, templateKey: key, sections: ["basic"] });
    await submitSelfFill({ token, ip: "x", body: { data: { basic: { name: "赵六", idNumber: residentId("19850505", 5) } }, consent: true } });
    const [link] = await listSelfFillLinks({ actor: agent });
    const recordId = link.recordId!;
    cleanup.records.push(recordId);
    expect((await RecordModel.findById(recordId).lean())?.incomplete).toEqual(["policy"]);

    const view = await getRecord({ actor: agent, templateKey: key, recordId });
    expect(view.incomplete).toEqual(["保单信息"]);
    const { page } = await listRecords({ actor: agent, templateKey: key, searchParams: new URLSearchParams() });
    expect(page.rows.find((r) => r.id === recordId)?.incomplete).toEqual(["保单信息"]);

    const review = await getVerificationReview({ actor: reviewer, templateKey: key, recordId });
    expect(review.canVerify).toBe(false);
    expect(review.refusal).toContain("待补全");
    const refused = await expectDomainError(verifyRecord({ actor: reviewer, templateKey: key, recordId, revision: view.revision }), "CONFLICT");
    expect(JSON.stringify(refused.localize("zh"))).toContain("保单信息");
    expect(JSON.stringify(refused.localize("en"))).toContain("incomplete");

    // Staff complete it (the edit passes the whole schema): the marker goes, the reviewer verifies.
    const full = await getRecord({ actor: agent, templateKey: key, recordId, forEdit: true });
    const completed = await updateRecord({ actor: agent, templateKey: key, recordId, input: { ...full.data, policy: customerData().policy }, expectedRevision: full.revision });
    expect(completed.incomplete).toEqual([]);
    expect((await RecordModel.findById(recordId).lean())?.incomplete).toEqual([]);
    const { page: after } = await listRecords({ actor: agent, templateKey: key, searchParams: new URLSearchParams() });
    expect(after.rows.find((r) => r.id === recordId)?.incomplete).toBeUndefined();
    expect((await verifyRecord({ actor: reviewer, templateKey: key, recordId, revision: completed.revision })).verification).toBe("verified");
  });

  it("root rules of the template across sections apply to the submission (nothing stored when they fail)", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const clone = await cloneArchive(admin, cleanup);
    // Version 2 of the clone adds a root rule: a customer named 待回电 must give a mobile number.
    const v1 = await TemplateVersionModel.findById(`${clone}@1`).lean();
    const content = JSON.parse(v1!.content);
    content.schema.if = { type: "object", properties: { basic: { type: "object", properties: { name: { type: "string", const: "待回电" } }, required: ["name"] } }, required: ["basic"] };
    content.schema.then = { type: "object", properties: { basic: { type: "object", required: ["mobile"] } } };
    await TemplateVersionModel.collection.insertOne({ ...v1, _id: `${clone}@2`, version: 2, content: JSON.stringify(content) } as never);
    await TemplateModel.updateOne({ _id: clone }, { $set: { currentVersion: 2 } });

    const { token } = await createSelfFillLink({ actor: agent, templateKey: clone, sections: ["basic"] });
    const body = (mobile?: string) => ({ data: { basic: { name: "待回电", idNumber: residentId("19850505", 5), ...(mobile ? { mobile } : {}) } }, consent: true });
    await expectDomainError(submitSelfFill({ token, ip: "x", body: body() }), "VALIDATION");
    expect(await RecordModel.countDocuments({ templateKey: clone })).toBe(0);
    await submitSelfFill({ token, ip: "x", body: body("13900139000") });
    const stored = await RecordModel.findOne({ templateKey: clone }).lean();
    cleanup.records.push(String(stored!._id));
    expect(stored?.data).toMatchObject({ basic: { name: "待回电", mobile: "13900139000" } });
  });
});

describe("the same page submitted twice", () => {
  const sid = () => `page-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

  it("a new customer's page sent twice at once (double click) makes one record; both answers are the normal confirmation", async () => {
    const agent = await makeActor("agent", cleanup);
    const { token, link } = await createSelfFillLink({ actor: agent, templateKey: key, sections: ["basic"], once: false });
    const body = { data: { basic: { name: "钱七", idNumber: residentId("19800303", 7) } }, consent: true, submissionId: sid() };
    const answers = await Promise.all([submitSelfFill({ token, ip: "x", body }), submitSelfFill({ token, ip: "x", body })]);
    expect(answers).toEqual([{ ok: true }, { ok: true }]);
    const made = await RecordModel.find({ createdBy: agent.id }, { _id: 1 }).lean();
    cleanup.records.push(...made.map((d) => String(d._id)));
    expect(made).toHaveLength(1);
    expect((await SelfFillLinkModel.findById(link.id).lean())?.submissions).toBe(1);
    // A retry later answers the same and stores nothing.
    expect(await submitSelfFill({ token, ip: "x", body })).toEqual({ ok: true });
    expect(await RecordModel.countDocuments({ createdBy: agent.id })).toBe(1);
    expect(await SelfFillProposalModel.countDocuments({ recordId: String(made[0]._id) })).toBe(0);
    // Another page load (a new id) on this multi-use link is a new customer's form again: the link
    // is not bound to the record it made, so a created record and a submission held for an
    // existing ID number look alike to whoever holds the link (no oracle for ID numbers).
    expect((await SelfFillLinkModel.findById(link.id).lean())?.recordId ?? null).toBeNull();
    await submitSelfFill({ token, ip: "x", body: { data: { basic: { name: "钱八", idNumber: residentId("19810404", 3), mobile: "13700137000" } }, consent: true, submissionId: sid() } });
    expect(await SelfFillProposalModel.countDocuments({ recordId: String(made[0]._id) })).toBe(0);
    const both = await RecordModel.find({ createdBy: agent.id }, { _id: 1 }).lean();
    cleanup.records.push(...both.map((d) => String(d._id)));
    expect(both).toHaveLength(2);
  });

  it("an existing customer's page sent twice makes one proposal; a retry after a use-once link is used still gets the confirmation", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await customer(agent);
    const { token } = await createSelfFillLink({ actor: agent, templateKey: key, recordId: record.id, sections: ["basic"], once: true });
    const body = { data: { basic: { name: "张三", mobile: "13700137000" } }, consent: true, submissionId: sid() };
    const answers = await Promise.all([submitSelfFill({ token, ip: "x", body }), submitSelfFill({ token, ip: "x", body })]);
    expect(answers).toEqual([{ ok: true }, { ok: true }]);
    expect(await SelfFillProposalModel.countDocuments({ recordId: record.id })).toBe(1);
    expect(await submitSelfFill({ token, ip: "x", body })).toEqual({ ok: true });
    // Another page on the used link is refused as before.
    await expectDomainError(submitSelfFill({ token, ip: "x", body: { ...body, submissionId: sid() } }), "NOT_FOUND");
    expect(await SelfFillProposalModel.countDocuments({ recordId: record.id })).toBe(1);
  });
});

describe("我的自填链接", () => {
  it("no longer shows the links of a record transferred to another agent", async () => {
    const admin = await makeActor("admin", cleanup);
    const agentA = await makeActor("agent", cleanup);
    const agentB = await makeActor("agent", cleanup);
    const kept = await customer(agentA);
    const moved = await customer(agentA);
    const keptLink = await createSelfFillLink({ actor: agentA, templateKey: key, recordId: kept.id });
    const movedLink = await createSelfFillLink({ actor: agentA, templateKey: key, recordId: moved.id });
    const forNew = await createSelfFillLink({ actor: agentA, templateKey: key });
    expect((await listSelfFillLinks({ actor: agentA })).map((l) => l.id).sort()).toEqual([keptLink.link.id, movedLink.link.id, forNew.link.id].sort());
    await transferRecords({ actor: admin, templateKey: key, input: { ids: [moved.id], toUserId: agentB.id } });
    expect((await listSelfFillLinks({ actor: agentA })).map((l) => l.id).sort()).toEqual([keptLink.link.id, forNew.link.id].sort());
  });
});

describe("待我核对", () => {
  it("counts its total no further than the cap, like the lists (\"1,000+\")", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    for (let i = 0; i < 3; i++) await customer(agent);
    const capped = await listVerificationQueue({ actor: reviewer, enteredBy: agent.id, countCap: 2 });
    expect(capped).toMatchObject({ total: 2, totalCapped: true });
    expect(capped.items).toHaveLength(3);
    expect(await listVerificationQueue({ actor: reviewer, enteredBy: agent.id, countCap: 3 })).toMatchObject({ total: 3, totalCapped: false });
  });
});

describe("a new customer's value another record holds", () => {
  it("is answered like any submission; no record is made and the agent's link says which field to check", async () => {
    const agent = await makeActor("agent", cleanup);
    const existing = await customer(agent);
    const policyNo = (existing.data as { policy: { policyNo: string } }).policy.policyNo;
    const { token, link } = await createSelfFillLink({ actor: agent, templateKey: key, sections: ["basic", "policy"], once: true });
    const body = { data: { basic: { name: "孙八", idNumber: residentId("19750707", 9) }, policy: { ...(customerData().policy as Record<string, unknown>), policyNo } }, consent: true };
    expect(await submitSelfFill({ token, ip: "x", body })).toEqual({ ok: true });
    expect(await RecordModel.countDocuments({ createdBy: agent.id })).toBe(1);
    const [listed] = (await listSelfFillLinks({ actor: agent })).filter((l) => l.id === link.id);
    expect(listed.recordId).toBeNull();
    expect(listed.state).toBe("submitted");
    expect(listed.held).toHaveLength(1);
    expect(listed.held[0].fields.join()).toContain("保单号");
    expect(JSON.stringify(await SelfFillLinkModel.findById(link.id).lean())).not.toContain(policyNo);
  });
});
