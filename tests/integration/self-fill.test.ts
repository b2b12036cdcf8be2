import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as submitRoute } from "@/app/api/public/self-fill/[token]/route";
import type { Actor } from "@/lib/auth/roles";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { SelfFillLinkModel, SelfFillProposalModel } from "@/lib/db/models/self-fill-link";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { recordHistory } from "@/lib/records/record-history";
import { updateRecord } from "@/lib/records/update-record";
import { createSelfFillLink } from "@/lib/self-fill/create-self-fill-link";
import { acceptProposal, rejectProposal } from "@/lib/self-fill/decide-proposal";
import { listProposals } from "@/lib/self-fill/list-proposals";
import { listSelfFillLinks } from "@/lib/self-fill/list-self-fill-links";
import { openSelfFillLink } from "@/lib/self-fill/open-self-fill-link";
import { revokeSelfFillLink } from "@/lib/self-fill/revoke-self-fill-link";
import { hashBearerToken, newBearerToken } from "@/lib/shared/bearer-token";
import { submitSelfFill } from "@/lib/self-fill/submit-self-fill";
import { Cleanup, customerData, expectDomainError, makeActor, residentId, sameTeam, withSeededTemplates } from "./support/fixtures";
import { cleanSelfFill } from "./support/self-fill-cleanup";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanSelfFill(cleanup));

const beneficiaries = () => ({
  isLegal: false,
  list: [
    { name: "李四", idNumber: residentId("19900101", 3), share: 60, relation: "子女" },
    { name: "王五", idNumber: residentId("19920202", 4), share: 40, relation: "配偶" },
  ],
});

async function customer(agent: Actor) {
  const record = await createRecord({ actor: agent, templateKey: key, input: customerData(), answer: "full" });
  cleanup.records.push(record.id);
  return record;
}

/** What a public submission stores anywhere: records, proposals, links' use. */
async function storedState() {
  return {
    records: await RecordModel.countDocuments({ createdBy: { $in: cleanup.users } }),
    proposals: await SelfFillProposalModel.countDocuments({}),
    submitted: await SelfFillLinkModel.countDocuments({ createdBy: { $in: cleanup.users }, submittedAt: { $ne: null } }),
  };
}

