import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { I18nProvider } from "../i18n-provider";
import { ImportWizard } from "./import-wizard";

// Rendered outside Next.js's app router: the wizard only refreshes the page with it.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

const render = (locale: "zh" | "en" = "zh") =>
  renderToStaticMarkup(
    <I18nProvider locale={locale} dictionary={dictionaries[locale]}>
      <ImportWizard templateKey="customer-archive" />
    </I18nProvider>,
  );

describe("ImportWizard's first step", () => {
  it("chooses the file with one control: a file input, keyboard-reachable, named by its label", () => {
    const html = render();
    // Before: an input[file] labelled 选择文件 (a tab stop of its own) and then a 选择文件 button.
    expect(html.match(/<(input|button|select|textarea)\b/g)).toEqual(["<input"]);
    const input = html.match(/<input[^>]*>/)![0];
    expect(input).toMatch(/type="file"/);
    expect(input).not.toMatch(/tabindex="-1"|aria-hidden|disabled/);
    // Its accessible name is the label around it, which looks like the button it replaces.
    expect(html).toMatch(/<label[^>]*>(?:(?!<\/label>).)*<input[^>]*type="file"(?:(?!<\/label>).)*选择文件(?:(?!<\/label>).)*<\/label>/s);
    expect(render("en")).toContain("Choose a file");
  });
});
