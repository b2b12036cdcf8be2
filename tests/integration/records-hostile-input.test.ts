import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { createRecord } from "@/lib/records/create-record";
import { Cleanup, customerData, expectDomainError, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

type Data = Record<string, Record<string, unknown>>;
const stored = (policyNo: string) => RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": policyNo });

describe("hostile record data: a clear 4xx, nothing stored, nothing crashed", () => {
  it("deeply nested data is a 400, not a stack overflow", async () => {
    const agent = await makeActor("agent", cleanup);
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const data = customerData() as Data;
    const err = await expectDomainError(createRecord({ actor: agent, templateKey: key, input: { ...data, notes: deep } }), "BAD_REQUEST");
    expect(err.message).toMatch(/嵌套过深/);
    expect(await stored(data.policy.policyNo as string)).toBe(0);
  });

  it("a __proto__ key is refused, not silently dropped", async () => {
    const agent = await makeActor("agent", cleanup);
    const data = customerData() as Data;
    const input = JSON.parse(JSON.stringify(data).replace('"basic":{', '"basic":{"__proto__":{"admin":true},'));
    const err = await expectDomainError(createRecord({ actor: agent, templateKey: key, input }), "BAD_REQUEST");
    expect(err.fieldErrors?.[0]).toMatchObject({ path: "/basic/__proto__" });
    expect(await stored(data.policy.policyNo as string)).toBe(0);
  });
});
