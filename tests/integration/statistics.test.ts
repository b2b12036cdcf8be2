import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { DashboardModel } from "@/lib/db/models/dashboard";
import { RecordModel } from "@/lib/db/models/record";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { listRecords } from "@/lib/records/list-records";
import { getStatisticsPage, settleResults } from "@/lib/statistics/get-statistics-page";
import { loadDashboard } from "@/lib/statistics/load-dashboard";
import { resetDashboard } from "@/lib/statistics/reset-dashboard";
import { saveDashboard } from "@/lib/statistics/save-dashboard";
import type { WidgetResult } from "@/lib/statistics/shape-widget-result";
import type { Widget } from "@/lib/statistics/widget";
import { removeField } from "@/lib/template-model/model-paths";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let admin: Actor;
let agent: Actor;
let agent2: Actor;
let viewer: Actor;
let key: string;

type Seed = { type: string; state: string; premium: number; applied: string; payments?: { date: string; amount: number; status: string }[]; claims?: { applyDate: string; amount: number; status: string; reason: string }[] };

// Hand-written data: every expected figure below is counted from this table by hand (and by code, to be sure).
const SEEDS: Seed[] = [
  { type: "人寿险", state: "生效", premium: 12000, applied: "2023-11-20", payments: [{ date: "2024-01-05", amount: 6000, status: "已缴费" }, { date: "2024-07-05", amount: 6000, status: "未缴费" }] },
  { type: "人寿险", state: "失效", premium: 8000, applied: "2023-12-01", claims: [{ applyDate: "2024-03-10", amount: 5000, status: "已赔付", reason: "住院" }] },
  { type: "健康险", state: "生效", premium: 3000, applied: "2023-12-15", payments: [{ date: "2024-01-20", amount: 3000, status: "已缴费" }], claims: [{ applyDate: "2024-03-28", amount: 1200, status: "已赔付", reason: "门诊" }, { applyDate: "2024-04-02", amount: 900, status: "待审核", reason: "门诊" }] },
  { type: "车险", state: "生效", premium: 4500, applied: "2023-12-20" },
  { type: "车险", state: "已退保", premium: 4000, applied: "2023-11-02" },
];

function result(results: Record<string, WidgetResult>, id: string) {
  const r = results[id];
  if (r?.state !== "ok") throw new Error(`widget ${id} is ${JSON.stringify(r)}`);
  return r;
}
const pairs = (r: { items: { key: unknown; value: number }[] }) => r.items.map((i) => [i.key, i.value]);

beforeAll(async () => {
  await withSeededTemplates();
  admin = await makeActor("admin", cleanup);
  agent = await makeActor("agent", cleanup);
  agent2 = await makeActor("agent", cleanup);
  viewer = await makeActor("viewer", cleanup);
  key = await cloneArchive(admin, cleanup, "统计测试档案");
  for (const [i, s] of SEEDS.entries())
    await createRecord({
      answer: "full",
      actor: i < 3 ? agent : agent2,
      templateKey: key,
      input: { ...customerData({ policy: { insuranceType: s.type, premium: s.premium, applicationDate: s.applied }, status: { state: s.state } }), ...(s.payments ? { payments: s.payments } : {}), ...(s.claims ? { claims: s.claims } : {}) },
    });
  // A deleted record never counts.
  const gone = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { insuranceType: "人寿险" } }) });
  await deleteRecord({ actor: agent, templateKey: key, recordId: gone.id, expectedRevision: gone.revision });
});

afterAll(async () => {
  await DashboardModel.deleteMany({ _id: key });
  await AuditEventModel.deleteMany({ entityId: key });
  await cleanup.run();
});

/** The premiums of records by id, in order: how the tests recognise the seeded records. */
const premiums = async (ids: string[]) => {
  const docs = await RecordModel.find({ _id: { $in: ids } }, { "data.policy.premium": 1 }).lean<{ data: { policy: { premium: number } } }[]>();
  return docs.map((d) => d.data.policy.premium).sort((a, b) => a - b);
};

