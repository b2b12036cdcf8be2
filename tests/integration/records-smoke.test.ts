import { RecordModel } from "@/lib/db/models/record";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { Cleanup, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("createRecord against the embedded database", () => {
  it("stores normalized data and reads it back masked", async () => {
    const agent = await makeActor("agent", cleanup);
    const created = await createRecord({
      actor: agent,
      templateKey: key,
      input: customerData({ policy: { sumInsured: "100万", startDate: "2024/1/1" } }),
    });
    cleanup.records.push(created.id);
    // The answer shows it as the detail page does: birth date and gender read off the ID masked with it.
    expect(created.data).toMatchObject({ policy: { sumInsured: 1000000, startDate: "2024-01-01" }, basic: { idNumber: "1101**********002X", birthDate: "******", gender: "*" } });
    const stored = await RecordModel.findById(created.id).lean();
    expect(stored?.data).toMatchObject({ policy: { sumInsured: 1000000, startDate: "2024-01-01" }, basic: { birthDate: "1949-12-31", gender: "女" } });
    const read = await getRecord({ actor: agent, templateKey: key, recordId: created.id });
    expect((read.data.basic as Record<string, unknown>).idNumber).toBe("1101**********002X");
  });
});
