import { expect, paths, test } from "./support/fixtures";

// Issue 13 item 6: form details a newcomer tripped over. Each check failed on the main of that day.

test.describe("form details", () => {
  test("after a failed save, a row added by switching 受益人 starts clean until left or saved", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();

    await page.locator("#section-beneficiary").getByText("否（指定受益人）").click();
    const name = page.getByLabel("姓名（第 1 行）");
    await expect(name).toBeVisible();
    await expect(name).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#section-beneficiary").getByText("请填写姓名")).toHaveCount(0);

    // Leaving the cell shows its own message; a second save shows the rest of the row's.
    await name.focus();
    await page.getByLabel("身份证号码（第 1 行）").focus();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("受益比例（第 1 行）")).not.toHaveAttribute("aria-invalid", "true");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByLabel("受益比例（第 1 行）")).toHaveAttribute("aria-invalid", "true");
  });

  test("the 与被保险人关系 select in a beneficiary row shows its whole placeholder and choices", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await page.locator("#section-beneficiary").getByText("否（指定受益人）").click();
    const relation = page.getByLabel("与被保险人关系（第 1 行）");
    await expect(relation).toHaveText(/请选择/);
    // The widest label must fit beside the native arrow: text width + paddings + arrow ≤ width.
    const room = await relation.evaluate((el) => {
      const select = el as HTMLSelectElement;
      const style = getComputedStyle(select);
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.font = style.font;
      const widest = Math.max(...Array.from(select.options).map((o) => ctx.measureText(o.text).width));
      const arrow = 20;
      return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow - widest;
    });
    expect(room).toBeGreaterThanOrEqual(0);
    // …and the table still fits its card at 1280 px.
    const scroller = page.getByRole("table", { name: "指定受益人" }).locator("xpath=..");
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  });

  test("an impossible date in 身份证号码 says first that the number is wrong, then why", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    const id = page.getByLabel("身份证号码").first();
    await id.fill("110105199902300011");
    await page.getByLabel("客户姓名").focus();
    await expect(page.locator("[id='root.basic.idNumber__error']")).toHaveText("身份证号码不正确：出生日期无效");
  });

  test("沟通记录's table fits the form at 1280 px: no sideways scrolling to reach 跟进日期", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    const comms = page.locator("#section-communications");
    await comms.getByRole("button", { name: "添加一行" }).click();
    await expect(page.getByLabel("沟通内容（第 1 行）")).toBeVisible();
    const scroller = page.getByRole("table", { name: "沟通记录" }).locator("xpath=..");
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    // The dates stay readable: a full yyyy-mm-dd fits its box.
    const date = page.getByLabel("沟通日期（第 1 行）");
    await date.fill("2024-12-31");
    expect(await date.evaluate((el) => (el as HTMLInputElement).scrollWidth - (el as HTMLInputElement).clientWidth)).toBeLessThanOrEqual(0);
  });
});