const page = async (actor: Actor, qs = "") => {
  const p = await getStatisticsPage({ actor, templateKey: key, searchParams: new URLSearchParams(qs) });
  return { ...p, results: await settleResults(p.results) };
};

describe("the default dashboard computed in the database", () => {
  it("a clone of the archive starts from the shipped default, and its figures equal a count by hand", async () => {
    const { dashboard, results } = await page(viewer);
    expect(dashboard).toMatchObject({ custom: false, revision: 0 });
    expect(dashboard.widgets.map((w) => w.id)).toContain("by-type");
    expect(result(results, "policies").value).toBe(5);
    expect(result(results, "active").value).toBe(3);
    expect(result(results, "premium")).toMatchObject({ value: 12000 + 3000 + 4500, money: true });
    expect(pairs(result(results, "by-type"))).toEqual([["人寿险", 2], ["健康险", 1], ["车险", 2]]);
    expect(pairs(result(results, "by-state"))).toEqual([["生效", 3], ["失效", 1], ["已退保", 1]]);
    expect(pairs(result(results, "new-policies"))).toEqual([["2023-11", 2], ["2023-12", 3]]);
    // Only the rows marked 已缴费 / 已赔付 add up, by the row's own month.
    expect(pairs(result(results, "premiums-paid"))).toEqual([["2024-01", 9000]]);
    expect(pairs(result(results, "claims-paid"))).toEqual([["2024-03", 6200]]);
    expect(pairs(result(results, "by-owner"))).toEqual([[agent.id, 3], [agent2.id, 2]]);
    expect(result(results, "by-owner").items[0].label).toBe(agent.name);

    // The same figures counted from the stored records by code.
    const live = await RecordModel.find({ templateKey: key, deletedAt: null }).lean<{ data: { policy: { insuranceType: string } } }[]>();
    expect(live.filter((r) => r.data.policy.insuranceType === "人寿险")).toHaveLength(2);
  });

  it("the page's filters narrow every widget and click-throughs carry them", async () => {
    const { results } = await page(viewer, "f.status.state.in=生效");
    expect(result(results, "policies").value).toBe(3);
    expect(pairs(result(results, "by-type"))).toEqual([["人寿险", 1], ["健康险", 1], ["车险", 1]]);
    const href = new URL(result(results, "by-type").items[2].href!, "http://x");
    expect(Object.fromEntries(href.searchParams)).toEqual({ "f.status.state.in": "生效", "f.policy.insuranceType.in": "车险" });
    const other = await page(viewer, "f.policy.insuranceType.in=车险");
    expect(result(other.results, "policies").value).toBe(2);
    expect(result(other.results, "premium").value).toBe(4500);
  });

  it("a month of a table's date and an owner's row open lists with exactly the records behind them", async () => {
    const { results } = await page(admin);
    const listed = async (href: string) => {
      const url = new URL(href, "http://x");
      expect(url.pathname).toBe(`/t/${key}`);
      const { page: p } = await listRecords({ actor: admin, templateKey: key, searchParams: url.searchParams, strict: true });
      return premiums(p.rows.map((r) => r.id));
    };
    // 理赔 paid in 2024-03: the rows of the 人寿险 (8000) and the 健康险 (3000) records.
    const march = result(results, "claims-paid").items.find((i) => i.key === "2024-03")!;
    expect(new URL(march.href!, "http://x").searchParams.get("f.claims.applyDate.month")).toBe("2024-03");
    expect(await listed(march.href!)).toEqual([3000, 8000]);
    // A month with a claim row only in another record is not met by a neighbouring month's rows.
    const { page: april } = await listRecords({ actor: admin, templateKey: key, searchParams: new URLSearchParams("f.claims.applyDate.month=2024-04") });
    expect(await premiums(april.rows.map((r) => r.id))).toEqual([3000]);
    const { page: none } = await listRecords({ actor: admin, templateKey: key, searchParams: new URLSearchParams("f.payments.date.month=2024-02") });
    expect(none.total).toBe(0);
    const { page: january } = await listRecords({ actor: admin, templateKey: key, searchParams: new URLSearchParams("f.payments.date.month=2024-01") });
    expect(january.total).toBe(2);
    // Owners: agent's three records, agent2's two (the deleted one never shows).
    const [first, second] = result(results, "by-owner").items;
    expect(await listed(first.href!)).toEqual([3000, 8000, 12000]);
    expect(await listed(second.href!)).toEqual([4000, 4500]);
    // A month card on a table's rows narrowed by a month filter on the same table: only that month's rows add up.
    const { results: filtered } = await page(admin, "f.claims.applyDate.month=2024-04");
    expect(pairs(result(filtered, "claims-paid"))).toEqual([]);
    expect(result(filtered, "policies").value).toBe(1);
  });

  it("a filter a viewer may not use is refused for the page, and the widgets still show unfiltered", async () => {
    const p = await page(viewer, "f.basic.idNumber.eq=11010519491231002X");
    expect(p.refused).toMatch(/身份证号码/);
    expect(result(p.results, "policies").value).toBe(5);
  });
});

