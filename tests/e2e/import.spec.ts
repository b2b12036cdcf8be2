import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, IDS, paths, test, unique } from "./support/fixtures";

// Issue 7: an office brings its spreadsheet in, in the seed's one-row-per-customer shape.

test("import a seed-shaped .xlsx: mapping, a check with verdicts, the run to 100 %, the records in the list, the rows sent back", async ({ adminPage: page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-import-"));
  const file = path.join(dir, "客户档案.xlsx");
  const [p1, p2, p3] = [`IM${unique()}`, `IM${unique()}`, `IM${unique()}`];
  const name = `导入${unique().slice(-5)}`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("客户");
  ws.addRow(["客户姓名", "身份证号码", "联系方式", "保单号", "保险金额", "保险起始日期", "保险到期日期", "缴费金额", "缴费日期", "缴费状态", "后续跟进"]);
  ws.addRow([name, IDS.customer, "13800138000", p1, "100万", "2023/1/1", "2033年1月1日", 12000, "2023-01-05", "已缴费", "下周回访"]);
  ws.addRow([name, IDS.customer, "13800138000", p1, "100万", "2023/1/1", "2033年1月1日", 12000, "2024-01-05", "已缴费"]);
  ws.addRow(["坏身份证", "110105199001011234", "13900139000", p2, 50000, "2024-01-01", "2025-01-01", null, null, null]);
  ws.addRow([`${name}乙`, IDS.other, "13700137000", p3, 50000, "2024-01-01", "2025-01-01", null, null, null]);
  // Row 5 hidden in Excel (imported, and said); 后续跟进 maps to no field (not imported, and said).
  ws.getRow(5).hidden = true;
  await wb.xlsx.writeFile(file);

  await page.goto(paths.list);
  await page.getByRole("link", { name: "导入" }).click();
  await expect(page.getByRole("heading", { name: "导入数据" })).toBeVisible();
  const steps = page.getByRole("navigation", { name: "导入步骤" });
  await expect(steps.locator('[aria-current="step"]')).toHaveText(/上传文件/);
  await page.getByLabel("选择文件").setInputFiles(file);
  await expect(steps.locator('[aria-current="step"]')).toHaveText(/对应列与设置/);

  // Mapped by title and by alias (联系方式 → 手机号码), table columns to 缴费记录.
  await expect(page.getByLabel("对应字段：联系方式")).toHaveValue("basic.mobile");
  await expect(page.getByLabel("对应字段：缴费金额")).toHaveValue("payments.amount");
  await expect(page.getByLabel("对应字段：后续跟进")).toHaveValue("");
  await expect(page.getByText("这一列有内容，选“不导入”则不会导入")).toBeVisible();
  // The sheet has no 保险类型, which is required: one value for all.
  const fixed = page.getByLabel("保单信息 › 保险类型");
  await fixed.fill("人寿险");
  await fixed.blur();
  await page.getByRole("button", { name: "检查（试导入）" }).click();
  const verdicts = page.getByTestId("import-verdicts");
  await expect(verdicts).toContainText("新增 3", { timeout: 30_000 });
  await expect(verdicts).toContainText("拒绝 1");
  await expect(page.getByRole("row", { name: /^4 拒绝/ })).toContainText("身份证号码");
  const notes = page.getByTestId("import-sheet-notes");
  await expect(notes).toContainText("第 5 行（共 1 行）在 Excel 中被隐藏；已照常检查，执行时会一并导入");
  await expect(notes).toContainText("「后续跟进」列有 1 行有内容，但没有对应的字段，这些内容不会导入");
  await expect(steps.locator('[aria-current="step"]')).toHaveText(/检查/);

  await page.getByRole("button", { name: "开始导入" }).click();
  await expect(page.getByTestId("import-result")).toContainText("新增 2 条、更新 0 条", { timeout: 30_000 });
  await expect(page.getByRole("progressbar").last()).toHaveAttribute("aria-valuenow", "100");
  await expect(steps.locator('[aria-current="step"]')).toHaveText(/完成/);
  // The history below knows the run without a reload (before: 只做过检查 until one), in its units.
  const latest = page.getByTestId("import-history").getByRole("listitem").first();
  await expect(latest).toContainText("新增 2 条记录");
  await expect(latest).toContainText("拒绝 1 行");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载退回的行（.xlsx）" }).click();
  const sheetPath = path.join(dir, "errors.xlsx");
  await (await download).saveAs(sheetPath);
  const errors = new ExcelJS.Workbook();
  await errors.xlsx.readFile(sheetPath);
  const rows = errors.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
  expect(rows).toHaveLength(2);
  expect(rows[0].slice(1, 3)).toEqual(["客户姓名", "身份证号码"]);
  expect(rows[1][1]).toBe("坏身份证");
  expect(String(rows[1][12])).toMatch(/身份证号码/);

  await page.getByRole("link", { name: "查看记录" }).click();
  await expect(page).toHaveURL(new RegExp(`${paths.list}$`));
  await page.goto(`${paths.list}?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: `${name}乙`, exact: true })).toBeVisible();

  // The next day: the import was a mistake. Open it from the history and undo it as a whole.
  await page.goto(`${paths.list}/import`);
  await page.getByRole("link", { name: "客户档案.xlsx" }).first().click();
  await expect(page.getByTestId("import-result")).toContainText("新增 2 条");
  await page.getByRole("button", { name: "撤销这次导入" }).click();
  const confirm = page.getByRole("dialog", { name: "撤销这次导入？" });
  await expect(confirm).toContainText("新增的 2 条记录会移到回收站");
  await confirm.getByRole("button", { name: "撤销导入" }).click();
  await expect(page.getByTestId("import-undo")).toContainText("已撤销：2 条新增记录已移到回收站", { timeout: 30_000 });
  await expect(page.getByText("已撤销", { exact: true }).first()).toBeVisible();
  await page.goto(`${paths.list}?q=${encodeURIComponent(name)}`);
  await expect(page.getByText("共 0 条记录")).toBeVisible();
});

test("a semicolon-separated CSV: the separator is detected, shown and changeable; the header row is picked by hand", async ({ adminPage: page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), "e2e-import-"));
  const file = path.join(dir, "客户档案.csv");
  const lines = [["客户姓名", "身份证号码", "联系方式", "保单号"], [`分号${unique().slice(-5)}`, IDS.customer, "13800138000", `IM${unique()}`]];
  await writeFile(file, "\uFEFF" + lines.map((l) => l.join(";")).join("\r\n") + "\r\n");

  await page.goto(`${paths.list}/import`);
  await page.getByLabel("选择文件").setInputFiles(file);
  const separator = page.getByRole("combobox", { name: /分隔符/ });
  await expect(separator).toHaveValue(";");
  await expect(page.getByLabel("对应字段：保单号")).toHaveValue("policy.policyNo");
  // Read with commas, the file is one column; back to semicolons, four again.
  await separator.selectOption(",");
  await expect(page.getByLabel("对应字段：保单号")).toHaveCount(0);
  await separator.selectOption(";");
  await expect(page.getByLabel("对应字段：联系方式")).toHaveValue("basic.mobile");
  // The header is row 1; put by hand on row 2, the titles are that row's values.
  const headerRow = page.getByLabel("表头在第几行");
  await expect(headerRow).toHaveValue("1");
  await headerRow.fill("2");
  await headerRow.blur();
  await expect(page.getByLabel("对应字段：13800138000")).toBeVisible();
});
