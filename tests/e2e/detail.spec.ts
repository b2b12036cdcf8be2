import type { Locator, Page } from "@playwright/test";
import { createRecord, expect, formField, fullRecordData, IDS, paths, test, unique } from "./support/fixtures";

/** The card of a section on the detail page, by its title. */
const section = (page: Page, title: string) => page.locator("section").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
/** A label/value pair of a section's field grid. */
const valueOf = (scope: Locator, label: string) => scope.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
/** The newest history entry (newest first). */
const latestEntry = (page: Page) => section(page, "修改历史").locator("ol > li").first();

test.describe("record detail", () => {
  test("shows sections, tables and formatted values with personal data masked; 查看 reveals and is recorded", async ({ adminPage: page, adminApi }) => {
    const record = await createRecord(adminApi, fullRecordData({ name: "李雷" }));
    await page.goto(paths.record(record.id));
    await expect(page.getByRole("heading", { level: 1, name: "李雷" })).toBeVisible();

    for (const title of ["客户基础信息", "保单信息", "投保人信息", "受益人信息", "保单状态", "缴费记录", "理赔记录", "修改历史"])
      await expect(section(page, title)).toBeVisible();
    // Sections with nothing in them collapse to one line saying so.
    await expect(section(page, "沟通记录")).toContainText("未填写");

    const basic = section(page, "客户基础信息");
    await expect(valueOf(basic, "身份证号码")).toContainText("1101**********002X");
    await expect(valueOf(basic, "手机号码")).toContainText("139****5678");
    // The birth date is read off the ID: masked with it, or the masked ID would give its digits away.
    await expect(valueOf(basic, "出生日期")).toContainText("******");
    await expect(valueOf(basic, "出生日期")).not.toContainText("1949");
    await expect(valueOf(basic, "客户编号")).toHaveText("—");
    const policy = section(page, "保单信息");
    await expect(valueOf(policy, "保险金额")).toHaveText("¥300,000.00");
    await expect(valueOf(policy, "保费")).toHaveText("¥5,000.00");
    await expect(valueOf(policy, "保险类型")).toHaveText("人寿险");

    // Tables: one row per entry, formatted cells, masked IDs of the beneficiaries. Their names are
    // personal data too, shown in full here because the reader (the administrator) owns the record.
    const beneficiaries = section(page, "受益人信息").getByRole("table");
    await expect(beneficiaries.locator("tbody tr")).toHaveCount(2);
    await expect(beneficiaries.locator("tbody tr").nth(0)).toContainText("韩梅梅");
    await expect(beneficiaries.locator("tbody tr").nth(0)).toContainText("1101**********0016");
    await expect(beneficiaries.locator("tbody tr").nth(0)).toContainText("60%");
    await expect(beneficiaries.locator("tbody tr").nth(1)).toContainText("40%");
    const payments = section(page, "缴费记录").getByRole("table");
    await expect(payments.getByRole("columnheader")).toContainText(["序号", "缴费日期", "缴费金额", "缴费方式", "缴费状态"]);
    await expect(payments.locator("tbody tr")).toHaveCount(2);
    await expect(payments.locator("tbody tr").nth(0)).toContainText("¥5,000.00");
    await expect(payments.locator("tbody tr").nth(1)).toContainText("逾期");
    await expect(section(page, "理赔记录").locator("tbody tr")).toContainText(["¥12,000.00"]);
    // The full number is nowhere on the page until someone asks for it.
    await expect(page.locator("main")).not.toContainText(IDS.customer);
    // Showing the page (and whatever it prefetches, such as 编辑) reveals nothing on the record.
    await page.waitForLoadState("networkidle");
    const seen = (await (await adminApi.get(`${paths.api(record.id)}/history`)).json()).history as { action: string }[];
    expect(seen.map((h) => h.action)).toEqual(["record.create"]);

    await valueOf(basic, "身份证号码").getByRole("button", { name: "查看" }).click();
    await expect(valueOf(basic, "身份证号码")).toContainText(IDS.customer);
    // The reveal is on the record, in the list of who saw personal data (collapsed by default).
    await page.getByText("显示查看记录").click();
    const entry = section(page, "个人信息查看记录").locator("ol > li").first();
    await expect(entry).toContainText("查看个人信息");
    await expect(entry).toContainText("查看了「客户基础信息 › 身份证号码」");
    // 隐藏 masks it again without another request.
    await valueOf(basic, "身份证号码").getByRole("button", { name: "隐藏" }).click();
    await expect(valueOf(basic, "身份证号码")).not.toContainText(IDS.customer);
  });

  test("times read in the reader's time zone, as in the list, not the server's", async ({ adminPage: page, adminApi }) => {
    // The e2e server runs in UTC and the browser in Asia/Shanghai (see server.mjs, playwright.config.ts).
    const record = (await createRecord(adminApi, fullRecordData({ name: "时区测试" }))) as unknown as { id: string; createdAt: string };
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(paths.record(record.id));
    const local = await page.evaluate((iso) => {
      const d = new Date(iso);
      const p = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    }, record.createdAt);
    expect(local).not.toBe(record.createdAt.slice(0, 16).replace("T", " "));
    await expect(page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) })).toContainText(`创建 管理员 · ${local}`);
    await expect(latestEntry(page)).toContainText(local);
    expect(errors).toEqual([]);
  });

  test("an edit of 保费 and a beneficiary's share pair shows field by field in the history", async ({ adminPage: page, adminApi }) => {
    const record = await createRecord(adminApi, fullRecordData({ name: "韩松" }));
    await page.goto(paths.record(record.id));
    await page.getByRole("link", { name: "编辑" }).click();
    await expect(page).toHaveURL(paths.edit(record.id));
    await expect(formField(page, "basic.name")).toHaveValue("韩松");

    await formField(page, "policy.premium").fill("6,000");
    await page.getByLabel("受益比例（第 1 行）").fill("50");
    await page.getByLabel("受益比例（第 2 行）").fill("50");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(paths.record(record.id));
    await expect(page.getByRole("status").filter({ hasText: "修改已保存" })).toBeVisible();

    await expect(valueOf(section(page, "保单信息"), "保费")).toHaveText("¥6,000.00");
    // Opening the form showed every personal value in full: that is on the record too, in its own
    // collapsed list, so that many form opens never push the edits out of the history.
    await expect(section(page, "修改历史")).not.toContainText("打开了编辑表单");
    await page.getByText("显示查看记录").click();
    await expect(section(page, "个人信息查看记录").locator("ol > li").first()).toContainText("打开了编辑表单，其中的个人信息均完整显示");
    const entry = latestEntry(page);
    await expect(entry).toContainText("修改");
    await expect(entry).toContainText("第 2 版");
    const change = (label: string) => entry.locator("li").filter({ hasText: label });
    await expect(change("保单信息 › 保费")).toHaveText(/¥5,000\.00\s*→?\s*改为\s*¥6,000\.00$/);
    await expect(change("指定受益人 第 1 行 › 受益比例")).toHaveText(/60%\s*→?\s*改为\s*50%$/);
    await expect(change("指定受益人 第 2 行 › 受益比例")).toHaveText(/40%\s*→?\s*改为\s*50%$/);
    // Only what changed is listed.
    await expect(entry.locator("ul > li")).toHaveCount(3);
  });

  test("delete asks first, leads to the list, and the record can be restored from its page", async ({ adminPage: page, adminApi }) => {
    const policyNo = `D${unique()}`;
    const record = await createRecord(adminApi, fullRecordData({ name: "删除测试", policyNo }));
    const listed = async (trash = false) => (await (await adminApi.get(`${paths.api()}?q=${policyNo}${trash ? "&trash=1" : ""}`)).json()).total as number;
    expect(await listed()).toBe(1);

    await page.goto(paths.record(record.id));
    await page.getByRole("button", { name: "删除" }).click();
    const dialog = page.getByRole("dialog", { name: "删除这条记录？" });
    await expect(dialog).toContainText("删除测试");
    // Cancelling keeps it.
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect(dialog).toBeHidden();
    expect(await listed()).toBe(1);

    await page.getByRole("button", { name: "删除" }).click();
    await dialog.getByRole("button", { name: "删除" }).click();
    // The list is another page's business; here it is enough that we land on it and the API agrees.
    await expect(page).toHaveURL(paths.list);
    expect(await listed()).toBe(0);
    expect(await listed(true)).toBe(1);

    // The recycle bin: the record's own page says it was deleted and offers 恢复 to an admin.
    await page.goto(paths.record(record.id));
    const banner = page.getByRole("status").filter({ hasText: "该记录已于" });
    await expect(banner).toContainText("删除");
    await expect(page.getByRole("link", { name: "编辑" })).toHaveCount(0);
    await banner.getByRole("button", { name: "恢复" }).click();
    await expect(page.getByRole("status").filter({ hasText: "记录已恢复" })).toBeVisible();
    await expect(banner).toBeHidden();
    await expect(page.getByRole("link", { name: "编辑" })).toBeVisible();
    await expect(latestEntry(page)).toContainText("恢复");
    await expect(section(page, "修改历史").locator("ol > li").nth(1)).toContainText("删除");
    expect(await listed()).toBe(1);
  });

  test("keyboard: the first Tab stop skips the sidebar and the top bar to the page itself", async ({ adminPage: page, adminApi }) => {
    const record = await createRecord(adminApi, fullRecordData({ name: unique() }));
    await page.goto(paths.record(record.id));
    await expect(page.getByRole("button", { name: "编辑" }).or(page.getByRole("link", { name: "编辑" })).first()).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "跳到主要内容" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
    // The next Tab lands inside the page, not on the sidebar's links.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
  });
});
