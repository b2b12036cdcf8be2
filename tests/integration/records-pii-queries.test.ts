import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createRecord } from "@/lib/records/create-record";
import { listRecords } from "@/lib/records/list-records";
import { Cleanup, customerData, expectDomainError, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
let agent: Actor;
let viewer: Actor;
let tag: string;
const id = residentId("19770305", 17, "320102");

beforeAll(async () => {
  key = await withSeededTemplates();
  agent = await makeActor("agent", cleanup);
  viewer = await makeActor("viewer", cleanup);
  tag = unique("PII");
  const record = await createRecord({
    actor: agent,
    templateKey: key,
    input: customerData({ basic: { customerNo: tag, name: "钱七", idNumber: id, mobile: "13712345678" } }),
  });
  cleanup.records.push(record.id);
});
afterAll(() => cleanup.run());

const list = (actor: Actor, params: string) => listRecords({ actor, templateKey: key, searchParams: new URLSearchParams(params), strict: true });

/**
 * A viewer sees 3201**********1713 and the unmasked 出生日期 1977-03-05: only two digits of the ID
 * are unknown, so an exact-match search would confirm the full number in a few dozen tries.
 */
describe("personal data is queried only by roles that may reveal it", () => {
  it("a viewer's search does not look at ID or mobile numbers; an agent's does", async () => {
    expect((await list(agent, `q=${id}`)).page.rows.map((r) => r.title)).toEqual(["钱七"]);
    expect((await list(agent, "q=13712345678")).page.total).toBe(1);
    expect((await list(viewer, `q=${id}`)).page.total).toBe(0);
    expect((await list(viewer, "q=13712345678")).page.total).toBe(0);
    // Fields that are not personal data are still searched.
    // (客户姓名 is personal data too: the viewer sees the title masked.)
    expect((await list(viewer, `q=${tag}`)).page.rows.map((r) => r.title)).toEqual(["钱*"]);
  });

  it("a viewer cannot filter or sort by personal data: a 400 that says why", async () => {
    const filter = await expectDomainError(list(viewer, `f.basic.idNumber.eq=${id}`), "BAD_REQUEST");
    expect(filter.message).toBe("“身份证号码”是个人信息，你的角色不能按它筛选");
    await expectDomainError(list(viewer, "f.basic.mobile.notEmpty=1"), "BAD_REQUEST");
    const sort = await expectDomainError(list(viewer, "sort=basic.idNumber&dir=asc"), "BAD_REQUEST");
    expect(sort.message).toBe("“身份证号码”是个人信息，你的角色不能按它排序");
    expect((await list(agent, `f.basic.idNumber.eq=${id}`)).page.total).toBe(1);
    expect((await list(agent, "sort=basic.idNumber&dir=asc")).query.sort).toEqual({ field: "basic.idNumber", dir: "asc" });
  });
});
