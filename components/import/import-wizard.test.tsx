import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { dictionaries } from "@/lib/i18n/dictionaries";
import type { ImportJobView, ImportView } from "@/lib/imports/import-view";
import { I18nProvider } from "../i18n-provider";
import { ImportWizard, problemRows } from "./import-wizard";

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

/** An import of a three-column sheet as the page gets it, its check done. */
const imported = (patch: Partial<ImportView> = {}, check: Partial<ImportJobView> = {}): ImportView =>
  ({
    id: "i1",
    templateKey: "customer-archive",
    fileName: "客户.xlsx",
    format: "xlsx",
    size: 1000,
    sheets: ["客户档案"],
    hiddenSheets: [],
    sheet: "客户档案",
    joins: [],
    joinSheets: true,
    encoding: null,
    detectedEncoding: null,
    headerRow: 1,
    delimiter: null,
    detectedDelimiter: null,
    headers: ["客户姓名", "保单号", "保险金额"],
    hiddenColumns: [],
    sample: [["张三", "P-1", "500000"]],
    mapping: ["basic.name", "policy.policyNo", "policy.sumInsured"],
    keyField: "policy.policyNo",
    mode: "upsert",
    constants: {},
    targets: [
      { path: "basic.name", label: "客户姓名", table: false, unique: false, required: true },
      { path: "policy.policyNo", label: "保单号", table: false, unique: true, required: false },
      { path: "policy.sumInsured", label: "保险金额", table: false, unique: false, required: false },
    ],
    units: [null, null, null],
    keyFields: ["policy.policyNo"],
    check: { rows: { create: 1 }, progress: { status: "done", done: 1, total: 1, percent: 100, rate: 1, stalled: false, cancelRequested: false, error: null }, ...check },
    run: null,
    undo: null,
    undone: false,
    createdAt: "2026-12-06T00:00:00.000Z",
    createdByName: "管理员",
    ...patch,
  }) as ImportView;

const renderView = (view: ImportView, locale: "zh" | "en" = "zh") =>
  renderToStaticMarkup(
    <I18nProvider locale={locale} dictionary={dictionaries[locale]}>
      <ImportWizard templateKey="customer-archive" initial={view} />
    </I18nProvider>,
  );

describe("ImportWizard's check result, under 请注意整个表格", () => {
  it("names the columns right of the header's last title that hold something, by their letters (a joined table sheet's by its sheet too), and how many more", () => {
    const view = imported({ joins: ["缴费记录"] }, { sheetNotes: { untitled: [{ column: 20, rows: 12 }, { column: 4, rows: 1, sheet: 1 }], untitledMore: 3 } });
    const html = renderView(view);
    expect(html).toContain("请注意整个表格");
    expect(html).toContain("第 U 列（没有标题）有 12 行有内容，这些内容不会导入");
    expect(html).toContain("「缴费记录」表的第 E 列（没有标题）有 1 行有内容");
    expect(html).toContain("右边还有 3 列没有标题但有内容");
    expect(renderView(view, "en")).toContain("Column U (no title) has something in 12 rows: it will not be imported.");
  });
});

describe("ImportWizard's mapping step", () => {
  it("marks a column hidden in Excel beside its title, and only that one", () => {
    const zh = renderView(imported({ hiddenColumns: [2] }, {}));
    const rows = zh.match(/<tr>(?:(?!<\/tr>).)*<\/tr>/gs)!.filter((r) => r.includes("<select"));
    expect(rows.map((r) => r.includes("在 Excel 中隐藏"))).toEqual([false, false, true]);
    expect(renderView(imported({ hiddenColumns: [0] }), "en")).toContain("Hidden in Excel");
    expect(renderView(imported())).not.toContain("在 Excel 中隐藏");
  });
});

// tester9 P2-3: the check listed 5 of 9 refused rows and did not say there were more.
describe("the rows to look at", () => {
  it("counts the refused and duplicate rows the list leaves out", () => {
    const sample = (row: number, verdict: "reject" | "duplicate" | "create") => ({ row, verdict, reason: "x", cells: [] });
    const job = { rows: { reject: 9, duplicate: 1, create: 3 }, samples: [6, 7, 8, 9, 10].map((r) => sample(r, "reject")).concat([sample(4, "duplicate"), sample(2, "create")]) } as never;
    expect(problemRows(job).listed).toHaveLength(6);
    expect(problemRows(job).unlisted).toBe(4);
    expect(problemRows(null)).toEqual({ listed: [], unlisted: 0 });
    const shown = renderView(imported({}, { rows: { reject: 9 }, samples: [6, 7, 8, 9, 10].map((r) => sample(r, "reject")) }));
    expect(shown).toContain("另有 4 行未在此列出（共 9 行）");
    expect(renderView(imported({}, { rows: { reject: 5 }, samples: [6, 7, 8, 9, 10].map((r) => sample(r, "reject")) }))).not.toContain("未在此列出");
  });
});
