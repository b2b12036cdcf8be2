import "server-only";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TemplateModel } from "../db/models/template";
import { getStatisticsPage, settleResults } from "./get-statistics-page";

/** The start-up's reader: an administrator sees every widget of every dashboard. Reads only. */
const WARM_UP: Actor = { id: "system", name: "系统", email: "system@dossier.local", role: "admin" };

/**
 * Computes every published template's dashboard once at start-up, so that the first person to open
 * a 统计 tab does not wait for what the embedded database makes on a dashboard's first view: the
 * row copy of each table a chart adds up (scripts/ferretdb/dossier_rows.go; 13–16 s at 100,000
 * records on the first start after an upgrade, nothing on later starts) and the kinds of values
 * each path holds. A widget that fails is the page's to show; this never throws. Harmless on MongoDB.
 */
export async function warmDashboards(): Promise<void> {
  await connectDb();
  const templates = await TemplateModel.find({ currentVersion: { $gte: 1 }, status: { $ne: "archived" } }, { _id: 1 }).lean();
  for (const t of templates) {
    await getStatisticsPage({ actor: WARM_UP, templateKey: String(t._id), searchParams: new URLSearchParams() })
      .then((page) => settleResults(page.results))
      .catch(() => undefined);
  }
}
