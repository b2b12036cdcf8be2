import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { listRecords } from "@/lib/records/list-records";
import { Cleanup, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
let admin: Actor;
// A customer-number prefix of this run: every query below is narrowed to it, so records other
// tests leave behind cannot change the counts.
const run = `L${Date.now().toString(36).toUpperCase()}`;

const list = async (qs: string, actor: Actor = admin) => {
  const { page } = await listRecords({ actor, templateKey: key, searchParams: new URLSearchParams(`f.basic.customerNo.contains=${run}&${qs}`) });
  return page;
};
const names = (page: { rows: { title: string }[] }) => page.rows.map((r) => r.title).sort();

beforeAll(async () => {
  key = await withSeededTemplates();
  admin = await makeActor("admin", cleanup);
  const seed = [
    { name: "甲", type: "车险", sum: 100000, start: "2022-03-01", legal: true, pay: "已缴费", mobile: "13800000001" },
    { name: "乙", type: "健康险", sum: 500000, start: "2023-06-15", legal: true, pay: "逾期", mobile: "13800000002" },
    { name: "丙", type: "人寿险", sum: 2000000, start: "2024-01-01", legal: true, pay: "已缴费", mobile: "13800000003" },
  ];
  for (const [i, s] of seed.entries()) {
    const data = customerData({
      basic: { customerNo: `${run}${i}`, name: `${s.name}${run}`, mobile: s.mobile },
      policy: { insuranceType: s.type, sumInsured: s.sum, startDate: s.start, endDate: "2040-01-01" },
      beneficiary: { isLegal: s.legal },
    });
    data.payments = [{ date: "2024-01-01", amount: 100, status: s.pay }];
    const created = await createRecord({ actor: admin, templateKey: key, input: data });
    cleanup.records.push(created.id);
  }
});
afterAll(() => cleanup.run());

describe("listRecords on the embedded database", () => {
  it("filters by options, money and date ranges, and values inside tables", async () => {
    expect(names(await list("f.policy.insuranceType.in=车险|健康险"))).toEqual([`乙${run}`, `甲${run}`]);
    expect(names(await list("f.policy.sumInsured.gte=50万&f.policy.sumInsured.lte=2000000"))).toEqual([`丙${run}`, `乙${run}`]);
    expect(names(await list("f.policy.startDate.gte=2023-01-01&f.policy.startDate.lte=2023-12-31"))).toEqual([`乙${run}`]);
    expect(names(await list("f.payments.status.in=逾期"))).toEqual([`乙${run}`]);
    expect((await list("f.beneficiary.isLegal.is=false")).total).toBe(0);
    expect((await list("f.basic.address.empty=1")).total).toBe(3);
  });

  it("sorts, pages and searches, masking personal data in the cells", async () => {
    const page = await list("sort=policy.sumInsured&dir=desc&size=10");
    expect(page.rows.map((r) => r.cells["policy.sumInsured"])).toEqual([2000000, 500000, 100000]);
    expect(page.rows[0].cells["basic.mobile"]).toBe("138****0003");
    const second = await list("sort=policy.sumInsured&dir=asc&size=10&page=2");
    expect(second).toMatchObject({ total: 3, page: 2, pages: 1, rows: [] });
    expect(names(await list("q=13800000002"))).toEqual([`乙${run}`]);
    expect((await list("q=1380000000")).total).toBe(0);
    expect((await list("sort=@owner&dir=asc")).total).toBe(3);
  });

  it("shows deleted records only in the recycle bin, and the bin only to those who may restore", async () => {
    const extra = await createRecord({ actor: admin, templateKey: key, input: customerData({ basic: { customerNo: `${run}X`, name: `丁${run}` } }) });
    cleanup.records.push(extra.id);
    await deleteRecord({ actor: admin, templateKey: key, recordId: extra.id, expectedRevision: extra.revision });
    expect(names(await list("trash=1"))).toEqual([`丁${run}`]);
    expect((await list("trash=1")).rows[0].deletedAt).toEqual(expect.any(String));
    expect((await list("")).total).toBe(3);
    const agent = await makeActor("agent", cleanup);
    await expect(list("trash=1", agent)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("tells 否 from 未填写 in a yes/no filter", async () => {
    const unanswered = customerData({ basic: { customerNo: `${run}U`, name: `未答${run}` } });
    delete (unanswered as Record<string, unknown>).beneficiary;
    const created = await createRecord({ actor: admin, templateKey: key, input: unanswered });
    cleanup.records.push(created.id);
    const no = customerData({ basic: { customerNo: `${run}N`, name: `否${run}` }, beneficiary: { isLegal: false, list: [{ name: "李一", idNumber: "11010519491231002X", share: 100 }] } });
    const createdNo = await createRecord({ actor: admin, templateKey: key, input: no });
    cleanup.records.push(createdNo.id);
    expect(names(await list("f.beneficiary.isLegal.is=false"))).toEqual([`否${run}`]);
    expect(names(await list("f.beneficiary.isLegal.empty=1"))).toEqual([`未答${run}`]);
    expect((await list("f.beneficiary.isLegal.is=true")).total).toBe(3);
    for (const id of [created.id, createdNo.id]) await deleteRecord({ actor: admin, templateKey: key, recordId: id, expectedRevision: 1 });
  });

  it("answers hand-edited parameters with a 400 that says what is wrong", async () => {
    await expect(list("f.$where.eq=1")).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("$where") });
    await expect(list("sort=$where")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(list("page=abc")).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("abc") });
  });
});
