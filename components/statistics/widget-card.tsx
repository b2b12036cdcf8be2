"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Suspense, use, useMemo, useRef, type ReactNode } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { LOCALE_TAGS } from "@/lib/i18n/locale";
import type { WidgetItem, WidgetResult } from "@/lib/statistics/shape-widget-result";
import type { Widget } from "@/lib/statistics/widget";
import { CHARTS_OF } from "@/lib/statistics/widget-kinds";
import { useI18n } from "../i18n-provider";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { Spinner } from "../ui/spinner";
import { chartOption } from "./chart-option";
import { EChart, type ChartInstance } from "./echart";
import { numberCardPng } from "./number-card-png";

/** A value as people read it: thousands separated, cents at most, ¥ for money. */
export function useFormatValue() {
  const { locale } = useI18n();
  return useMemo(() => {
    const nf = new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 2 });
    return (value: number, money: boolean) => `${money ? "¥" : ""}${nf.format(value)}`;
  }, [locale]);
}

/** What a group is called on screen. */
function useItemLabel() {
  const { t } = useI18n();
  return (item: WidgetItem) => item.label ?? (item.key === null ? t.statistics.notFilled : item.key === true ? t.statistics.yes : item.key === false ? t.statistics.no : String(item.key));
}

/**
 * One widget on the dashboard: its title and actions at once, then — when its aggregation is done
 * (streamed) — the number, chart or table, or a placeholder when its field is gone. Every chart
 * has a data table under it whose rows link to the filtered list, the same click-through as a bar
 * or slice (for keyboards and screen readers).
 */
export function WidgetCard({ widget, result, tools, fieldLabel }: { widget: Widget; result: Promise<WidgetResult> | undefined; tools?: ReactNode; fieldLabel?: string }) {
  const { t } = useI18n();
  const slug = `widget-${widget.id}`;
  return (
    <Card className="flex h-full flex-col" aria-labelledby={`${slug}-title`} role="region" data-widget={widget.id}>
      {/* The tools wrap below the title when the card is narrow (number cards), never squeezing it. */}
      <div className="flex flex-wrap items-start justify-between gap-x-2 gap-y-1 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0 flex-1 basis-36">
          <h2 id={`${slug}-title`} className="truncate text-sm font-semibold text-slate-900" title={widget.title}>
            {widget.title}
          </h2>
          {(widget.filter || fieldLabel) && (
            <p className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
              {fieldLabel}
              {widget.filter && (
                <span title={decodeURIComponent(widget.filter)}>
                  <Badge tone="blue">{t.statistics.hasFilter}</Badge>
                </span>
              )}
            </p>
          )}
        </div>
        {tools && <div className="-mr-2 flex shrink-0 items-center gap-0.5">{tools}</div>}
      </div>
      <div className="flex flex-1 flex-col px-4 py-3">
        {result ? (
          <Suspense fallback={<Computing tall={widget.kind !== "number"} />}>
            <WidgetBody widget={widget} result={result} />
          </Suspense>
        ) : (
          <Computing tall={widget.kind !== "number"} />
        )}
      </div>
    </Card>
  );
}

/** While a widget's aggregation runs. */
function Computing({ tall }: { tall: boolean }) {
  const { t } = useI18n();
  return (
    <div className={cn("flex flex-1 items-center justify-center gap-2 text-sm text-slate-500", tall ? "min-h-64" : "min-h-16")} role="status">
      <Spinner className="size-4" />
      {t.statistics.computing}
    </div>
  );
}

