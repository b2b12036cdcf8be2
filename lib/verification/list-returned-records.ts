import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { recordsFilter } from "../records/records-filter";
import { resolveScope } from "../records/resolve-scope";
import type { PublishedTemplate } from "../templates/types";
import { recordTitle } from "../records/record-title";
import { queueTemplates } from "./list-verification-queue";

/** A record a reviewer returned to the reader, with the reason. */
export interface ReturnedItem {
  templateKey: string;
  templateName: string;
  recordId: string;
  title: string;
  reason: string;
  returnedBy: string;
  returnedAt: string;
}

/** Returned records the reader entered (their last editor): the reason is theirs to act on. */
async function returnedFilter(actor: Actor, templates: PublishedTemplate[]): Promise<Record<string, unknown>> {
  const branches = await Promise.all(templates.map(async (t) => recordsFilter({ actor, templateKey: t.key, trash: "live", scope: await resolveScope(actor, t) })));
  return { $or: branches, verification: "returned", updatedBy: actor.id };
}

/** How many records were returned to the reader (the sidebar's count). */
export async function countReturnedRecords(actor: Actor): Promise<number> {
  const templates = await queueTemplates(actor);
  if (templates.length === 0) return 0;
  await connectDb();
  return RecordModel.countDocuments(await returnedFilter(actor, templates));
}

/** Records returned to the reader, newest return first (at most `limit`). */
export async function listReturnedRecords(params: { actor: Actor | null; limit?: number }): Promise<ReturnedItem[]> {
  const { actor } = params;
  assertCan(actor, "record.update");
  const templates = await queueTemplates(actor);
  if (templates.length === 0) return [];
  const byKey = new Map(templates.map((t) => [t.key, t]));
  await connectDb();
  const docs = await RecordModel.find(await returnedFilter(actor, templates))
    .sort({ "review.returnedAt": -1, _id: 1 })
    .limit(Math.min(200, params.limit ?? 100))
    .lean();
  return docs.map((doc) => ({
    templateKey: doc.templateKey,
    templateName: byKey.get(doc.templateKey)!.name,
    recordId: String(doc._id),
    title: recordTitle({ template: byKey.get(doc.templateKey)!, data: doc.data, reader: actor, ownerId: doc.ownerId }),
    reason: doc.review?.returnReason ?? "",
    returnedBy: doc.review?.returnedByName ?? "",
    returnedAt: (doc.review?.returnedAt ?? doc.updatedAt).toISOString(),
  }));
}
