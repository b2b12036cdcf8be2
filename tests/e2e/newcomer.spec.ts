import type { APIRequestContext } from "@playwright/test";
import { createRecord, expect, paths, recordData, test, TEMPLATE, unique } from "./support/fixtures";

// What a newcomer tripped over (issue 13): each check here failed on the main of that day.

async function cloneArchive(api: APIRequestContext, name: string): Promise<string> {
  const key = `e2e-${unique()}`;
  const res = await api.post("/api/templates", { data: { mode: "clone", source: TEMPLATE, name, key } });
  expect(res.status(), await res.text()).toBe(201);
  return key;
}

type Row = { id: string; title: string; data: Record<string, Record<string, unknown>> };

test.describe("a newcomer's first walk", () => {
  test("demo data on a cloned template hangs together: numbers, product types, dates and statuses", async ({ adminPage: page, adminApi }) => {
    const key = await cloneArchive(adminApi, `演示克隆${unique()}`);
    await page.goto(`/t/${key}`);
    await page.getByRole("button", { name: "载入演示数据" }).click();
    await expect(page.getByText(/已载入 \d+ 条演示数据/)).toBeVisible({ timeout: 60_000 });
    // The first column is the customer number of every record: never a bare 查看 link.
    const firstCells = page.locator("tbody tr > :first-child");
    await expect(firstCells.first()).toBeVisible();
    for (const text of await firstCells.allInnerTexts()) expect(text.trim()).toMatch(/^KH\d{6}\b/);

    const list = await (await adminApi.get(`/api/templates/${key}/records?size=100`)).json();
    const rows = list.rows as Row[];
    expect(rows.length).toBeGreaterThan(10);
    const today = new Date().toISOString().slice(0, 10);
    const types: Record<string, string> = { 金福年金险: "年金险", 安心人生终身寿险: "人寿险", 畅行车险: "车险", 家财宝财产险: "财产险", 平安出行意外险: "意外险" };
    for (const { id } of rows) {
      const { record } = await (await adminApi.get(`/api/templates/${key}/records/${id}`)).json();
      const p = record.data.policy;
      expect(record.data.basic.customerNo).toMatch(/^KH\d{6}$/);
      if (types[p.productName]) expect(p.insuranceType, p.productName).toBe(types[p.productName]);
      expect(p.applicationDate <= p.startDate && p.startDate < p.endDate, `${p.applicationDate} ${p.startDate} ${p.endDate}`).toBe(true);
      const state = record.data.status.state;
      if (p.endDate < today) expect(state).toBe("失效");
      if (p.startDate > today) expect(state).toBe("待生效");
    }
  });

  test("an unknown template is an HTTP 404 with the not-found page", async ({ adminPage: page }) => {
    const res = await page.goto("/t/nope");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("link", { name: /返回首页/ })).toBeVisible();
    expect((await page.goto("/t/nope/new"))?.status()).toBe(404);
  });

  test("a DELETE that names no revision is refused like a stale one, and deletes nothing", async ({ adminApi }) => {
    const record = await createRecord(adminApi, recordData());
    const res = await adminApi.delete(paths.api(record.id));
    expect(res.status()).toBe(409);
    expect((await res.json()).error.message).toContain("版本");
    expect((await adminApi.get(paths.api(record.id))).status()).toBe(200);
    expect((await adminApi.delete(`${paths.api(record.id)}?revision=${record.revision}`)).status()).toBe(200);
  });

  test("a template pattern with overlapping alternatives is refused as catastrophic", async ({ adminApi }) => {
    const doc = await (await adminApi.get(`/api/templates/${TEMPLATE}/export`)).json();
    doc.content.schema.properties.basic.properties.customerNo.pattern = "^(a|a)*$";
    const imported = await adminApi.post("/api/templates", { data: { mode: "import", document: doc, key: `e2e-${unique()}` } });
    expect(imported.status(), await imported.text()).toBe(422);
    expect(JSON.stringify(await imported.json())).toContain("(a|a)*");
  });

  test("the header names the user, the role once, and the email", async ({ adminPage: page }) => {
    await page.goto(paths.list);
    const banner = page.getByRole("banner");
    await expect(banner).toContainText("admin@e2e.local");
    // The first administrator is called 管理员: the role is not repeated after the name.
    expect(((await banner.innerText()).match(/管理员/g) ?? []).length).toBe(1);
  });

  test("a record without 客户编号 is listed by its name, never a bare 查看", async ({ adminPage: page, adminApi }) => {
    const marker = `NB${unique()}`;
    await createRecord(adminApi, recordData({ policyNo: marker, name: "无编号客户" }));
    await page.goto(`${paths.list}?q=${marker}`);
    const first = page.locator("tbody tr > :first-child");
    await expect(first).toHaveCount(1);
    await expect(first.getByRole("link")).toHaveText("无编号客户");
  });

  test("the list at 1280 px hints at columns to the right; on a 390 px phone rows are cards", async ({ adminPage: page, adminApi }) => {
    const marker = `SC${unique()}`;
    await createRecord(adminApi, recordData({ policyNo: marker, name: "卡片客户" }));
    await page.goto(`${paths.list}?q=${marker}`);
    const hint = page.getByTestId("more-columns");
    await expect(hint).toBeVisible();
    await expect(hint).toContainText("左右滑动查看更多列");
    // The first column stays in place while the rest scroll, and the hint goes once the end is reached.
    const firstCell = page.locator("tbody tr > :first-child").first();
    const x = (await firstCell.boundingBox())!.x;
    await page.getByTestId("list-scroller").evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(hint).toBeHidden();
    expect((await firstCell.boundingBox())!.x).toBe(x);
    await expect(page.getByRole("columnheader", { name: /更新时间/ })).toBeInViewport();

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole("table")).toBeHidden();
    const card = page.getByTestId("list-cards").getByRole("link").filter({ hasText: "卡片客户" });
    await expect(card).toBeVisible();
    // Key columns as label and value (which ones depends on the template version: a designer journey may have republished it).
    await expect(card.locator("dt").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await card.click();
    await expect(page).toHaveURL(/\/r\//);
  });

  test("date filters take dates as the app writes them, not the browser's mm/dd/yyyy picker", async ({ adminPage: page }) => {
    await page.goto(paths.list);
    await page.getByRole("button", { name: /保险起始日期/ }).first().click();
    const from = page.getByLabel("从", { exact: true });
    expect(await from.getAttribute("type")).toBe("text");
    await expect(from).toHaveAttribute("placeholder", "年-月-日");
    await from.fill("明天");
    await page.getByRole("button", { name: "应用" }).click();
    await expect(page.getByText("“明天”不是日期，请写成 2024-01-31")).toBeVisible();
    await from.fill("2022年6月1日");
    await page.getByRole("button", { name: "应用" }).click();
    await expect(page).toHaveURL(/f\.policy\.startDate\.gte=2022-06-01/);
  });

  test("the yes/no filter offers 未填写 apart from 否", async ({ adminPage: page }) => {
    await page.goto(paths.list);
    await page.getByRole("button", { name: "添加筛选" }).click();
    await page.locator("[data-menu-item]").filter({ hasText: "法定受益人" }).first().click();
    await page.getByRole("radio", { name: "未填写" }).check();
    await page.getByRole("button", { name: "应用" }).click();
    await expect(page).toHaveURL(/f\.beneficiary\.isLegal\.empty=/);
  });
});
