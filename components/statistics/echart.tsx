"use client";

import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, type RefObject } from "react";

// Only what the dashboard draws: the bundle stays small, and nothing is evaluated as code.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A drawn chart, for its PNG download. */
export type ChartInstance = echarts.ECharts;

/**
 * One ECharts chart on a canvas. `onPick` gets the index of a clicked bar, slice or point (the
 * click-through to the list); `instanceRef` exposes the chart for getDataURL (PNG download).
 */
export function EChart({ option, onPick, instanceRef, label, height = 260 }: { option: echarts.EChartsCoreOption; onPick?: (index: number) => void; instanceRef?: RefObject<ChartInstance | null>; label: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer: "canvas" });
    chart.current = c;
    if (instanceRef) instanceRef.current = c;
    c.on("click", (p) => {
      if (typeof p.dataIndex === "number") pick.current?.(p.dataIndex);
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
      if (instanceRef) instanceRef.current = null;
    };
  }, [instanceRef]);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} role="img" aria-label={label} style={{ height }} className="w-full" data-chart="" />;
}
