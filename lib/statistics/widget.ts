import { z } from "zod";

/** What a widget shows: one number, counts per choice, a series by month, or the largest groups. */
export const WIDGET_KINDS = ["number", "byChoice", "byMonth", "topN"] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];

/** How a chart widget is drawn. */
export const CHART_TYPES = ["bar", "pie", "line"] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** The charts each kind may use (the first is its default); number cards and tables have none. */
export const CHARTS_OF: Record<WidgetKind, ChartType[]> = { number: [], byChoice: ["bar", "pie"], byMonth: ["line", "bar"], topN: ["bar"] };

/** "@owner" groups a top-N table by the record's owner (经办人), who is not a field of the template. */
export const OWNER = "@owner";

export const MAX_WIDGETS = 24;
export const MAX_TOP = 50;

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
