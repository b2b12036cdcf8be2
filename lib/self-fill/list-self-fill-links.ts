import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { SelfFillLinkModel } from "../db/models/self-fill-link";
import { assertRecordId } from "../records/check-record-data";
import { recordsFilter } from "../records/records-filter";
import { assertStaff } from "./create-self-fill-link";
import { toLinkView, type LinkView } from "./link-view";
import { resolveScope } from "../records/resolve-scope";
import { getPublishedTemplate } from "../templates/get-published-template";

/**
 * Self-fill links, newest first: those of one record (for whoever may edit it: every colleague's,
 * so nobody makes a second link blind), or else the actor's own (我的自填链接), at most 200 —
 * without those whose record left the actor's data scope since (transferred to another agent):
 * their state is the new owner's business.
 */
export async function listSelfFillLinks(params: { actor: Actor | null; templateKey?: string; recordId?: string }): Promise<LinkView[]> {
  const { actor, templateKey, recordId } = params;
  assertStaff(actor);
  assertCan(actor, "record.read");
  await connectDb();
  let filter: Record<string, unknown>;
  if (recordId !== undefined && templateKey !== undefined) {
    assertCan(actor, "record.update");
    assertRecordId(recordId);
    const template = await getPublishedTemplate(actor, templateKey);
    const found = await RecordModel.exists({ _id: recordId, ...recordsFilter({ actor, templateKey, trash: "openable", scope: await resolveScope(actor, template) }) });
    if (!found) return [];
    filter = { recordId, templateKey };
  } else filter = { createdBy: actor.id };
  const docs = await SelfFillLinkModel.find(filter).sort({ createdAt: -1 }).limit(200).lean();
  const now = new Date();
  const reachable = recordId === undefined ? await recordsInScope(actor, docs) : null;
  return docs.filter((d) => !reachable || !d.recordId || reachable.has(d.recordId)).map((d) => toLinkView(d, now));
}

/** The ids of the links' records that the actor may still open, one query per template. */
async function recordsInScope(actor: Actor, docs: { templateKey: string; recordId?: string | null }[]): Promise<Set<string>> {
  const byTemplate = new Map<string, string[]>();
  for (const d of docs) if (d.recordId) byTemplate.set(d.templateKey, [...(byTemplate.get(d.templateKey) ?? []), d.recordId]);
  const found = new Set<string>();
  for (const [templateKey, ids] of byTemplate) {
    const template = await getPublishedTemplate(actor, templateKey).catch(() => null);
    if (!template) continue;
    const rows = await RecordModel.find({ _id: { $in: ids }, ...recordsFilter({ actor, templateKey, trash: "openable", scope: await resolveScope(actor, template) }) }, { _id: 1 }).lean();
    for (const r of rows) found.add(String(r._id));
  }
  return found;
}
