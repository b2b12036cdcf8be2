import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createRecord } from "@/lib/records/create-record";
import { listRecords } from "@/lib/records/list-records";
import type { RecordRow } from "@/lib/records/types";
import { Cleanup, expectDomainError, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
let agent: Actor;
let tag: string;

const NAMES = ["王伟", "王芳", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强", "周杰", "吴霞", "徐明"];
const TYPES = ["人寿险", "健康险", "车险"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const idOf = (i: number) => residentId(`1980${pad(i + 1)}15`, i * 2 + 1, "310104");

/** Twelve records that differ in every filterable way; all carry this run's tag in 客户编号. */
beforeAll(async () => {
  key = await withSeededTemplates();
  agent = await makeActor("agent", cleanup);
  tag = unique("L");
  for (let i = 0; i < NAMES.length; i++) {
    const record = await createRecord({
      actor: agent,
      templateKey: key,
      input: {
        basic: { customerNo: `${tag}-${pad(i)}`, name: NAMES[i], idNumber: idOf(i), mobile: `1390000${pad(i, 4)}`, ...(i % 3 === 0 ? {} : { email: `c${i}@example.com` }) },
        policy: { policyNo: `${tag}P${i}`, insuranceType: TYPES[i % 3], startDate: `2024-${pad(i + 1)}-15`, endDate: `2034-${pad(i + 1)}-15`, sumInsured: (i + 1) * 100000 },
        policyholder: { relation: "本人" },
        beneficiary: i % 4 === 0 ? { isLegal: false, list: [{ name: "受益人", idNumber: residentId("20100101", 2), share: 100 }] } : { isLegal: true },
        status: { state: "生效" },
      },
    });
    cleanup.records.push(record.id);
  }
});
afterAll(() => cleanup.run());

/** Lists this run's records with extra parameters. */
async function list(extra = "", actor: Actor = agent) {
  const params = new URLSearchParams(extra);
  params.set("f.basic.customerNo.contains", tag);
  return listRecords({ actor, templateKey: key, searchParams: params });
}
const names = (rows: RecordRow[]) => rows.map((r) => r.title).sort();

describe("listRecords", () => {
  it("lists the records newest first with the template's columns, personal data masked", async () => {
    const { page, query } = await list();
    expect(page.total).toBe(12);
    expect(page.rows).toHaveLength(12);
    expect(query.sort).toEqual({ field: "@updatedAt", dir: "desc" });
    expect(page.rows[0].title).toBe("徐明");
    const row = page.rows.find((r) => r.title === "陈静")!;
    expect(Object.keys(row.cells)).toEqual(["basic.customerNo", "basic.name", "basic.mobile", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "policy.sumInsured", "policy.endDate", "status.state", "@verification", "@updatedAt"]);
    expect(row.cells["basic.idNumber"]).toBe(`${idOf(5).slice(0, 4)}**********${idOf(5).slice(-4)}`);
    expect(row.cells["basic.mobile"]).toBe("139****0005");
    expect(row.cells["policy.sumInsured"]).toBe(600000);
    expect(row.cells["basic.name"]).toBe("陈静");
    expect(JSON.stringify(page.rows)).not.toContain(idOf(5));
  });

  it("filters by enumeration (in)", async () => {
    const { page } = await list("f.policy.insuranceType.in=人寿险|车险");
    expect(page.total).toBe(8);
    expect(page.rows.every((r) => r.cells["policy.insuranceType"] !== "健康险")).toBe(true);
  });

  it("filters text by contains", async () => {
    expect(names((await list("f.basic.name.contains=王")).page.rows)).toEqual(["王伟", "王芳"]);
    expect((await list("f.basic.name.contains=.*")).page.total).toBe(0);
  });

  it("filters a date range", async () => {
    const { page } = await list("f.policy.startDate.gte=2024/3/1&f.policy.startDate.lte=2024年6月30日");
    expect(names(page.rows)).toEqual(["刘洋", "张敏", "李娜", "陈静"].sort());
  });

  it("filters a money range, read like entry (30万)", async () => {
    const { page } = await list("f.policy.sumInsured.gte=30万&f.policy.sumInsured.lte=500,000");
    expect(page.rows.map((r) => r.cells["policy.sumInsured"]).sort()).toEqual([300000, 400000, 500000]);
  });

  it("filters yes/no", async () => {
    expect(names((await list("f.beneficiary.isLegal.is=false")).page.rows)).toEqual(["刘洋", "王伟", "黄强"].sort());
    expect((await list("f.beneficiary.isLegal.is=true")).page.total).toBe(9);
  });

  it("filters empty and not empty", async () => {
    expect(names((await list("f.basic.email.empty=1")).page.rows)).toEqual(["王伟", "张敏", "杨磊", "周杰"].sort());
    expect((await list("f.basic.email.notEmpty=1")).page.total).toBe(8);
  });

  it("finds an ID number only in full, and names in part", async () => {
    expect(names((await list(`q=${idOf(5)}`)).page.rows)).toEqual(["陈静"]);
    expect(names((await list(`q=${idOf(5).toLowerCase()}`)).page.rows)).toEqual(["陈静"]);
    expect((await list(`q=${idOf(5).slice(0, 10)}`)).page.total).toBe(0);
    expect((await list(`f.basic.idNumber.eq=${idOf(7)}`)).page.rows.map((r) => r.title)).toEqual(["赵丽"]);
    expect(names((await list("q=李")).page.rows)).toEqual(["李娜"]);
    expect(names((await list("q=13900000011")).page.rows)).toEqual(["徐明"]);
    expect((await list("q=1390000")).page.total).toBe(0);
  });

  it("sorts ascending and descending by any column", async () => {
    const asc = (await list("sort=policy.sumInsured&dir=asc")).page.rows.map((r) => r.cells["policy.sumInsured"]);
    expect(asc).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 100000));
    const desc = (await list("sort=policy.sumInsured&dir=desc")).page.rows.map((r) => r.cells["policy.sumInsured"]);
    expect(desc).toEqual([...asc].reverse());
    const byName = (await list("sort=basic.customerNo")).page.rows.map((r) => r.cells["basic.customerNo"]);
    expect(byName).toEqual([...byName].sort());
  });

  it("pages with a total", async () => {
    const first = (await list("size=10&sort=policy.sumInsured")).page;
    const second = (await list("size=10&page=2&sort=policy.sumInsured")).page;
    expect([first.total, first.pages, first.rows.length, first.page]).toEqual([12, 2, 10, 1]);
    expect([second.total, second.pages, second.rows.length, second.page]).toEqual([12, 2, 2, 2]);
    const ids = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(ids.size).toBe(12);
    expect((await list("size=10&page=3")).page.rows).toEqual([]);
  });

  it.each([
    ["f.$where.eq=1"],
    ["f.basic.name.$ne=x"],
    ["sort=$where"],
    ["f.__proto__.x.eq=1"],
    ["f.basic.name.eq.$gt="],
    ["f.basic.idNumber.contains=3101"],
    ["f.policy.insuranceType.in=寿险"],
    ["size=1000000"],
    ["page=-1"],
  ])("answers BAD_REQUEST to %s", async (qs) => {
    const err = await expectDomainError(listRecords({ actor: agent, templateKey: key, searchParams: new URLSearchParams(qs) }), "BAD_REQUEST");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
