import type { Page } from "@playwright/test";
import { createRecord, createUser, expect, fullRecordData, IDS, pageAs, paths, test, unique } from "./support/fixtures";

/** A block of the printed file, by its heading. */
const printed = (page: Page, title: string) => page.locator("article section").filter({ has: page.getByRole("heading", { level: 2, name: title }) });

test.describe("print a record", () => {
  test("打印 opens a clean customer file, masked by default; the full version is audited once and in the history", async ({ adminPage: page, adminApi }) => {
    const policyNo = `P${unique()}`;
    const record = await createRecord(adminApi, fullRecordData({ name: "打印测试", policyNo }));
    const actions = async () => ((await (await adminApi.get(`${paths.api(record.id)}/history?kind=all`)).json()).history as { action: string }[]).map((h) => h.action);
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });

    await page.goto(paths.record(record.id));
    // Reachable by keyboard: it is a link.
    await page.getByRole("link", { name: "打印", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(`${paths.record(record.id)}/print`);

    // No app shell: the page is the paper.
    await expect(page.getByRole("navigation")).toHaveCount(0);
    const header = page.locator("article > header");
    await expect(header).toContainText("保险客户档案管理表");
    await expect(header.getByRole("heading", { level: 1 })).toHaveText("打印测试");
    await expect(header).toContainText(`保单号 ${policyNo}`);
    await expect(header).toContainText("打印人管理员");
    await expect(header).toContainText(/打印时间\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(header).toContainText("个人信息已遮蔽");

    for (const title of ["客户基础信息", "保单信息", "受益人信息", "缴费记录", "理赔记录"]) await expect(printed(page, title)).toBeVisible();
    await expect(printed(page, "沟通记录")).toContainText("未填写");
    const payments = printed(page, "缴费记录").getByRole("table");
    await expect(payments.getByRole("columnheader")).toContainText(["序号", "缴费日期", "缴费金额", "缴费方式", "缴费状态"]);
    await expect(payments.locator("tbody tr")).toHaveCount(2);
    await expect(payments.locator("tbody tr").nth(0)).toContainText("¥5,000.00");
    await expect(printed(page, "客户基础信息")).toContainText("1101**********002X");
    await expect(page.locator("article")).not.toContainText(IDS.customer);

    // On paper the toolbar is gone; the file stays.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "打印 / 存为 PDF" })).toBeHidden();
    await expect(page.getByRole("link", { name: "显示完整个人信息" })).toBeHidden();
    await expect(header).toBeVisible();
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("button", { name: "打印 / 存为 PDF" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // The masked print (and whatever the page prefetched) revealed nothing.
    await page.waitForLoadState("networkidle");
    expect(await actions()).toEqual(["record.create"]);

    await page.getByRole("link", { name: "显示完整个人信息" }).click();
    await expect(page).toHaveURL(`${paths.record(record.id)}/print?personal=full`);
    await expect(printed(page, "客户基础信息")).toContainText(IDS.customer);
    await expect(header).toContainText("含完整个人信息");
    await page.waitForLoadState("networkidle");
    expect(await actions()).toEqual(["record.reveal", "record.create"]);

    await page.getByRole("link", { name: "返回记录" }).click();
    await expect(page).toHaveURL(paths.record(record.id));
    await page.getByText("显示查看记录").click();
    const entry = page.locator("section").filter({ has: page.getByRole("heading", { name: "个人信息查看记录", exact: true }) }).locator("ol > li").first();
    await expect(entry).toContainText("管理员");
    await expect(entry).toContainText("打印了这条记录，含完整个人信息");
  });

  test("a viewer prints masked only", async ({ browser, adminApi }) => {
    const record = await createRecord(adminApi, fullRecordData({ name: "只读打印" }));
    const viewer = await pageAs(browser, await createUser(adminApi, "viewer"));
    await viewer.goto(`${paths.record(record.id)}/print`);
    // 客户姓名 is personal data: a viewer's print names the customer masked.
    await expect(viewer.locator("article > header")).toContainText("只***");
    await expect(viewer.locator("body")).not.toContainText("只读打印");
    await expect(viewer.getByRole("link", { name: "显示完整个人信息" })).toHaveCount(0);
    await viewer.goto(`${paths.record(record.id)}/print?personal=full`);
    await expect(viewer.getByText("你不能打印完整个人信息")).toBeVisible();
    await expect(viewer.locator("body")).not.toContainText(IDS.customer);
    await viewer.context().close();
  });
});
