import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dictionaries } from "@/lib/i18n/dictionaries";
import type { JobProgress } from "@/lib/jobs/job-progress";
import type { ImportSummary } from "@/lib/imports/list-imports";
import { I18nProvider } from "../i18n-provider";
import { ImportHistory } from "./import-history";

const progress = (status: JobProgress["status"], done = 6000, total = 10000): JobProgress => ({ status, done, total, percent: status === "done" ? 100 : 60, rate: 0, stalled: false, cancelRequested: status === "cancelled", error: status === "failed" ? "磁盘已满" : null });

const summary = (status: JobProgress["status"] | null): ImportSummary => ({
  id: `imp-${status}`,
  fileName: `${status}.xlsx`,
  createdAt: "2026-12-06T08:00:00.000Z",
  createdByName: "测试",
  run: status ? { progress: progress(status), records: { created: 5970, updated: 4 }, rows: { create: 5980, update: 4, reject: 12 } } : null,
  undone: false,
});

const render = (imports: ImportSummary[], locale: "zh" | "en" = "zh") =>
  renderToStaticMarkup(
    <I18nProvider locale={locale} dictionary={dictionaries[locale]}>
      <ImportHistory imports={imports} />
    </I18nProvider>,
  );

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("ImportHistory", () => {
  it("says a run was cancelled (or failed, or is under way), not only what it wrote", () => {
    // Before: a cancelled run read like a finished import (新增 5970 …, nothing else).
    expect(text(render([summary("cancelled")]))).toContain("已取消");
    expect(text(render([summary("failed")]))).toContain("出错停止");
    expect(text(render([summary("running")]))).toContain("正在导入");
    const done = text(render([summary("done")]));
    for (const word of ["已取消", "出错停止", "正在导入"]) expect(done).not.toContain(word);
    expect(text(render([summary(null)]))).toContain("只做过检查");
  });

  it("names its units: records added and updated, rows sent back", () => {
    // Before: 新增 5970 · 更新 4 · 拒绝 12, the first two counting records and the last rows.
    const zh = text(render([summary("done")]));
    expect(zh).toContain("新增 5970 条记录");
    expect(zh).toContain("更新 4 条记录");
    expect(zh).toContain("拒绝 12 行");
    const en = text(render([summary("done")], "en"));
    expect(en).toContain("5970 records added");
    expect(en).toContain("12 rows rejected");
  });
});
