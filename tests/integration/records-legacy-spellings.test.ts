/**
 * Records stored before a normalizer changed (free text's CR LF now stored as LF, "0086…" mobiles as
 * the bare 11 digits) as a database left by an older release holds them: a save or re-import that
 * gives the same values must not show a change nobody made (review finding F2, issue 7).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { recordHistory } from "@/lib/records/record-history";
import { updateRecord } from "@/lib/records/update-record";
import { createRecord } from "@/lib/records/create-record";
import { createSelfFillLink } from "@/lib/self-fill/create-self-fill-link";
import { listProposals } from "@/lib/self-fill/list-proposals";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { updateField } from "@/lib/template-model/model-paths";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { submitSelfFill } from "@/lib/self-fill/submit-self-fill";
import { importFile, importSetup, seedRow, xlsxFile } from "./support/import-files";
import { Cleanup, customerData, makeActor, unique, withSeededTemplates } from "./support/fixtures";
import { cleanSelfFill } from "./support/self-fill-cleanup";

const cleanup = new Cleanup();
let TEMPLATE_KEY: string;
beforeAll(async () => {
  TEMPLATE_KEY = await withSeededTemplates();
});
afterEach(() => cleanSelfFill(cleanup));

const ADDRESS = "北京市朝阳区\n建国路1号";
const OLD_ADDRESS = "北京市朝阳区\r\n建国路1号";

/** Rewrites a stored record's address and mobile as an older release stored them (no revision, no event). */
async function storeOldSpellings(key: string, policyNo: string) {
  const doc = await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": policyNo, deletedAt: null }).lean();
  expect(doc).toBeTruthy();
  await RecordModel.collection.updateOne({ _id: doc!._id }, { $set: { "data.basic.address": OLD_ADDRESS, "data.basic.mobile": "008613800138000" } });
  return RecordModel.findById(doc!._id).lean();
}

/** A record imported from `file` (one seed row of policy `policyNo`), then stored with older spellings. */
async function oldRecord(agent: Parameters<typeof importFile>[0], key: string, file: string, policyNo: string) {
  const created = await importFile(agent, key, file);
  expect(created.run!.rows, JSON.stringify(created.run!.kept)).toEqual({ create: 1 });
  return (await storeOldSpellings(key, policyNo))!;
}

describe("records stored with older spellings", () => {
  it("a save through the form that changes nothing writes nothing", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("L");
    const old = await oldRecord(agent, key, await xlsxFile([seedRow(`${P}-1`, { 3: ADDRESS })]), `${P}-1`);
    // The form sends back what it loaded, untouched.
    const saved = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: String(old._id), input: structuredClone(old.data), expectedRevision: old.revision });
    // Before the fix: revision 2, an update whose changes were 地址 (CR LF → LF) and 手机号码 (0086… → 138…).
    expect(saved.revision).toBe(old.revision);
    expect((await recordHistory({ actor: agent, templateKey: key, recordId: String(old._id) })).filter((h) => h.action === "record.update")).toEqual([]);
  });

  it("an edit of another field lists only that field, and stores the others as this release spells them", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("L");
    const old = await oldRecord(agent, key, await xlsxFile([seedRow(`${P}-1`, { 3: ADDRESS })]), `${P}-1`);
    const id = String(old._id);
    const data = structuredClone(old.data) as Record<string, Record<string, unknown>>;
    data.policy.premium = 15000;
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: id, input: data, expectedRevision: old.revision });
    const updates = (await recordHistory({ actor: agent, templateKey: key, recordId: id })).filter((h) => h.action === "record.update");
    expect(updates).toHaveLength(1);
    // Before the fix: ["/basic/mobile", "/basic/address", "/policy/premium"].
    expect(updates[0].changes.map((c) => c.path)).toEqual(["/policy/premium"]);
    const basic = ((await RecordModel.findById(id).lean())!.data as Record<string, Record<string, unknown>>).basic;
    expect([basic.address, basic.mobile]).toEqual([ADDRESS, "13800138000"]);
  });

  it("a dry run of the same file judges the record 未变, and a run writes nothing", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("L");
    const file = await xlsxFile([seedRow(`${P}-1`, { 3: ADDRESS })]);
    const old = await oldRecord(agent, key, file, `${P}-1`);
    const again = await importFile(agent, key, file);
    // Before the fix: { update: 1 } in the check and the run, the run a revision whose changes were 地址 and 手机号码.
    expect(again.check.rows, JSON.stringify(again.check.kept)).toEqual({ unchanged: 1 });
    expect(again.run!.rows).toEqual({ unchanged: 1 });
    expect((await RecordModel.findById(old._id).lean())!.revision).toBe(old.revision);
  });

  it("a file row whose values the record holds in an older spelling is 未变 beside a row that changes it", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("L");
    const old = await oldRecord(agent, key, await xlsxFile([seedRow(`${P}-1`, { 3: ADDRESS })]), `${P}-1`);
    expect(old.revision).toBe(1);
    // The same row, and a second row of the same policy adding a payment.
    const file = await xlsxFile([seedRow(`${P}-1`, { 3: ADDRESS }), seedRow(`${P}-1`, { 3: ADDRESS, 10: 13000, 11: "2024-01-15" })]);
    const again = await importFile(agent, key, file, undefined, false);
    expect(again.check.rows, JSON.stringify(again.check.kept)).toEqual({ unchanged: 1, update: 1 });
  });

  it("a table row matched by its values (a table without a row key) is found in its older spelling, not added again", async () => {
    const { admin, agent, key } = await importSetup(cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const model = updateField(opened.model, "communications", (f) => ({ ...f, rowKey: undefined }));
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
    await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
    const P = unique("L");
    const file = await xlsxFile([seedRow(`${P}-1`, { 3: ADDRESS, 16: "2024-03-01", 17: "电话", 18: "电话回访\n客户满意" })]);
    const old = await oldRecord(agent, key, file, `${P}-1`);
    await RecordModel.collection.updateOne({ _id: old._id }, { $set: { "data.communications.0.content": "电话回访\r\n客户满意" } });
    const again = await importFile(agent, key, file);
    // Before the fix: { update: 1 } — the row added a second time, beside the stored one.
    expect(again.check.rows, JSON.stringify(again.check.kept)).toEqual({ unchanged: 1 });
    expect(again.run!.rows).toEqual({ unchanged: 1 });
    const stored = await RecordModel.findById(old._id).lean();
    expect(((stored!.data as Record<string, unknown>).communications as unknown[]).length).toBe(1);
  });

  it("a customer's self-fill that leaves the personal data blank proposes no change to it", async () => {
    const agent = await makeActor("agent", cleanup);
    const P = unique("L");
    const record = await createRecord({ actor: agent, templateKey: TEMPLATE_KEY, input: customerData({ basic: { address: ADDRESS }, policy: { policyNo: P } }), answer: "full" });
    cleanup.records.push(record.id);
    await storeOldSpellings(TEMPLATE_KEY, P);
    const { token } = await createSelfFillLink({ actor: agent, templateKey: TEMPLATE_KEY, recordId: record.id });
    // Address and mobile are personal data: the page shows a masked hint, blank keeps the stored value.
    await submitSelfFill({ token, ip: "203.0.113.9", body: { data: { basic: { name: "张三" }, policyholder: { relation: "本人" }, beneficiary: { isLegal: true } }, consent: true } });
    // Before the fix: a proposal of 手机号码 and 地址, values the customer never gave.
    expect(await listProposals({ actor: agent, templateKey: TEMPLATE_KEY, recordId: record.id })).toEqual([]);
  });
});
