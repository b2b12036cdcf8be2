import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { RecordModel } from "@/lib/db/models/record";
import { TeamModel } from "@/lib/db/models/team";
import { UserModel } from "@/lib/db/models/user";
import { exportRecords } from "@/lib/exports/export-records";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { getRecord } from "@/lib/records/get-record";
import { listRecords } from "@/lib/records/list-records";
import { recordHistory } from "@/lib/records/record-history";
import { revealField } from "@/lib/records/reveal-field";
import { updateRecord } from "@/lib/records/update-record";
import { listReminders } from "@/lib/reminders/list-reminders";
import { addDays, officeToday } from "@/lib/reminders/office-date";
import type { ScopeSettings } from "@/lib/schema/types";
import { createSelfFillLink } from "@/lib/self-fill/create-self-fill-link";
import { computeWidget } from "@/lib/statistics/compute-widget";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { createTeam } from "@/lib/users/create-team";
import { updateUser } from "@/lib/users/update-user";
import { listVerificationQueue } from "@/lib/verification/list-verification-queue";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, TEMPLATE, unique, withSeededTemplates } from "./support/fixtures";

/*
 * Data scopes (issue 11): role × scope × service. Two teams — 甲 (agentA, agentC, the reviewer)
 * and 乙 (agentB, the viewer) — and one record per agent. Three templates: the shipped archive
 * (agent own, reviewer team, admin and viewer all), a clone with other scopes, and a clone
 * without a scopes block (every role sees every record, as before scopes existed).
 */

const cleanup = new Cleanup();
const teams: string[] = [];
type Who = "agentA" | "agentB" | "agentC" | "reviewer" | "viewer" | "admin";
type Rec = "rA" | "rB" | "rC";
let people: Record<Who, Actor>;
const records: Record<string, Record<Rec, { id: string; revision: number; policyNo: string }>> = {};
const marker: Record<string, string> = {};
const keys = { shipped: TEMPLATE, swapped: "", none: "" };

async function withScopes(admin: Actor, key: string, scopes: ScopeSettings | undefined) {
  const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
  const model = { ...opened.model };
  if (scopes) model.scopes = scopes;
  else delete model.scopes;
  const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
  await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
}

beforeAll(async () => {
  await withSeededTemplates();
  const admin = await makeActor("admin", cleanup);
  people = {
    agentA: await makeActor("agent", cleanup),
    agentB: await makeActor("agent", cleanup),
    agentC: await makeActor("agent", cleanup),
    reviewer: await makeActor("reviewer", cleanup),
    viewer: await makeActor("viewer", cleanup),
    admin,
  };
  const t1 = await createTeam({ actor: admin, input: { name: unique("甲队") } });
  const t2 = await createTeam({ actor: admin, input: { name: unique("乙队") } });
  teams.push(t1.id, t2.id);
  for (const [who, team] of [["agentA", t1], ["agentC", t1], ["reviewer", t1], ["agentB", t2], ["viewer", t2]] as const)
    await updateUser({ actor: admin, userId: people[who].id, input: { revision: 1, teamId: team.id } });

  keys.swapped = await cloneArchive(admin, cleanup, "范围测试（互换）");
  await withScopes(admin, keys.swapped, { agent: "team", reviewer: "own", viewer: "team", admin: "own" });
  keys.none = await cloneArchive(admin, cleanup, "范围测试（无设置）");
  await withScopes(admin, keys.none, undefined);

  // Each record's policy ends in 30 days: a renewal reminder for whoever works it.
  const end = addDays(officeToday(), 30);
  for (const key of Object.values(keys)) {
    marker[key] = unique("S");
    const made = {} as Record<Rec, { id: string; revision: number; policyNo: string }>;
    for (const [rec, who] of [["rA", "agentA"], ["rB", "agentB"], ["rC", "agentC"]] as const) {
      const policyNo = `${marker[key]}-${rec}`;
      const r = await createRecord({ answer: "full", actor: people[who], templateKey: key, input: customerData({ policy: { policyNo, endDate: end }, basic: { name: `客户${rec}` } }) });
      cleanup.records.push(r.id);
      made[rec] = { id: r.id, revision: r.revision, policyNo };
    }
    records[key] = made;
  }
});

