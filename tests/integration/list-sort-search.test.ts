import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createRecord } from "@/lib/records/create-record";
import { listRecords } from "@/lib/records/list-records";
import { Cleanup, cloneArchive, customerData, makeActor, residentId, withSeededTemplates } from "./support/fixtures";

// Issue 13 items 3 and 4: empty values sort last in both directions; staff find a customer by the
// last digits of a mobile or ID number. Both failed on the main of that day.

const cleanup = new Cleanup();
let key: string;
let admin: Actor;
let viewer: Actor;
// 6 amounts and 8 empty ones: a page of 10 crosses from the amounts into the empty values.
const amounts = [300000, null, 100000, null, 200000, null, 500000, null, 400000, null, 600000, null, null, null];
const titles = amounts.map((_, i) => `排序${i}`);
const id = residentId("19800101", 18, "110105");

beforeAll(async () => {
  await withSeededTemplates();
  admin = await makeActor("admin", cleanup);
  viewer = await makeActor("viewer", cleanup);
  key = await cloneArchive(admin, cleanup, "排序与搜索");
  for (const [i, amount] of amounts.entries()) {
    const data = customerData({ basic: { name: titles[i], idNumber: i === 0 ? id : residentId("19800101", i, "110105"), mobile: `1380000${String(1000 + i)}` } });
    const policy = data.policy as Record<string, unknown>;
    policy.policyNo = `SORTPOLICY${"ABCDEFGHIJKLMN"[i]}`; // no digits: only the personal numbers can match a digit search
    if (amount === null) delete policy.sumInsured;
    else policy.sumInsured = amount;
    await createRecord({ actor: admin, templateKey: key, input: data });
  }
});
afterAll(() => cleanup.run());

const list = (actor: Actor, params: string) => listRecords({ actor, templateKey: key, searchParams: new URLSearchParams(params), strict: true });
const names = async (actor: Actor, params: string) => (await list(actor, params)).page.rows.map((r) => r.title);

describe("sorting puts empty values last in both directions", () => {
  it("ascending: amounts from the smallest, then the records without one, across pages", async () => {
    const page1 = await names(admin, "sort=policy.sumInsured&dir=asc&size=10&page=1");
    expect(page1.slice(0, 6)).toEqual(["排序2", "排序4", "排序0", "排序8", "排序6", "排序10"]);
    const page2 = await names(admin, "sort=policy.sumInsured&dir=asc&size=10&page=2");
    const empty = [...page1.slice(6), ...page2];
    expect([...empty].sort()).toEqual(["排序1", "排序11", "排序12", "排序13", "排序3", "排序5", "排序7", "排序9"]);
    expect((await list(admin, "sort=policy.sumInsured&dir=asc&size=10&page=2")).page.total).toBe(14);
  });

  it("descending: amounts from the largest, then the records without one", async () => {
    const all = await names(admin, "sort=policy.sumInsured&dir=desc&size=10");
    const rest = await names(admin, "sort=policy.sumInsured&dir=desc&size=10&page=2");
    expect(all.slice(0, 6)).toEqual(["排序10", "排序6", "排序8", "排序0", "排序4", "排序2"]);
    expect([...all.slice(6), ...rest].sort()).toEqual(["排序1", "排序11", "排序12", "排序13", "排序3", "排序5", "排序7", "排序9"]);
  });
});

describe("the search finds a customer by the end of a mobile or ID number", () => {
  it("four or more trailing digits of a mobile number, for roles that may reveal it", async () => {
    expect(await names(admin, "q=1003")).toEqual(["排序3"]);
    expect(await names(admin, "q=１００３")).toEqual(["排序3"]);
    expect((await list(admin, "q=003")).page.total).toBe(0);
    expect((await list(viewer, "q=1003")).page.total).toBe(0);
  });

  it("the last digits of an ID number, x or X", async () => {
    const tail = id.slice(-6);
    expect(await names(admin, `q=${tail.toLowerCase()}`)).toEqual(["排序0"]);
    expect((await list(viewer, `q=${tail}`)).page.total).toBe(0);
  });
});

describe("a text search counts its total only up to a cap (issue 8)", () => {
  const capped = (params: string) => listRecords({ actor: admin, templateKey: key, searchParams: new URLSearchParams(params), strict: true, searchCountCap: 5 });

  it("says 5+ past the cap, and offers one more page while pages are full", async () => {
    const first = (await capped("q=排序&size=10")).page;
    expect(first).toMatchObject({ total: 5, totalCapped: true, pages: 2 });
    expect(first.rows).toHaveLength(10);
    const second = (await capped("q=排序&size=10&page=2")).page;
    expect(second).toMatchObject({ total: 5, totalCapped: true, pages: 2 });
    expect(second.rows).toHaveLength(4);
  });

  it("counts exactly below the cap, and always without a text search", async () => {
    // 排序1 and 排序10–13: exactly the cap is not past it.
    expect((await capped("q=排序1")).page).toMatchObject({ total: 5, totalCapped: false });
    expect((await capped("q=排序13")).page).toMatchObject({ total: 1, totalCapped: false });
    expect((await capped("size=10")).page).toMatchObject({ total: 14, totalCapped: false, pages: 2 });
  });
});