function WidgetBody({ widget, result: pending }: { widget: Widget; result: Promise<WidgetResult> }) {
  const { t } = useI18n();
  const router = useRouter();
  const format = useFormatValue();
  const labelOf = useItemLabel();
  const result = use(pending);
  const chart = useRef<ChartInstance | null>(null);
  const chartType = widget.chart ?? CHARTS_OF[widget.kind][0];
  const ok = result.state === "ok" ? result : null;
  const option = useMemo(
    () => (ok && chartType ? chartOption({ kind: widget.kind, chart: chartType, labels: ok.items.map(labelOf), values: ok.items.map((i) => i.value), seriesName: widget.title }) : null),
    // labelOf only depends on the dictionary, which is fixed for the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ok, chartType, widget.kind, widget.title],
  );
  const download = () => {
    const url =
      widget.kind === "number" && ok
        ? numberCardPng({ title: widget.title, value: format(ok.value, ok.money), caption: widget.filter ? t.statistics.hasFilter : undefined })
        : chart.current?.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
    if (!url) return;
    const a = document.createElement("a");
    a.href = url;
    a.download = `${widget.title}.png`;
    a.click();
  };
  if (result.state === "problem") return <Placeholder title={result.code === "fieldGone" ? t.statistics.fieldGone : result.message} detail={result.code === "fieldGone" ? result.message : undefined} />;
  if (result.state === "badFilter") return <Placeholder title={t.statistics.badFilter} detail={result.message} />;
  if (result.state === "failed") return <Placeholder title={result.message} />;
  if (widget.kind === "number")
    return (
      <>
        <Link href={result.href} className="group mt-1 block rounded-md focus-visible:outline-2 focus-visible:outline-blue-600" aria-label={`${widget.title}: ${format(result.value, result.money)}, ${t.statistics.openList}`}>
          <span className="block text-3xl font-semibold tabular-nums text-slate-900 group-hover:text-blue-700" data-value="">
            {format(result.value, result.money)}
          </span>
          <span className="mt-1 block text-xs text-blue-700 group-hover:underline">{t.statistics.openList} →</span>
        </Link>
        <div className="mt-auto -ml-2 pt-1">
          <Button size="sm" variant="ghost" onClick={download} aria-label={`${t.statistics.download}: ${widget.title}`}>
            {t.statistics.download}
          </Button>
        </div>
      </>
    );
  if (result.items.length === 0) return <p className="py-10 text-center text-sm text-slate-500">{t.statistics.noData}</p>;
  return (
    <>
      {option && (
        <EChart
          option={option}
          instanceRef={chart}
          label={`${widget.title}: ${result.items.map((i) => `${labelOf(i)} ${format(i.value, result.money)}`).join("，")}`}
          height={widget.kind === "topN" ? Math.max(160, result.items.length * 28 + 40) : 260}
          onPick={(index) => {
            const href = result.items[index]?.href;
            if (href) router.push(href);
          }}
        />
      )}
      <DataTable items={result.items} money={result.money} labelOf={labelOf} open={widget.kind === "topN"} total={result.value} showTotal={widget.kind !== "topN"} />
      <div className="mt-2 flex items-center justify-between gap-2">
        {option ? (
          <Button size="sm" variant="ghost" onClick={download} aria-label={`${t.statistics.download}: ${widget.title}`}>
            {t.statistics.download}
          </Button>
        ) : (
          <span />
        )}
        <Link href={result.href} className="text-xs text-blue-700 hover:underline">
          {t.statistics.openList} →
        </Link>
      </div>
    </>
  );
}

function Placeholder({ title, detail }: { title: string; detail?: string }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 py-8 text-center" role="status">
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {detail && <p className="mt-1 text-xs text-slate-500">{detail}</p>}
    </div>
  );
}

/** The chart's numbers as a table; each group links to the list filtered to it. */
function DataTable({ items, money, labelOf, open, total, showTotal }: { items: WidgetItem[]; money: boolean; labelOf: (i: WidgetItem) => string; open: boolean; total: number; showTotal: boolean }) {
  const { t } = useI18n();
  const format = useFormatValue();
  return (
    <details open={open} className="mt-2 text-sm">
      <summary className="cursor-pointer select-none text-xs text-slate-500 hover:text-slate-700">{t.statistics.dataTable}</summary>
      <table className="mt-1 w-full text-left">
        <tbody>
          {items.map((item, i) => (
            <tr key={`${String(item.key)}-${i}`} className="border-t border-slate-100">
              <td className="py-1 pr-2">
                {item.href ? (
                  <Link href={item.href} className="text-blue-700 hover:underline">
                    {labelOf(item)}
                  </Link>
                ) : (
                  labelOf(item)
                )}
              </td>
              <td className="py-1 text-right tabular-nums">{format(item.value, money)}</td>
            </tr>
          ))}
          {showTotal && (
            <tr className="border-t border-slate-200 font-medium">
              <td className="py-1 pr-2">{t.statistics.total}</td>
              <td className="py-1 text-right tabular-nums">{format(total, money)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </details>
  );
}

/** "保险类型 · 保费合计": what a widget groups by and measures, for its subtitle. */
export function widgetSubtitle(widget: Widget, labels: Map<string, string>, t: ReturnType<typeof useI18n>["t"]): string {
  const parts: string[] = [];
  if (widget.field) parts.push(widget.field === "@owner" ? t.statistics.dialog.owner : (labels.get(widget.field) ?? widget.field));
  parts.push(widget.sum ? fmt(t.statistics.sumOf, { field: labels.get(widget.sum) ?? widget.sum }) : t.statistics.count);
  return parts.join(" · ");
}