afterAll(async () => {
  await TeamModel.deleteMany({ _id: { $in: teams } });
  await cleanup.run();
});

const ALL: Rec[] = ["rA", "rB", "rC"];
/** Who sees which records, per template: what each scope says. */
const EXPECTED: Record<keyof typeof keys, Record<Who, Rec[]>> = {
  // agent own, reviewer team (甲: A and C), admin and viewer all.
  shipped: { agentA: ["rA"], agentB: ["rB"], agentC: ["rC"], reviewer: ["rA", "rC"], viewer: ALL, admin: ALL },
  // agent team, reviewer own (owns none), viewer team (乙: B), admin own (owns none).
  swapped: { agentA: ["rA", "rC"], agentB: ["rB"], agentC: ["rA", "rC"], reviewer: [], viewer: ["rB"], admin: [] },
  // No block: everyone sees everything, as before scopes.
  none: { agentA: ALL, agentB: ALL, agentC: ALL, reviewer: ALL, viewer: ALL, admin: ALL },
};

const cases = (Object.keys(EXPECTED) as (keyof typeof keys)[]).flatMap((tpl) => (Object.keys(EXPECTED[tpl]) as Who[]).map((who) => ({ tpl, who, sees: EXPECTED[tpl][who] })));
const recOf = (key: string, id: string) => ALL.find((r) => records[key][r].id === id);

describe.each(cases)("$tpl: $who sees $sees", ({ tpl, who, sees }) => {
  const hidden = ALL.filter((r) => !sees.includes(r));

  it("in the list and its count (search included), and nothing else", async () => {
    const key = keys[tpl];
    const { page } = await listRecords({ actor: people[who], templateKey: key, searchParams: new URLSearchParams({ q: marker[key], size: "100" }) });
    expect(page.rows.map((r) => recOf(key, r.id)).sort()).toEqual(sees);
    expect(page.total).toBe(sees.length);
  });

  it("in the detail, history and reveal; out of scope is 404 like a missing record", async () => {
    const key = keys[tpl];
    const actor = people[who];
    for (const r of sees) {
      expect((await getRecord({ actor, templateKey: key, recordId: records[key][r].id })).id).toBe(records[key][r].id);
      expect((await recordHistory({ actor, templateKey: key, recordId: records[key][r].id })).length).toBeGreaterThan(0);
      if (who !== "viewer") expect((await revealField({ actor, templateKey: key, recordId: records[key][r].id, path: "/basic/idNumber" })).value).toBe("11010519491231002X");
    }
    for (const r of hidden) {
      const id = records[key][r].id;
      await expectDomainError(getRecord({ actor, templateKey: key, recordId: id }), "NOT_FOUND");
      await expectDomainError(recordHistory({ actor, templateKey: key, recordId: id }), "NOT_FOUND");
      if (who !== "viewer") await expectDomainError(revealField({ actor, templateKey: key, recordId: id, path: "/basic/idNumber" }), "NOT_FOUND");
    }
  });

  // Before the edits below: a reviewer's own correction takes a record out of their queue.
  it("in the verification queue 待我核对", async () => {
    const key = keys[tpl];
    if (who !== "reviewer" && who !== "admin") return;
    const queue = await listVerificationQueue({ actor: people[who], templateKey: key, size: 100 });
    const waiting = queue.items.map((i) => recOf(key, i.recordId)).filter(Boolean).sort();
    expect(waiting).toEqual(sees);
  });
  it("in updates and deletes: out of scope is 404 and the record stays as it was", async () => {
    const key = keys[tpl];
    const actor = people[who];
    if (who === "viewer") return;
    for (const r of hidden) {
      const { id } = records[key][r];
      const stored = (await RecordModel.findById(id).lean())!;
      await expectDomainError(updateRecord({ answer: "full", actor, templateKey: key, recordId: id, input: stored.data, expectedRevision: stored.revision }), "NOT_FOUND");
      if (who !== "reviewer") await expectDomainError(deleteRecord({ actor, templateKey: key, recordId: id, expectedRevision: stored.revision }), "NOT_FOUND");
      const after = (await RecordModel.findById(id).lean())!;
      expect(after.revision).toBe(stored.revision);
      expect(after.deletedAt).toBeNull();
    }
    // In scope, an edit goes through (agents and reviewers may correct what they see).
    for (const r of sees) {
      const { id } = records[key][r];
      const stored = (await RecordModel.findById(id).lean())!;
      const data = structuredClone(stored.data) as Record<string, Record<string, unknown>>;
      data.notes = { remarks: `${who} 改过` };
      const updated = await updateRecord({ answer: "full", actor, templateKey: key, recordId: id, input: data, expectedRevision: stored.revision });
      expect(updated.revision).toBe(stored.revision + 1);
    }
  });

  it("in an export", async () => {
    const key = keys[tpl];
    const out = await exportRecords({ actor: people[who], templateKey: key, searchParams: new URLSearchParams({ format: "csv", q: marker[key] }), locale: "zh" });
    const text = Buffer.from(await new Response(out.stream).arrayBuffer()).toString("utf8");
    expect(out.count).toBe(sees.length);
    for (const r of ALL) expect(text.includes(records[key][r].policyNo), r).toBe(sees.includes(r));
  });

  it("in statistics: a count and a count by choice over the reader's records only", async () => {
    const key = keys[tpl];
    const actor = people[who];
    const template = await getPublishedTemplate(actor, key);
    const pageFilters = new URLSearchParams({ q: marker[key] });
    const count = await computeWidget({ actor, template, widget: { id: "n", kind: "number", title: "记录数" }, pageFilters, personalData: false });
    expect(count).toMatchObject({ state: "ok", value: sees.length });
    const byState = await computeWidget({ actor, template, widget: { id: "s", kind: "byChoice", title: "保单状态", field: "status.state", chart: "bar" }, pageFilters, personalData: false });
    expect(byState).toMatchObject({ state: "ok", value: sees.length });
  });

  it("in self-fill links: only for records in scope", async () => {
    const key = keys[tpl];
    const actor = people[who];
    if (who === "viewer" || who === "reviewer") return;
    for (const r of hidden) await expectDomainError(createSelfFillLink({ actor, templateKey: key, recordId: records[key][r].id }), "NOT_FOUND");
    for (const r of sees) expect((await createSelfFillLink({ actor, templateKey: key, recordId: records[key][r].id })).link.recordId).toBe(records[key][r].id);
  });

  it("in the 工作台's reminders", async () => {
    const key = keys[tpl];
    const { items } = await listReminders({ actor: people[who] });
    const mine = [...new Set(items.filter((i) => i.templateKey === key).map((i) => recOf(key, i.recordId)).filter(Boolean))].sort();
    // Viewers act on no reminders, whatever they may read.
    expect(mine).toEqual(who === "viewer" ? [] : sees);
  });

});

