import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { writeAuditEvent } from "../audit/write-audit-event";
import { connectDb } from "../db/connect";
import { DashboardModel } from "../db/models/dashboard";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { ListQueryError } from "../records/list-query";
import { refreshRecordIndexes } from "../records/record-indexes";
import { getPublishedTemplate } from "../templates/get-published-template";
import { parseInput } from "../validation/parse-input";
import { loadDashboard } from "./load-dashboard";
import { problemText } from "./problem-text";
import { dashboardInput, type Dashboard } from "./widget";
import { resolveWidget } from "./widget-fields";
import { widgetListQuery } from "./widget-query";

/** The CONFLICT a save or reset gets when someone else saved since the editor loaded the dashboard. */
export async function dashboardConflict(templateKey: string): Promise<DomainError> {
  const current = await DashboardModel.findById(templateKey, { updatedByName: 1 }).lean();
  return new DomainError("CONFLICT", msg("statistics.conflict", { name: current?.updatedByName ?? "?" }));
}

/**
 * Saves a template's dashboard (administrators: template.manage), without a template version.
 * Every widget is checked against the published template — fields exist with a fitting kind, no
 * personal data grouped or added up, its filter parses as a list filter a viewer may use — and
 * the save names the revision it started from (0: the shipped default), so a concurrent save is
 * a CONFLICT rather than a silent overwrite. Audited.
 */
export async function saveDashboard(params: { actor: Actor | null; templateKey: string; input: unknown }): Promise<Dashboard> {
  const { actor, templateKey } = params;
  assertCan(actor, "template.manage");
  const data = parseInput(dashboardInput, params.input);
  const template = await getPublishedTemplate(actor, templateKey);
  const ids = new Set<string>();
  for (const w of data.widgets) {
    if (ids.has(w.id)) throw new DomainError("VALIDATION", msg("statistics.duplicateId", { id: w.id }));
    ids.add(w.id);
    const resolved = resolveWidget(w, template.fields);
    if ("problem" in resolved) throw new DomainError("VALIDATION", msg("statistics.widgetProblem", { title: w.title, problem: problemText(resolved.problem) }));
    try {
      widgetListQuery({ fields: template.fields, list: template.content.list, widgetFilter: w.filter, personalData: false });
    } catch (err) {
      if (!(err instanceof ListQueryError)) throw err;
      throw new DomainError("VALIDATION", msg("statistics.widgetProblem", { title: w.title, problem: msg("statistics.badFilter", { reason: err.message }) }));
    }
  }
  await connectDb();
  const at = new Date();
  const revision = data.revision + 1;
  const set = { widgets: data.widgets, revision, updatedAt: at, updatedBy: actor.id, updatedByName: actor.name };
  if (data.revision === 0) {
    try {
      await DashboardModel.create({ _id: templateKey, ...set });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw await dashboardConflict(templateKey);
      throw err;
    }
  } else {
    const res = await DashboardModel.updateOne({ _id: templateKey, revision: data.revision }, { $set: set });
    if (res.matchedCount === 0) throw await dashboardConflict(templateKey);
  }
  await writeAuditEvent({
    id: `dashboard:${templateKey}:${revision}:${at.getTime()}`,
    actor,
    action: "template.dashboard",
    entity: "template",
    entityId: templateKey,
    templateKey,
    meta: { revision, widgets: data.widgets.map((w) => w.title) },
    at,
  });
  // The fields the dashboard groups by get list indexes (a count per month read from the index).
  // Indexes for what the dashboard groups by: built in the background (minutes at 100,000 records).
  void refreshRecordIndexes(templateKey);
  return loadDashboard({ actor, templateKey });
}
