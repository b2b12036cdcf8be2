import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dictionaries } from "@/lib/i18n/dictionaries";
import type { FieldError } from "@/lib/schema/messages";
import { I18nProvider } from "../i18n-provider";
import { ErrorSummary, SUMMARY_LIMIT } from "./error-summary";

const errors = (n: number): FieldError[] =>
  Array.from({ length: n }, (_, i) => ({ path: `/payments/${i}/amount`, label: `缴费金额（第 ${i + 1} 行）`, message: "必填", keyword: "required" }));

const render = (n: number, locale: "zh" | "en" = "zh") =>
  renderToStaticMarkup(
    <I18nProvider locale={locale} dictionary={dictionaries[locale]}>
      <ErrorSummary errors={errors(n)} />
    </I18nProvider>,
  );

describe("ErrorSummary", () => {
  it("lists every error when there are few", () => {
    const html = render(3);
    expect(html.match(/<li>/g)).toHaveLength(3);
    expect(html).toContain("请先修改以下 3 处再保存");
    expect(html).not.toContain("还有");
  });

  it("says how many errors it leaves out past the limit, instead of dropping them silently", () => {
    const html = render(SUMMARY_LIMIT + 7);
    expect(html.match(/<li>/g)).toHaveLength(SUMMARY_LIMIT);
    expect(html).toContain(`请先修改以下 ${SUMMARY_LIMIT + 7} 处再保存`);
    expect(html).toContain("还有 7 个错误未列出");
    expect(html).toContain("全部显示");
  });

  it("says it in English too", () => {
    expect(render(SUMMARY_LIMIT + 1, "en")).toContain("1 more error(s) not listed");
  });
});