describe("teams and scopes", () => {
  it("a team change applies at once, and a user in no team sees only their own under a team scope", async () => {
    const key = keys.shipped;
    const reviewer = people.reviewer;
    const rows = async () =>
      (await listRecords({ actor: reviewer, templateKey: key, searchParams: new URLSearchParams({ q: marker[key], size: "100" }) })).page.rows.map((r) => recOf(key, r.id)).sort();
    expect(await rows()).toEqual(["rA", "rC"]);
    const user = (await UserModel.findById(reviewer.id).lean())!;
    await updateUser({ actor: people.admin, userId: reviewer.id, input: { revision: user.revision, teamId: teams[1] } });
    expect(await rows()).toEqual(["rB"]);
    await updateUser({ actor: people.admin, userId: reviewer.id, input: { revision: user.revision + 1, teamId: null } });
    expect(await rows()).toEqual([]);
    await updateUser({ actor: people.admin, userId: reviewer.id, input: { revision: user.revision + 2, teamId: teams[0] } });
    expect(await rows()).toEqual(["rA", "rC"]);
  });

  it("a new record is owned by its creator, who sees it under the own scope", async () => {
    const agent = people.agentB;
    const r = await createRecord({ answer: "full", actor: agent, templateKey: keys.shipped, input: customerData() });
    cleanup.records.push(r.id);
    expect(r.ownerId).toBe(agent.id);
    expect((await getRecord({ actor: agent, templateKey: keys.shipped, recordId: r.id })).id).toBe(r.id);
    await expectDomainError(getRecord({ actor: people.agentA, templateKey: keys.shipped, recordId: r.id }), "NOT_FOUND");
  });
});
