import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dictionaries } from "@/lib/i18n/dictionaries";
import type { ImportJobView } from "@/lib/imports/import-view";
import type { JobProgress } from "@/lib/jobs/job-progress";
import { I18nProvider } from "../i18n-provider";
import { ImportProgress } from "./import-progress";

const job = (status: JobProgress["status"], done: number, total: number): ImportJobView => ({
  progress: { status, done, total, percent: total ? Math.floor((done / total) * 100) : 0, rate: 0, stalled: false, cancelRequested: false, error: null },
});

const render = (j: ImportJobView, locale: "zh" | "en" = "zh") =>
  renderToStaticMarkup(
    <I18nProvider locale={locale} dictionary={dictionaries[locale]}>
      <ImportProgress job={j} label="正在导入…" />
    </I18nProvider>,
  );

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("ImportProgress", () => {
  it("before the first batch: preparing, with the rows known from the check and a bar without a value, not 0 / 0 行 at 0 %", () => {
    for (const status of ["pending", "running"] as const) {
      const html = render(job(status, 0, 5980));
      expect(text(html)).toContain("正在准备…");
      expect(text(html)).toContain("共 5980 行");
      expect(text(html)).not.toMatch(/0 \/ \d+ 行|0%/);
      // An indeterminate progress bar: no aria-valuenow.
      expect(html).toMatch(/role="progressbar"/);
      expect(html).not.toMatch(/aria-valuenow/);
    }
    // A check does not know its rows yet: it says only that it prepares.
    expect(text(render(job("running", 0, 0)))).not.toMatch(/共|0 \/ 0/);
    expect(text(render(job("running", 0, 5980), "en"))).toContain("Preparing…");
  });

  it("once rows are done, the bar and the counts as before", () => {
    const html = render(job("running", 1000, 5980));
    expect(text(html)).toContain("1000 / 5980 行");
    expect(html).toMatch(/aria-valuenow="16"/);
    expect(text(html)).not.toContain("正在准备");
    // A run cancelled before its first batch is not preparing.
    expect(text(render(job("cancelled", 0, 5980)))).not.toContain("正在准备");
  });
});
