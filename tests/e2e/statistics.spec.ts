import fs from "node:fs";
import { apiSignIn, createUser, expect, recordData, test } from "./support/fixtures";
import { cloneDefault, uniqueKey } from "./support/templates";

// Issue 10, items 5–6: the 统计 tab — an administrator adds a chart without code, and a bar leads to the filtered list.

test("an admin adds a bar chart of policies by 保险类型, clicks through to the filtered list, and downloads it as PNG", async ({ adminPage: page, adminApi }) => {
  const key = await cloneDefault(adminApi, { name: `统计档案${uniqueKey("s").slice(-6)}`, key: uniqueKey("stats") });
  for (const insuranceType of ["车险", "车险", "健康险"]) {
    const res = await adminApi.post(`/api/templates/${key}/records`, { data: { data: recordData({ insuranceType }) } });
    expect(res.status(), await res.text()).toBe(201);
  }
  // Start from an empty dashboard (the clone shows the archive's default until then).
  const cleared = await adminApi.put(`/api/templates/${key}/dashboard`, { data: { revision: 0, widgets: [] } });
  expect(cleared.status(), await cleared.text()).toBe(200);

  await page.goto(`/t/${key}`);
  await page.getByRole("navigation", { name: "视图" }).getByRole("link", { name: "统计" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${key}/stats$`));
  await expect(page.getByText("还没有统计组件")).toBeVisible();

  // Add the widget: kind, field (the title follows the field), chart.
  await page.getByRole("button", { name: "添加组件" }).first().click();
  const dialog = page.getByRole("dialog", { name: "添加统计组件" });
  await dialog.getByLabel("组件类型").selectOption("byChoice");
  // Personal data is never offered.
  await expect(dialog.getByLabel("统计字段").locator("option", { hasText: "身份证" })).toHaveCount(0);
  await dialog.getByLabel("统计字段").selectOption({ label: "保险类型" });
  await expect(dialog.getByLabel("标题")).toHaveValue("保险类型");
  await dialog.getByLabel("图表").selectOption("bar");
  await dialog.getByRole("button", { name: "保存" }).click();
  await expect(dialog).toBeHidden();

  const widget = page.getByRole("region", { name: "保险类型" });
  await expect(widget.locator("canvas")).toBeVisible();
  await expect(widget.getByRole("img")).toHaveAttribute("aria-label", /车险 2/);

  // PNG download of the chart.
  const [download] = await Promise.all([page.waitForEvent("download"), widget.getByRole("button", { name: "下载 PNG: 保险类型" }).click()]);
  expect(download.suggestedFilename()).toBe("保险类型.png");
  const file = fs.readFileSync((await download.path())!);
  expect(file.subarray(1, 4).toString()).toBe("PNG");
  expect(file.length).toBeGreaterThan(1000);

  // A click on the 车险 bar opens the list filtered by its value. The bars are 健康险 (1) and 车险 (2,
  // the full height): the second category's centre, past the y axis' labels, half-way down.
  const box = (await widget.locator("[data-chart]").boundingBox())!;
  await page.mouse.click(box.x + 28 + (box.width - 52) * 0.75, box.y + box.height * 0.55);
  await expect(page).toHaveURL(new RegExp(`/t/${key}\\?f\\.policy\\.insuranceType\\.in=%E8%BD%A6%E9%99%A9$`));
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toContainText("车险");
  await page.goBack();

  // The data table under the chart carries the same links, for keyboards and screen readers.
  await page.getByRole("region", { name: "保险类型" }).getByText("数据表").click();
  const link = page.getByRole("region", { name: "保险类型" }).getByRole("link", { name: "健康险" });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/t/${key}\\?f\\.policy\\.insuranceType\\.in=`));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("健康险");
  await page.goto(`/t/${key}?f.policy.insuranceType.in=${encodeURIComponent("车险")}`);

  // Back on the dashboard: the list's filter comes along to the 统计 tab; 恢复默认 brings the shipped default back.
  await page.getByRole("navigation", { name: "视图" }).getByRole("link", { name: "统计" }).click();
  await expect(page).toHaveURL(/\/stats\?f\.policy\.insuranceType\.in=/);
  await expect(page.getByRole("region", { name: "保险类型" }).getByRole("img")).toHaveAttribute("aria-label", /车险 2/);
  await expect(page.getByRole("region", { name: "保险类型" }).getByRole("img")).not.toHaveAttribute("aria-label", /健康险/);
  await page.getByRole("button", { name: "恢复默认" }).click();
  await page.getByRole("dialog", { name: "恢复默认统计页？" }).getByRole("button", { name: "恢复默认" }).click();
  await expect(page.getByRole("region", { name: "保单总数" })).toContainText("2");
  await expect(page.getByRole("region", { name: "经办人保单数" })).toBeVisible();
});

test("a viewer sees the dashboard but cannot change it, and the API refuses their save", async ({ browser, adminApi }, testInfo) => {
  const key = await cloneDefault(adminApi, { name: `只读统计${uniqueKey("v").slice(-6)}`, key: uniqueKey("vstats") });
  const res = await adminApi.post(`/api/templates/${key}/records`, { data: { data: recordData({ insuranceType: "意外险" }) } });
  expect(res.status(), await res.text()).toBe(201);
  const viewer = await createUser(adminApi, "viewer");
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "zh-CN" });
  const page = await context.newPage();
  await apiSignIn(page.request, viewer.email, viewer.password);
  await page.goto(`/t/${key}/stats`);
  await expect(page.getByRole("region", { name: "保单总数" })).toContainText("1");
  await expect(page.getByRole("region", { name: "保险类型" }).getByRole("img")).toHaveAttribute("aria-label", /意外险 1/);
  await expect(page.getByRole("button", { name: "添加组件" })).toHaveCount(0);
  // No widget tools (the filter chips' own 编辑筛选 buttons are another thing).
  await expect(page.getByRole("button", { name: /^(编辑|删除|上移|下移): / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "下载 PNG: 保险类型" })).toBeVisible();
  const put = await page.request.put(`/api/templates/${key}/dashboard`, { data: { revision: 0, widgets: [] } });
  expect(put.status()).toBe(403);
  await context.close();
});
