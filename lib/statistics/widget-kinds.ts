// The widget vocabulary without zod: client components import it, and zod probes the browser for
// eval (Function("")) when it checks an object, which the Content-Security-Policy reports.

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