describe("saving dashboards", () => {
  const byPayment: Widget = { id: "pay", kind: "byChoice", title: "缴费方式", field: "policy.paymentMethod", chart: "bar" };

  it("administrators save, others may not; personal data is refused; a stale revision is a conflict; reset brings the default back", async () => {
    await expectDomainError(saveDashboard({ actor: agent, templateKey: key, input: { revision: 0, widgets: [byPayment] } }), "FORBIDDEN");
    const pii = await expectDomainError(saveDashboard({ actor: admin, templateKey: key, input: { revision: 0, widgets: [{ id: "x", kind: "topN", title: "按证件号", field: "basic.idNumber" }] } }), "VALIDATION");
    expect(pii.message).toMatch(/个人信息/);
    await expectDomainError(saveDashboard({ actor: admin, templateKey: key, input: { revision: 0, widgets: [{ ...byPayment, filter: "f.basic.mobile.eq=13800138000" }] } }), "VALIDATION");
    await expectDomainError(saveDashboard({ actor: admin, templateKey: key, input: { revision: 0, widgets: [{ ...byPayment, field: "nope.field" }] } }), "VALIDATION");

    const rows: Widget[] = [
      { id: "paid", kind: "number", title: "已缴保费", sum: "payments.amount", filter: "f.payments.status.in=已缴费" },
      { id: "claims", kind: "byChoice", title: "理赔状态", field: "claims.status", chart: "pie" },
    ];
    const saved = await saveDashboard({ actor: admin, templateKey: key, input: { revision: 0, widgets: [byPayment, ...rows] } });
    expect(saved).toMatchObject({ custom: true, revision: 1, updatedByName: admin.name });
    expect(await AuditEventModel.countDocuments({ action: "template.dashboard", entityId: key })).toBe(1);
    await expectDomainError(saveDashboard({ actor: admin, templateKey: key, input: { revision: 0, widgets: [] } }), "CONFLICT");
    expect((await loadDashboard({ actor: viewer, templateKey: key })).widgets).toEqual([byPayment, ...rows]);
    const { results } = await page(viewer);
    expect(pairs(result(results, "pay"))).toEqual([["年缴", 5]]);
    // Table rows: counted and added up per row.
    expect(result(results, "paid").value).toBe(9000);
    expect(pairs(result(results, "claims"))).toEqual([["待审核", 1], ["已赔付", 2]]);

    const reset = await resetDashboard({ actor: admin, templateKey: key, input: { revision: 1 } });
    expect(reset).toMatchObject({ custom: false, revision: 0 });
    expect(reset.widgets.length).toBeGreaterThan(5);
  });

  it("a widget over a field removed since shows the placeholder, and the rest of the dashboard still computes", async () => {
    await saveDashboard({ actor: admin, templateKey: key, input: { revision: 0, widgets: [byPayment, { id: "n", kind: "number", title: "总数" }] } });
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: removeField(opened.model, "policy.paymentMethod") } });
    await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
    const { results } = await page(viewer);
    expect(results.pay).toMatchObject({ state: "problem", code: "fieldGone" });
    expect(result(results, "n").value).toBe(5);
  });
});
