import "server-only";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { unwoundRowPath } from "../db/unwind-keeps-document";
import type { Locale } from "../i18n/locale";
import { resolveText, translate } from "../i18n/messages";
import { ListQueryError } from "../records/list-query";
import type { PublishedTemplate } from "../templates/types";
import { userNames } from "../users/user-names";
import { problemText } from "./problem-text";
import { buildWidgetPipeline } from "./build-widget-pipeline";
import { shapeWidgetResult, type WidgetResult } from "./shape-widget-result";
import type { Widget } from "./widget";
import { resolveWidget } from "./widget-fields";
import { widgetListQuery } from "./widget-query";
import { resolveScope } from "../records/resolve-scope";

/**
 * Computes one widget in the database — one aggregation of the portable subset, starting from the
 * reader's records filter — for a reader who may read the template's records (the caller checks).
 * A widget whose field is gone, changed kind or became personal data, or whose filter no longer
 * parses, comes back as a placeholder state, never an error: the rest of the dashboard still shows.
 */
export async function computeWidget(params: { actor: Actor; template: PublishedTemplate; widget: Widget; pageFilters?: URLSearchParams; personalData: boolean; locale?: Locale }): Promise<WidgetResult> {
  const { actor, template, widget, locale = "zh" } = params;
  const resolved = resolveWidget(widget, template.fields);
  if ("problem" in resolved) return { state: "problem", code: resolved.problem.code, message: resolveText(locale, problemText(resolved.problem)) };
  let query;
  try {
    query = widgetListQuery({ fields: template.fields, list: template.content.list, widgetFilter: widget.filter, pageFilters: params.pageFilters, personalData: params.personalData, locale });
  } catch (err) {
    if (err instanceof ListQueryError) return { state: "badFilter", message: translate(locale, "statistics.badFilter", { reason: err.message }) };
    throw err;
  }
  await connectDb();
  const rowPath = resolved.ok.table ? await unwoundRowPath(resolved.ok.table) : undefined;
  const pipeline = buildWidgetPipeline({ templateKey: template.key, fields: template.fields, resolved: resolved.ok, query, actor, scope: await resolveScope(actor, template), rowPath });
  const groups = await RecordModel.aggregate<{ _id: unknown; value: unknown }>(pipeline as never[]);
  const ownerNames = resolved.ok.owner ? await userNames(groups.map((g) => String(g._id))) : undefined;
  return shapeWidgetResult({ widget, resolved: resolved.ok, groups, templateKey: template.key, list: template.content.list, query, ownerNames });
}
