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

test("a month of a table's date and an owner's row click through to the filtered list; a number card downloads as PNG", async ({ adminPage: page, adminApi }) => {
  const key = await cloneDefault(adminApi, { name: `统计联动${uniqueKey("c").slice(-6)}`, key: uniqueKey("cstats") });
  const paid = (date: string, status = "已缴费") => ({ date, amount: 1200, status });
  const records = [
    { policyNo: `M${uniqueKey("a").slice(-8)}`, payments: [paid("2024-03-05"), paid("2024-03-20"), paid("2024-05-01")] },
    { policyNo: `M${uniqueKey("b").slice(-8)}`, payments: [paid("2024-03-31"), paid("2024-04-02", "未缴费")] },
    { policyNo: `M${uniqueKey("c").slice(-8)}`, payments: [paid("2024-04-10"), paid("2024-03-15", "未缴费")] },
  ];
  for (const r of records) {
    const res = await adminApi.post(`/api/templates/${key}/records`, { data: { data: { ...recordData({ policyNo: r.policyNo }), payments: r.payments } } });
    expect(res.status(), await res.text()).toBe(201);
  }
  await page.goto(`/t/${key}/stats`);

  // 每月已缴保费 (paid rows by month): March has three paid rows in two records. Its row in the data table, by keyboard.
  const premiums = page.getByRole("region", { name: "每月已缴保费" });
  await expect(premiums.getByRole("img")).toHaveAttribute("aria-label", /2024-03 ¥3,600/);
  await premiums.getByText("数据表").click();
  const march = premiums.getByRole("link", { name: "2024-03" });
  await march.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/t/${key}\\?f\\.payments\\.status\\.in=%E5%B7%B2%E7%BC%B4%E8%B4%B9&f\\.payments\\.date\\.month=2024-03$`));
  const rows = page.locator("tbody tr");
  // Records with a row dated in March (the third record's March row is 未缴费, but it has a 已缴费 row in April: the list's filters each look at any row).
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("button", { name: /缴费日期：2024-03 月内/ })).toBeVisible();
  // April: only records with a row in April.
  await page.goto(`/t/${key}?f.payments.date.month=2024-04`);
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).not.toContainText(records[0].policyNo);

  // 经办人保单数: the owner's row opens the list of their records, with a chip that takes the owner away again.
  await page.goto(`/t/${key}/stats`);
  const owners = page.getByRole("region", { name: "经办人保单数" });
  const owner = owners.locator("table").getByRole("link").first();
  const ownerName = (await owner.textContent())!.trim();
  await owner.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/t/${key}\\?owner=[0-9a-f]{24}$`));
  await expect(rows).toHaveCount(3);
  const chip = page.getByTestId("owner-filter");
  await expect(chip).toContainText(ownerName);
  await chip.getByRole("button", { name: "移除筛选：负责人" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${key}$`));
  await expect(chip).toHaveCount(0);

  // A number card: its PNG, drawn on a canvas, is a real PNG; the card itself opens the list with the widget's filter.
  await page.goto(`/t/${key}/stats`);
  const card = page.getByRole("region", { name: "生效保单" });
  await expect(card).toContainText("3");
  const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "下载 PNG: 生效保单" }).click()]);
  expect(download.suggestedFilename()).toBe("生效保单.png");
  const file = fs.readFileSync((await download.path())!);
  expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: the canvas' size, at twice the card's drawn size.
  expect(file.readUInt32BE(16)).toBeGreaterThanOrEqual(640);
  expect(file.length).toBeGreaterThan(1000);
  await card.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/t/${key}\\?f\\.status\\.state\\.in=%E7%94%9F%E6%95%88$`));
  await expect(rows).toHaveCount(3);
});
