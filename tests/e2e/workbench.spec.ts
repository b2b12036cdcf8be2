import { apiSignIn, createRecord, createUser, expect, recordData, test, uiSignIn, unique } from "./support/fixtures";

// Issue 10: the 工作台 — reminders computed from the records, handled from the home page.

/** The office's day (Asia/Shanghai) `days` from now, as the records store dates. */
function officeDay(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

test("an agent sees a renewal due in 30 days on the 工作台, opens it, and marks it handled with a note", async ({ browser, adminApi }, testInfo) => {
  const agent = await createUser(adminApi, "agent");
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "zh-CN" });
  const page = await context.newPage();
  await apiSignIn(page.request, agent.email, agent.password);
  const name = `续保客户${unique().slice(-6)}`;
  const base = recordData({ name });
  const end = officeDay(30);
  const record = await createRecord(page.request, {
    ...base,
    policy: { ...base.policy, endDate: end },
    // Due today: the sidebar counts it.
    communications: [{ date: officeDay(-2), method: "电话", needFollowUp: true, followUpItem: "回电确认续保意向", followUpDate: officeDay(0) }],
  });
  // Another agent's customer never shows on this agent's 工作台.
  const other = await createUser(adminApi, "agent");
  const otherContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  await apiSignIn(otherContext.request, other.email, other.password);
  const otherName = `别人的客户${unique().slice(-6)}`;
  const otherBase = recordData({ name: otherName });
  await createRecord(otherContext.request, { ...otherBase, policy: { ...otherBase.policy, endDate: end } });

  // Signing in lands on the 工作台.
  await context.clearCookies();
  await uiSignIn(page, agent.email, agent.password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "工作台", level: 1 })).toBeVisible();
  await expect(page.getByTestId("reminder-count")).toContainText("1");
  const later = page.getByRole("region", { name: /稍后/ });
  const renewal = later.locator("li[data-reminder]").filter({ hasText: name });
  await expect(renewal).toContainText(`保险到期日期 ${end}`);
  await expect(renewal).toContainText("还有 30 天");
  await expect(renewal).toContainText("到期前 30 天");
  await expect(later.getByRole("heading", { name: /续保提醒/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /今天/ }).locator("li[data-reminder]").filter({ hasText: "跟进日期" })).toHaveCount(1);
  await expect(page.getByText(otherName)).toHaveCount(0);

  // It opens the record at its policy section.
  await renewal.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/r/${record.id}#section-policy$`));
  await expect(page.locator("#section-policy")).toBeInViewport();
  await page.goBack();

  // 已处理 from the keyboard: focus the row, D, pick the outcome, write a note, confirm.
  const row = page.getByRole("region", { name: /稍后/ }).locator("li[data-reminder]").filter({ hasText: name });
  await row.focus();
  await page.keyboard.press("d");
  const dialog = page.getByRole("dialog", { name: "处理提醒：续保提醒" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("radio", { name: "已续保" }).check();
  await dialog.getByLabel("备注（可选）").fill("客户已同意续保，下周签约");
  await dialog.getByRole("button", { name: "确认已处理" }).click();
  await expect(page.getByText(`已处理：${name}`)).toBeVisible();
  await expect(page.locator("li[data-reminder]").filter({ hasText: name }).filter({ hasText: "保险到期日期" })).toHaveCount(0);

  // It stays handled after a reload, and the record's history says how.
  await page.reload();
  await expect(page.locator("li[data-reminder]").filter({ hasText: "保险到期日期" })).toHaveCount(0);
  await page.goto(`/t/customer-archive/r/${record.id}`);
  await expect(page.getByText(`续保提醒（保险到期日期 ${end}）：已续保。备注：客户已同意续保，下周签约`)).toBeVisible();

  // 稍后提醒 on the follow-up empties the 工作台 and the sidebar's count.
  await page.goto("/");
  const followUp = page.locator("li[data-reminder]").filter({ hasText: "跟进日期" });
  await followUp.getByRole("button", { name: "稍后提醒" }).click();
  const snooze = page.getByRole("dialog", { name: "稍后提醒：跟进提醒" });
  await snooze.getByRole("button", { name: "3 天后" }).click();
  await snooze.getByRole("button", { name: "稍后提醒" }).click();
  await expect(page.getByText(`将于 ${officeDay(3)} 再次提醒`)).toBeVisible();
  await expect(page.getByText("暂无需要处理的提醒")).toBeVisible();
  await expect(page.getByTestId("reminder-count")).toHaveCount(0);
  await otherContext.close();
  await context.close();
});

test("a rule with many reminders shows its count and the first 20; 更多 loads the rest", async ({ browser, adminApi }, testInfo) => {
  const agent = await createUser(adminApi, "agent");
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "zh-CN" });
  const page = await context.newPage();
  await apiSignIn(page.request, agent.email, agent.password);
  const tag = unique().slice(-5);
  for (let i = 0; i < 23; i++) {
    const base = recordData({ name: `批量${tag}号${String(i).padStart(2, "0")}` });
    await createRecord(page.request, { ...base, policy: { ...base.policy, endDate: officeDay(40 + i) } });
  }
  await page.goto("/");
  const later = page.getByRole("region", { name: /稍后/ });
  await expect(later.getByRole("heading", { name: /续保提醒\s*23/ })).toBeVisible();
  await expect(later.locator("li[data-reminder]")).toHaveCount(20);
  // In due order: the last shown is the 20th, the 21st comes with 更多.
  await expect(later.locator("li[data-reminder]").last()).toContainText(`批量${tag}号19`);
  await later.getByRole("button", { name: "更多（还有 3 条）" }).click();
  await expect(later.locator("li[data-reminder]")).toHaveCount(23);
  await expect(later.locator("li[data-reminder]").last()).toContainText(`批量${tag}号22`);
  await expect(later.getByRole("button", { name: /更多/ })).toHaveCount(0);
  // The button is gone: the keyboard goes on from the first reminder it brought.
  await expect(later.locator("li[data-reminder]").nth(20)).toBeFocused();
  await expect(later.locator("li[data-reminder]").nth(20)).toContainText(`批量${tag}号20`);
  // Handling one from the keyboard keeps the block as opened: 22 rows, the last still there.
  await page.keyboard.press("d");
  const dialog = page.getByRole("dialog", { name: "处理提醒：续保提醒" });
  await dialog.getByRole("radio", { name: "已续保" }).check();
  await dialog.getByRole("button", { name: "确认已处理" }).click();
  await expect(page.getByText(`已处理：批量${tag}号20`)).toBeVisible();
  await expect(later.getByRole("heading", { name: /续保提醒\s*22/ })).toBeVisible();
  await expect(later.locator("li[data-reminder]")).toHaveCount(22);
  await expect(later.locator("li[data-reminder]").last()).toContainText(`批量${tag}号22`);
  // The keyboard goes on from the next reminder; opened and back, the page knows it was handled.
  await expect(later.locator("li[data-reminder]").nth(20)).toBeFocused();
  await expect(later.locator("li[data-reminder]").nth(20)).toContainText(`批量${tag}号21`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/r\/[a-f0-9]{24}#section-policy$/);
  await page.goBack();
  await expect(later.getByRole("heading", { name: /续保提醒\s*22/ })).toBeVisible();
  await context.close();
});
