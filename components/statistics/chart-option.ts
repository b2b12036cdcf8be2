import type { ChartType, WidgetKind } from "@/lib/statistics/widget-kinds";

const COLORS = ["#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#ea580c", "#475569"];

/**
 * The ECharts option of a widget: categories (choices, months, top-N keys) against values.
 * Plain data only — no formatter functions — so the option can be built anywhere and tested.
 */
export function chartOption(params: { kind: WidgetKind; chart: ChartType; labels: string[]; values: number[]; seriesName: string }): Record<string, unknown> {
  const { kind, chart, labels, values, seriesName } = params;
  const base = { color: COLORS, animation: false, textStyle: { fontFamily: "inherit" }, tooltip: { trigger: chart === "pie" ? "item" : "axis", confine: true } };
  if (chart === "pie")
    return {
      ...base,
      legend: { type: "scroll", bottom: 0 },
      series: [{ type: "pie", name: seriesName, radius: ["35%", "65%"], center: ["50%", "45%"], data: labels.map((name, i) => ({ name, value: values[i] })), label: { formatter: "{b}: {c}" } }],
    };
  const horizontal = kind === "topN";
  const category = { type: "category", data: labels, axisLabel: { hideOverlap: true }, ...(horizontal ? { inverse: true } : {}) };
  const value = { type: "value", minInterval: 1 };
  return {
    ...base,
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [{ type: chart, name: seriesName, data: values, ...(chart === "line" ? { smooth: false, areaStyle: { opacity: 0.08 } } : { barMaxWidth: 36 }), cursor: "pointer" }],
  };
}
