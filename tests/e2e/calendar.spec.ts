import { apiSignIn, createRecord, createUser, expect, recordData, test, uiSignIn, unique } from "./support/fixtures";

// Issue 10 item 4: a personal calendar feed — a revocable link made on the 工作台.

/** The office's day (Asia/Shanghai) `days` from now, as the records store dates. */
function officeDay(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

test("an agent makes a calendar link on the 工作台, a calendar app reads it, and revoking it stops it", async ({ browser, adminApi }, testInfo) => {
  const agent = await createUser(adminApi, "agent");
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "zh-CN", permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await apiSignIn(page.request, agent.email, agent.password);
  const name = `日历客户${unique().slice(-6)}`;
  const base = recordData({ name });
  const end = officeDay(30);
  const record = await createRecord(page.request, { ...base, policy: { ...base.policy, endDate: end } });

  await context.clearCookies();
  await uiSignIn(page, agent.email, agent.password);
  await page.getByRole("button", { name: "日历订阅" }).click();
  const dialog = page.getByRole("dialog", { name: "日历订阅" });
  await expect(dialog).toContainText("您还没有日历链接");
  // Names in full only when asked for: the calendar syncs to a third-party cloud.
  await dialog.getByRole("checkbox", { name: /在日历中显示客户全名/ }).check();
  await dialog.getByRole("button", { name: "创建日历链接" }).click();
  await expect(dialog).toContainText("此链接的日历显示客户全名");
  const field = dialog.getByTestId("calendar-url");
  await expect(field).toHaveValue(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await expect(dialog).toContainText("添加已订阅的日历");
  await dialog.getByRole("button", { name: "复制链接" }).click();
  await expect(dialog.getByRole("button", { name: "已复制" })).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toBe(await field.inputValue());

  // A calendar app has no session: a fresh request context.
  const app = await browser.newContext();
  const feed = await app.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const body = (await feed.text()).replace(/\r\n /g, "");
  expect(body).toContain("BEGIN:VEVENT");
  expect(body).toContain(`SUMMARY:续保提醒 · ${name}`);
  expect(body).toContain(`DTSTART;VALUE=DATE:${end.replaceAll("-", "")}`);
  expect(body).toContain(`/r/${record.id}#section-policy`);
  expect(body).not.toContain(String((base.basic as Record<string, unknown>).idNumber));
  expect(body).not.toContain("13912345678");

  // Revoked: the same address answers 404.
  await dialog.getByRole("button", { name: "撤销链接" }).click();
  await page.getByRole("dialog", { name: "撤销链接" }).getByRole("button", { name: "撤销链接" }).click();
  await expect(dialog).toContainText("您还没有日历链接");
  expect((await app.request.get(url)).status()).toBe(404);
  await app.close();
  await context.close();
});