function post(token: string, body: string, headers: Record<string, string> = {}) {
  const req = new NextRequest(`http://dossier.test/api/public/self-fill/${token}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
  return submitRoute(req, { params: Promise.resolve({ token }) });
}

describe("customer self-fill links", () => {
  it("a submission for an existing record is a proposal: nothing changes until staff accept it field by field", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await customer(agent);
    const { token, link } = await createSelfFillLink({ actor: agent, templateKey: key, recordId: record.id });
    expect(link.sections).toEqual(["basic", "policyholder", "beneficiary"]);
    expect(link.state).toBe("unopened");
    // Only the hash is stored.
    const stored = await SelfFillLinkModel.findById(link.id).lean();
    expect(stored?.tokenHash).toBe(hashBearerToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const form = await openSelfFillLink({ token, ip: "203.0.113.5" });
    expect(form).not.toBeNull();
    expect(Object.keys(form!.schema.properties ?? {})).toEqual(["basic", "policyholder", "beneficiary"]);
    // Personal data is only a masked hint, never in the data sent to the page.
    expect(JSON.stringify(form!.data)).not.toContain("11010519491231002X");
    expect(JSON.stringify(form!.data)).not.toContain("13800138000");
    expect(JSON.stringify(form!.uiSchema)).toContain("1101**********002X");
    expect((await listSelfFillLinks({ actor: agent, templateKey: key, recordId: record.id }))[0].state).toBe("opened");

    // The customer leaves ID and mobile blank (kept) and names two beneficiaries.
    await submitSelfFill({ token, ip: "203.0.113.5", body: { data: { basic: { name: "张三" }, policyholder: { relation: "本人" }, beneficiary: beneficiaries() }, consent: true } });
    const unchanged = await getRecord({ actor: agent, templateKey: key, recordId: record.id, forEdit: true });
    expect(unchanged.revision).toBe(record.revision);
    expect(unchanged.data).toEqual(record.data);

    const [proposal] = await listProposals({ actor: agent, templateKey: key, recordId: record.id });
    expect(proposal.baseRevision).toBe(record.revision);
    // Nothing changed since the customer's base revision: no field is flagged (a missing value is no change).
    expect(proposal.fields.filter((f) => f.changedSince)).toEqual([]);
    // Changed fields only: the beneficiaries, not the kept ID number or mobile.
    expect(proposal.fields.map((f) => f.path).sort()).toEqual(
      ["/beneficiary/isLegal", ...["idNumber", "name", "relation", "share"].flatMap((k) => [`/beneficiary/list/0/${k}`, `/beneficiary/list/1/${k}`])].sort(),
    );
    expect(proposal.fields.find((f) => f.path === "/beneficiary/list/0/idNumber")?.after).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    const events = await AuditEventModel.find({ entityId: record.id, action: { $in: ["selfFill.open", "selfFill.submit"] } }).lean();
    expect(events.map((e) => e.action).sort()).toEqual(["selfFill.open", "selfFill.submit"]);

    // A colleague edits in between: accepting from the old revision is a conflict, from the new one it works.
    // (A reviewer of the agent's team: reviewers work their team's records.)
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const current = await getRecord({ actor: reviewer, templateKey: key, recordId: record.id, forEdit: true });
    const edited = await updateRecord({ actor: reviewer, templateKey: key, recordId: record.id, input: { ...current.data, notes: { remarks: "电话已确认" } }, expectedRevision: current.revision });
    await expectDomainError(acceptProposal({ actor: agent, templateKey: key, proposalId: proposal.id, paths: "all", revision: record.revision }), "CONFLICT");

    // Field by field: the isLegal switch alone fails the template's rules (a list is then required)…
    await expectDomainError(acceptProposal({ actor: agent, templateKey: key, proposalId: proposal.id, paths: ["/beneficiary/isLegal"], revision: edited.revision }), "VALIDATION");
    // …accepting the rest at once passes; the colleague's note stays.
    const first = await acceptProposal({ actor: agent, templateKey: key, proposalId: proposal.id, paths: proposal.fields.map((f) => f.path).filter((p) => !p.endsWith("/relation")), revision: edited.revision });
    expect(first.closed).toBe(false);
    expect(first.record.revision).toBe(edited.revision + 1);
    const second = await acceptProposal({ actor: agent, templateKey: key, proposalId: proposal.id, paths: "all", revision: first.record.revision });
    expect(second.closed).toBe(true);
    const after = await getRecord({ actor: agent, templateKey: key, recordId: record.id, forEdit: true });
    expect(after.data).toMatchObject({ notes: { remarks: "电话已确认" }, basic: { idNumber: "11010519491231002X" }, beneficiary: beneficiaries() });
    const history = await recordHistory({ actor: agent, templateKey: key, recordId: record.id });
    const accepts = history.filter((e) => e.action === "record.update" && e.actorName === agent.name && e.revision! > edited.revision);
    expect(accepts).toHaveLength(2);
    const audit = await AuditEventModel.findById(`record:${record.id}:${second.record.revision}`).lean();
    expect(audit).toMatchObject({ action: "record.update", actorId: agent.id, meta: { selfFillProposal: proposal.id } });
    expect(await listProposals({ actor: agent, templateKey: key, recordId: record.id })).toEqual([]);
  });

  it("a submission for a new customer creates a record owned by the agent, waiting for 核对", async () => {
    const agent = await makeActor("agent", cleanup);
    const { token, link } = await createSelfFillLink({ actor: agent, templateKey: key, sections: ["basic", "beneficiary"], expiresInDays: 3, once: true });
    expect(link.forNew).toBe(true);
    const form = await openSelfFillLink({ token, ip: "198.51.100.1" });
    expect(form?.isNew).toBe(true);
    await submitSelfFill({ token, ip: "198.51.100.1", body: { data: { basic: { name: "赵六", idNumber: residentId("19850505", 5), mobile: "13900139000" }, beneficiary: beneficiaries() }, consent: true } });

    const [made] = await listSelfFillLinks({ actor: agent });
    expect(made.state).toBe("submitted");
    expect(made.recordId).toMatch(/^[a-f0-9]{24}$/);
    const doc = await RecordModel.findById(made.recordId).lean();
    cleanup.records.push(made.recordId!);
    expect(doc).toMatchObject({ ownerId: agent.id, createdBy: agent.id, verification: "pending", data: { basic: { name: "赵六" }, beneficiary: beneficiaries() } });
    expect(doc?.data).not.toHaveProperty("policy");
    const create = await AuditEventModel.findById(`record:${made.recordId}:1`).lean();
    expect(create).toMatchObject({ action: "record.create", actorId: agent.id, meta: { selfFill: link.id } });
    expect(await AuditEventModel.countDocuments({ entityId: made.recordId, action: "selfFill.submit" })).toBe(1);
    // Used once: the link now answers like any other unusable one.
    expect(await openSelfFillLink({ token, ip: "198.51.100.1" })).toBeNull();
  });

  it("expired, revoked and used links are refused exactly like made-up tokens", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await customer(agent);
    const body = { data: { basic: { name: "张三" } }, consent: true };
    const made = async () => createSelfFillLink({ actor: agent, templateKey: key, recordId: record.id, sections: ["basic"] });

    const expired = await made();
    await SelfFillLinkModel.updateOne({ _id: expired.link.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await made();
    await revokeSelfFillLink({ actor: agent, linkId: revoked.link.id });
    const used = await made();
    await submitSelfFill({ token: used.token, ip: "x", body: { data: { basic: { name: "张三丰" } }, consent: true } });
    const untouched = await made();
    const { UserModel } = await import("@/lib/db/models/user");
    const colleague = await makeActor("agent", cleanup);
    // A link whose agent was deactivated since (on their own customer: agents work their own records).
    const theirRecord = await customer(colleague);
    const theirs = await createSelfFillLink({ actor: colleague, templateKey: key, recordId: theirRecord.id, sections: ["basic"] });
    await UserModel.updateOne({ _id: colleague.id }, { $set: { active: false } });

    const answers: string[] = [];
    for (const token of [expired.token, revoked.token, used.token, theirs.token, newBearerToken(), "made-up"]) {
      expect(await openSelfFillLink({ token, ip: "x" })).toBeNull();
      const err = await expectDomainError(submitSelfFill({ token, ip: "x", body }), "NOT_FOUND");
      answers.push(JSON.stringify(err.localize("zh")));
      const res = await post(token, JSON.stringify(body));
      answers.push(`${res.status} ${JSON.stringify(await res.json())}`);
    }
    expect(new Set(answers.filter((_, i) => i % 2 === 0)).size).toBe(1);
    expect(new Set(answers.filter((_, i) => i % 2 === 1)).size).toBe(1);
    expect(answers[1]).toMatch(/^404 /);
    // The refusals stored nothing: only the one used link's proposal exists.
    expect(await SelfFillProposalModel.countDocuments({ recordId: record.id })).toBe(1);
    expect((await listSelfFillLinks({ actor: agent, templateKey: key, recordId: record.id })).map((l) => l.state).sort()).toEqual(["expired", "revoked", "submitted", "unopened"]);
    expect(untouched.link.state).toBe("unopened");
  });

  it("a birth date or gender that disagrees with the stored ID is refused without saying what the ID gives", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await customer(agent);
    const stored = (record.data as { basic: { idNumber: string } }).basic.idNumber;
    const { token } = await createSelfFillLink({ actor: agent, templateKey: key, recordId: record.id, sections: ["basic"] });
    const err = await expectDomainError(submitSelfFill({ token, ip: "x", body: { data: { basic: { birthDate: "1900-01-01", gender: "女" } }, consent: true } }), "VALIDATION");
    const answer = JSON.stringify(err.localize("zh"));
    expect(answer).toContain("与身份证号码不一致");
    // Nothing of the stored ID: its birth date (digits 7–14) nor its gender.
    const birth = `${stored.slice(6, 10)}-${stored.slice(10, 12)}-${stored.slice(12, 14)}`;
    expect(answer).not.toContain(birth);
    expect(answer).not.toContain(stored.slice(6, 14));
    expect(answer).not.toMatch(/应为/);
  });

  it("a link reaches only its own record and sections; hostile bodies are refused with nothing stored", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await customer(agent);
    const other = await customer(agent);
    const { token } = await createSelfFillLink({ actor: agent, templateKey: key, recordId: record.id, sections: ["basic", "beneficiary"] });
    const before = await storedState();
    const ok = { basic: { name: "张三" } };
    const refused = async (body: string, status: number, headers: Record<string, string> = {}) => {
      const res = await post(token, body, headers);
      expect(res.status, body.slice(0, 80)).toBe(status);
      expect(res.headers.get("cache-control")).toContain("no-store");
    };
    await refused(JSON.stringify({ data: { ...ok, policy: { policyNo: "X" } }, consent: true }), 400);
    await refused(JSON.stringify({ data: { basic: { name: "张三", extra: "x" } }, consent: true }), 400);
    await refused(JSON.stringify({ data: { beneficiary: { isLegal: false, list: [{ name: "a", idNumber: residentId("19900101", 3), share: 100, evil: 1 }] } }, consent: true }), 400);
    await refused(JSON.stringify({ data: ok, consent: true, recordId: other.id }), 400);
    await refused(JSON.stringify({ data: ok, consent: true, templateKey: "other" }), 400);
    await refused('{"data":{"basic":{"name":"张三","__proto__":{"admin":true}}},"consent":true}', 400);
    await refused(JSON.stringify({ data: ok }), 400);
    await refused(JSON.stringify({ data: { ...ok, padding: "x".repeat(300 * 1024) }, consent: true }), 400);
    await refused(JSON.stringify({ data: { basic: { name: "张三", idNumber: "110105194912310021" } }, consent: true }), 422);
    await refused(JSON.stringify({ data: { beneficiary: { isLegal: false, list: [{ name: "a", idNumber: residentId("19900101", 3), share: 50 }] } }, consent: true }), 422);
    await refused(JSON.stringify({ data: ok, consent: true }), 400, { "content-type": "text/plain" });
    expect(await storedState()).toEqual(before);

    const res = await post(token, JSON.stringify({ data: { basic: { name: "张三", mobile: "13700137000" } }, consent: true }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    // The proposal is for the link's record only; the other record is untouched.
    expect(await SelfFillProposalModel.countDocuments({ recordId: other.id })).toBe(0);
    const [proposal] = await listProposals({ actor: agent, templateKey: key, recordId: record.id });
    expect(proposal.fields.map((f) => f.path)).toEqual(["/basic/mobile"]);
    // Staff reject: closed, the record stays as it was, audited.
    await rejectProposal({ actor: agent, templateKey: key, proposalId: proposal.id });
    expect(await listProposals({ actor: agent, templateKey: key, recordId: record.id })).toEqual([]);
    expect((await getRecord({ actor: agent, templateKey: key, recordId: record.id, forEdit: true })).revision).toBe(record.revision);
    expect(await AuditEventModel.countDocuments({ entityId: record.id, action: "selfFill.reject" })).toBe(1);
    // Viewers make no links; a customer (link actor) manages none.
    await expectDomainError(createSelfFillLink({ actor: await makeActor("viewer", cleanup), templateKey: key, recordId: record.id }), "FORBIDDEN");
    await expectDomainError(createSelfFillLink({ actor: { ...agent, kind: "link" }, templateKey: key }), "FORBIDDEN");
    await expectDomainError(createSelfFillLink({ actor: agent, templateKey: key, sections: ["status-x"] }), "BAD_REQUEST");
  });

  it("the public route is rate-limited per link and per address (429)", async () => {
    const token = newBearerToken();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await post(token, JSON.stringify({ data: {} }))).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    const limited = await post(token, JSON.stringify({ data: {} }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");
    // Another link from the same address still answers until the address's own limit.
    expect((await post(newBearerToken(), JSON.stringify({ data: {} }))).status).toBe(404);
  });
});
