import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { writeAuditEvent } from "../audit/write-audit-event";
import { connectDb } from "../db/connect";
import { DashboardModel } from "../db/models/dashboard";
import { refreshRecordIndexes } from "../records/record-indexes";
import { getPublishedTemplate } from "../templates/get-published-template";
import { parseInput } from "../validation/parse-input";
import { z } from "zod";
import { loadDashboard } from "./load-dashboard";
import { dashboardConflict } from "./save-dashboard";
import type { Dashboard } from "./widget";

const resetInput = z.strictObject({ revision: z.number().int().min(0) });

/**
 * 恢复默认: forgets the saved dashboard so the template shows its shipped default again
 * (template.manage). Names the revision it saw, like a save; audited.
 */
export async function resetDashboard(params: { actor: Actor | null; templateKey: string; input: unknown }): Promise<Dashboard> {
  const { actor, templateKey } = params;
  assertCan(actor, "template.manage");
  const { revision } = parseInput(resetInput, params.input);
  await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const res = await DashboardModel.deleteOne({ _id: templateKey, revision });
  if (res.deletedCount === 0 && revision !== 0) throw await dashboardConflict(templateKey);
  if (res.deletedCount === 0 && (await DashboardModel.exists({ _id: templateKey }))) throw await dashboardConflict(templateKey);
  const at = new Date();
  if (res.deletedCount > 0)
    await writeAuditEvent({ id: `dashboard:${templateKey}:reset:${at.getTime()}`, actor, action: "template.dashboardReset", entity: "template", entityId: templateKey, templateKey, meta: { revision }, at });
  // The fields the dashboard groups by get list indexes (a count per month read from the index).
  // Indexes for what the dashboard groups by: built in the background (minutes at 100,000 records).
  void refreshRecordIndexes(templateKey);
  return loadDashboard({ actor, templateKey });
}
