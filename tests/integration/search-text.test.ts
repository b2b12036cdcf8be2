import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import type { Actor } from "@/lib/auth/roles";
import { RecordModel } from "@/lib/db/models/record";
import { backfillSearchText } from "@/lib/records/backfill-search-text";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { listRecords } from "@/lib/records/list-records";
import { restoreRecord } from "@/lib/records/restore-record";
import { searchKey } from "@/lib/records/search-text";
import { searchTextState } from "@/lib/records/search-text-state";
import { updateRecord } from "@/lib/records/update-record";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { Cleanup, cloneArchive, customerData, makeActor, residentId, withSeededTemplates } from "./support/fixtures";

// Issue 8: the search asks each record's search text, kept by the write pipeline; records without
// a current one are asked the old way until the backfill renews them — correctness never waits.

const cleanup = new Cleanup();
let key: string;
let admin: Actor;
let viewer: Actor;
let current: string;
const ids: string[] = [];
const idNumber = residentId("19800101", 7, "110105");

beforeAll(async () => {
  await withSeededTemplates();
  admin = await makeActor("admin", cleanup);
  viewer = await makeActor("viewer", cleanup);
  key = await cloneArchive(admin, cleanup, "搜索文本");
  current = searchKey((await getPublishedTemplate(admin, key)).fields);
  for (const [i, name] of ["赵搜索", "钱搜索", "孙其他"].entries()) {
    const data = customerData({ basic: { name, idNumber: i === 0 ? idNumber : residentId("19800101", 20 + i, "110105"), mobile: `1390000${String(2000 + i)}` } });
    (data.policy as Record<string, unknown>).productName = `搜索产品${i}`;
    ids.push((await createRecord({ actor: admin, templateKey: key, input: data })).id);
  }
});
afterAll(() => cleanup.run());

const stored = (id: string) => RecordModel.findById(id).lean() as Promise<{ search?: { k: string; t: string; n: string; p: string }; revision: number } | null>;
const found = async (actor: Actor, q: string, trash = false) =>
  (await listRecords({ actor, templateKey: key, searchParams: new URLSearchParams({ q, ...(trash ? { trash: "1" } : {}) }) })).page.rows.map((r) => r.id).sort();

describe("the search text", () => {
  it("is stored by every write, from the data it leaves", async () => {
    const first = await stored(ids[0]);
    expect(first?.search?.k).toBe(current);
    expect(first?.search?.t).toContain("搜索产品0");
    expect(first?.search?.n).toContain("赵搜索");
    expect(first?.search?.p).toContain(idNumber);
    const data = customerData({ basic: { name: "赵改名", idNumber, mobile: "13900002000" } });
    await updateRecord({ actor: admin, templateKey: key, recordId: ids[0], input: data, expectedRevision: first!.revision });
    expect((await stored(ids[0]))?.search?.n).toContain("赵改名");
    await deleteRecord({ actor: admin, templateKey: key, recordId: ids[0], expectedRevision: (await stored(ids[0]))!.revision });
    expect((await stored(ids[0]))?.search?.n).toContain("赵改名");
    expect(await found(admin, "赵改名", true)).toEqual([ids[0]]);
    expect(await found(admin, "赵改名")).toEqual([]);
    await restoreRecord({ actor: admin, templateKey: key, recordId: ids[0] });
    expect(await found(admin, "赵改名")).toEqual([ids[0]]);
  });

  it("keeps who finds what: personal data only for those who may reveal it", async () => {
    expect(await found(admin, idNumber)).toEqual([ids[0]]);
    expect(await found(admin, idNumber.slice(-6))).toEqual([ids[0]]);
    expect(await found(viewer, "搜索产品1")).toEqual([ids[1]]);
    // A viewer sees names and ID numbers masked: searching them would be an oracle.
    expect(await found(viewer, "钱搜索")).toEqual([]);
    expect(await found(viewer, idNumber)).toEqual([]);
    expect(await found(admin, "钱搜索")).toEqual([ids[1]]);
  });

  it("asks records without a current text the old way, until the backfill renews them", async () => {
    expect(await searchTextState(key, current)).toBe("only");
    // One from before the search text, one with a stale key (an older version's fields).
    await RecordModel.collection.updateOne({ _id: new Types.ObjectId(ids[1]) }, { $unset: { search: "" } });
    await RecordModel.collection.updateOne({ _id: new Types.ObjectId(ids[2]) }, { $set: { search: { k: "s0-old", t: "\u001f钱搜索\u001f", n: "\u001f", p: "\u001e" } } });
    expect(await searchTextState(key, current)).toBe("mixed");
    expect(await found(admin, "钱搜索")).toEqual([ids[1]]);
    expect(await found(admin, "孙其他")).toEqual([ids[2]]);
    // (The first record's product was replaced by the edit above.)
    expect(await found(admin, "搜索产品")).toEqual([ids[1], ids[2]].sort());
    const before = (await stored(ids[1]))!.revision;
    expect(await backfillSearchText({ templateKey: key })).toBe(2);
    expect(await backfillSearchText({ templateKey: key })).toBe(0);
    expect(await searchTextState(key, current)).toBe("only");
    expect((await stored(ids[2]))?.search?.t).not.toContain("钱搜索");
    // Only the text: no revision, no history.
    expect((await stored(ids[1]))!.revision).toBe(before);
    expect(await found(admin, "钱搜索")).toEqual([ids[1]]);
    expect(await found(admin, "孙其他")).toEqual([ids[2]]);
  });
});
