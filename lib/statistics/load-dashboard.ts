import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { DashboardModel } from "../db/models/dashboard";
import { getPublishedTemplate } from "../templates/get-published-template";
import { defaultWidgets, validWidgets } from "./default-widgets";
import type { Dashboard } from "./widget";

/**
 * A template's dashboard for anyone who may read its records: the saved one, or the shipped
 * default (revision 0, so the first save starts from it). An unknown template is NOT_FOUND.
 */
export async function loadDashboard(params: { actor: Actor | null; templateKey: string }): Promise<Dashboard> {
  const { actor, templateKey } = params;
  assertCan(actor, "record.read");
  await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const doc = await DashboardModel.findById(templateKey).lean();
  if (!doc) return { templateKey, widgets: await defaultWidgets(templateKey), revision: 0, custom: false, updatedAt: null, updatedByName: null };
  return { templateKey, widgets: validWidgets(doc.widgets as unknown[]), revision: doc.revision, custom: true, updatedAt: doc.updatedAt.toISOString(), updatedByName: doc.updatedByName };
}
