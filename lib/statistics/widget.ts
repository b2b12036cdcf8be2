import { z } from "zod";

import { CHART_TYPES, MAX_TOP, MAX_WIDGETS, WIDGET_KINDS } from "./widget-kinds";

export { CHART_TYPES, CHARTS_OF, MAX_TOP, MAX_WIDGETS, OWNER, WIDGET_KINDS, type ChartType, type WidgetKind } from "./widget-kinds";

/**
 * One widget as stored in a dashboard: plain data that an administrator edits without code.
 * `field` is the grouping field (a choice for byChoice, a date for byMonth, any groupable field or
 * "@owner" for topN; none for a number card); `sum` a number or money field to add up (none: count
 * records, or table rows when a field is a table column); `filter` the list's URL filter syntax
 * (`f.status.state.in=生效`) so a widget narrows its records exactly as a list link would.
 */
export const widgetInput = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  kind: z.enum(WIDGET_KINDS),
  title: z.string().trim().min(1).max(60),
  field: z.string().min(1).max(200).optional(),
  sum: z.string().min(1).max(200).optional(),
  chart: z.enum(CHART_TYPES).optional(),
  limit: z.number().int().min(1).max(MAX_TOP).optional(),
  filter: z.string().max(2000).optional(),
});
export type Widget = z.infer<typeof widgetInput>;

/** A save of a whole dashboard: the widgets in their order and the revision the editor started from. */
export const dashboardInput = z.strictObject({
  revision: z.number().int().min(0),
  widgets: z.array(widgetInput).max(MAX_WIDGETS),
});
export type DashboardInput = z.infer<typeof dashboardInput>;

/** A template's dashboard as the pages read it. `custom` false: the shipped default (never saved). */
export interface Dashboard {
  templateKey: string;
  widgets: Widget[];
  revision: number;
  custom: boolean;
  updatedAt: string | null;
  updatedByName: string | null;
}
