import type { Page } from "@playwright/test";
import { createRecord, expect, fillRequired, formField, IDS, paths, recordData, recordForEdit, test, unique } from "./support/fixtures";

/** The stored drafts of new records of the default template (one per user; tests sign in as one). */
const newDrafts = (page: Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("dossier-draft:") && k.endsWith(":customer-archive:new"))
      .map((k) => localStorage.getItem(k)!),
  );
const recordUrl = new RegExp(`/t/customer-archive/r/[0-9a-f]{24}$`);

/** Presses Tab until the control with this id has the focus; fails if it is never reached. */
async function tabTo(page: Page, id: string, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached #${id}`);
}

test.describe("record form: guards, drafts, conditions, keyboard", () => {
  test("leaving with unsaved input asks first; cancelling keeps you and what you typed", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await formField(page, "basic.name").fill("离开测试");
    const asked: string[] = [];
    page.once("dialog", (d) => {
      asked.push(`${d.type()}:${d.message()}`);
      void d.dismiss();
    });
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "用户管理" }).click();
    await expect.poll(() => asked).toEqual(["confirm:你有尚未保存的修改，确定离开吗？离开后这些修改将丢失。"]);
    await expect(page).toHaveURL(paths.create);
    await expect(formField(page, "basic.name")).toHaveValue("离开测试");

    // 取消 asks in a dialog of our own; 取消 there keeps editing too.
    await page.getByRole("button", { name: "取消" }).click();
    const discard = page.getByRole("dialog", { name: "放弃修改？" });
    await discard.getByRole("button", { name: "取消" }).click();
    await expect(discard).toBeHidden();
    await expect(formField(page, "basic.name")).toHaveValue("离开测试");

    await expect.poll(async () => (await newDrafts(page)).join()).toContain("离开测试");
    // Agreeing to leave does leave.
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "用户管理" }).click();
    await expect(page).toHaveURL("/admin/users");
    // What was typed stays recoverable in this browser, until this user signs out.
    expect(await newDrafts(page)).toHaveLength(1);
    await page.getByRole("banner").getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect(await newDrafts(page)).toEqual([]);
  });

  test("after a reload the local draft is offered and 恢复 brings the typed values back", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await formField(page, "basic.name").fill("草稿测试");
    await formField(page, "basic.idNumber").fill(IDS.spouse);
    await formField(page, "policy.premium").fill("1,200");
    await formField(page, "basic.name").focus();
    await expect.poll(async () => (await newDrafts(page)).join()).toContain("草稿测试");

    // The reload itself is guarded by the browser's own prompt.
    page.on("dialog", (d) => void d.accept());
    await page.reload();
    await expect(formField(page, "basic.name")).toHaveValue("");
    const offer = page.getByRole("status").filter({ hasText: "未保存的填写内容" });
    await expect(offer).toBeVisible();
    await offer.getByRole("button", { name: "恢复" }).click();
    await expect(offer).toBeHidden();
    await expect(formField(page, "basic.name")).toHaveValue("草稿测试");
    await expect(formField(page, "basic.idNumber")).toHaveValue(IDS.spouse);
    // Amounts read with separators once typed.
    await expect(formField(page, "policy.premium")).toHaveValue("1,200");
    await expect(formField(page, "basic.birthDate")).toHaveValue("1980-01-01");
    await expect(page.getByRole("radio", { name: "男", exact: true })).toBeChecked();

    // Correcting the ID brings birth date and gender along (they were derived, not typed).
    await fillRequired(page, { name: "草稿测试", idNumber: IDS.other });
    await expect(formField(page, "basic.birthDate")).toHaveValue("1985-06-12");
    await expect(page.getByRole("radio", { name: "女", exact: true })).toBeChecked();
    // Once saved, the draft is gone and not offered again.
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(recordUrl);
    expect(await newDrafts(page)).toEqual([]);
  });

  test("policyholder fields appear only when 与被保险人关系 is not 本人, and are then required", async ({ adminPage: page, adminApi }) => {
    await page.goto(paths.create);
    const holder = page.locator("#section-policyholder");
    const relation = (label: string) => holder.getByText(label, { exact: true });
    await expect(holder.getByRole("radio", { name: "本人" })).toBeChecked();
    for (const label of ["投保人姓名", "投保人身份证号码", "投保人联系方式"]) await expect(holder.getByLabel(label)).toHaveCount(0);

    await relation("配偶").click();
    for (const label of ["投保人姓名", "投保人身份证号码", "投保人联系方式"]) {
      await expect(holder.getByLabel(label)).toBeVisible();
      await expect(holder.getByLabel(label)).toHaveAttribute("aria-required", "true");
    }
    await relation("本人").click();
    await expect(holder.getByLabel("投保人姓名")).toHaveCount(0);

    await relation("父母").click();
    await fillRequired(page, { name: "投保人测试" });
    await page.getByRole("button", { name: "保存" }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary.getByRole("listitem")).toHaveCount(3);
    await expect(summary).toContainText("投保人姓名");
    await expect(summary).toContainText("投保人身份证号码");
    await expect(summary).toContainText("投保人联系方式");
    await expect(page).toHaveURL(paths.create);
    // The summary jumps to the field.
    await summary.getByRole("button", { name: /投保人姓名/ }).click();
    await expect(holder.getByLabel("投保人姓名")).toBeFocused();

    await holder.getByLabel("投保人姓名").fill("王建国");
    await holder.getByLabel("投保人身份证号码").fill(IDS.other);
    await holder.getByLabel("投保人联系方式").fill("010-12345678");
    await expect(summary).toBeHidden();
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(recordUrl);
    const id = page.url().split("/").pop()!;
    const saved = await (await adminApi.get(`${paths.api(id)}?edit=1`)).json();
    expect(saved.record.data.policyholder).toEqual({ relation: "父母", name: "王建国", idNumber: IDS.other, contact: "010-12345678" });
  });

  test("Ctrl+S saves, and with problems it shows them instead", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await formField(page, "basic.name").fill("快捷键测试");
    await page.keyboard.press("Control+s");
    await expect(page.getByTestId("error-summary")).toContainText("身份证号码");
    await expect(page).toHaveURL(paths.create);

    await fillRequired(page, { name: "快捷键测试" });
    await formField(page, "policy.productName").focus();
    await page.keyboard.press("Control+s");
    await expect(page).toHaveURL(recordUrl);
    await expect(page.getByRole("status").filter({ hasText: "记录已创建" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("快捷键测试");
  });

  test("tables: 添加一行 puts the focus in the new row, removing gives it back, actions stay in view", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await page.locator("#section-beneficiary").getByText("否（指定受益人）").click();
    // Named beneficiaries need at least one row, so the first is there already. Each cell's
    // control is named by its column and row.
    await page.getByLabel("姓名（第 1 行）").fill("韩梅梅");
    const add = page.locator("#section-beneficiary").getByRole("button", { name: "添加一行" });
    await add.press("Enter");
    await expect(page.getByLabel("姓名（第 2 行）")).toBeFocused();
    await expect(page.getByLabel("受益比例（第 2 行）")).toBeVisible();
    // At 1280px the beneficiary table fits its card: 受益比例 is not hidden behind the row buttons.
    const scroller = page.getByRole("table", { name: "指定受益人" }).locator("xpath=..");
    expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    // The nested table is wider than its card at 1280px: the row buttons must not scroll out of reach.
    const remove = page.getByRole("button", { name: "删除此行 第 2 行" });
    await expect(remove).toBeInViewport({ ratio: 1 });
    await remove.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("姓名（第 2 行）")).toHaveCount(0);
    await expect(add).toBeFocused();
    await expect(page.getByLabel("姓名（第 1 行）")).toHaveValue("韩梅梅");

    // Leaving an empty required cell reveals its error, which grows the table; a click on
    // 添加一行 made at that moment must still add the row.
    const payments = page.locator("#section-payments");
    await payments.getByRole("button", { name: "添加一行" }).click();
    await page.getByLabel("缴费日期（第 1 行）").focus();
    await payments.getByRole("button", { name: "添加一行" }).click();
    await expect(payments.locator("[data-row]")).toHaveCount(2);
    await expect(payments.getByText("请填写缴费日期")).toBeVisible();

    // A yes/no column shows a bare checkbox: the column header names it, not a label in every row.
    const comms = page.locator("#section-communications");
    await comms.getByRole("button", { name: "添加一行" }).click();
    const followUp = comms.getByRole("checkbox", { name: "是否需要跟进（第 1 行）" });
    await expect(followUp).toBeVisible();
    await expect(followUp.locator("xpath=ancestor::label[1]")).toHaveText("");
  });

  test("a second save while the first is under way or the page is moving on sends nothing", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await fillRequired(page, { name: "双击测试" });
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && r.url().endsWith(paths.api()) && posts.push(r.url()));
    // Hold the way to the new record's page so there is time to press again.
    await page.route(/\/r\/[0-9a-f]{24}/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const created = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith(paths.api()));
    await page.keyboard.press("Control+s");
    expect((await created).status()).toBe(201);
    await page.keyboard.press("Control+s");
    await page.getByRole("button", { name: /保存/ }).click({ force: true });
    await expect(page).toHaveURL(recordUrl);
    expect(posts).toHaveLength(1);
  });

  test("an unchanged edit is not saved again, and 载入最新版本 after a conflict reloads without a prompt", async ({ adminPage: page, adminApi }) => {
    const record = await createRecord(adminApi, recordData({ name: "未修改测试" }));
    await page.goto(paths.edit(record.id));
    const puts: string[] = [];
    page.on("request", (r) => r.method() === "PUT" && puts.push(r.url()));
    // Pressed again until the page has hydrated and listens for the shortcut.
    await expect(async () => {
      await page.keyboard.press("Control+s");
      await expect(page.getByRole("status").filter({ hasText: "没有修改需要保存" })).toBeVisible({ timeout: 1000 });
    }).toPass();
    expect(puts).toHaveLength(0);

    // Someone else saves; my edit conflicts; I take theirs.
    const theirs = await recordForEdit(adminApi, record.id);
    const other = await adminApi.put(paths.api(record.id), { data: { data: { ...theirs.data, policy: { ...theirs.data.policy, premium: 7777 } }, revision: theirs.revision } });
    expect(other.status()).toBe(200);
    await formField(page, "basic.name").fill("我的修改");
    await page.getByRole("button", { name: "保存" }).click();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.getByRole("dialog", { name: "保存冲突" }).getByRole("button", { name: "放弃我的修改，载入最新版本" }).click();
    await expect(formField(page, "policy.premium")).toHaveValue("7,777");
    await expect(formField(page, "basic.name")).toHaveValue("未修改测试");
    expect(dialogs).toEqual([]);
  });

  test("after choosing to overwrite, a save refused for another reason does not conflict again", async ({ adminPage: page, adminApi }) => {
    const taken = await createRecord(adminApi, recordData({ name: "占用保单号" }));
    const record = await createRecord(adminApi, recordData({ name: "覆盖测试" }));
    await page.goto(paths.edit(record.id));
    await expect(formField(page, "basic.name")).toHaveValue("覆盖测试");
    const theirs = await recordForEdit(adminApi, record.id);
    const other = await adminApi.put(paths.api(record.id), { data: { data: { ...theirs.data, policy: { ...theirs.data.policy, premium: 8888 } }, revision: theirs.revision } });
    expect(other.status()).toBe(200);
    await formField(page, "policy.policyNo").fill(taken.data.policy.policyNo);
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("dialog", { name: "保存冲突" }).getByRole("button", { name: "用我的修改覆盖" }).click();
    await expect(page.locator("[id='root.policy.policyNo__error']")).toContainText("已被另一条记录使用");
    await formField(page, "policy.policyNo").fill(`${taken.data.policy.policyNo}X`);
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(paths.record(record.id));
    await expect(page.getByRole("dialog", { name: "保存冲突" })).toHaveCount(0);
  });

  test("keyboard only: Tab through the first section, type, and save", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await page.locator("body").focus();
    const policyNo = `K${unique()}`;
    await tabTo(page, "root.basic.customerNo");
    await expect(formField(page, "basic.customerNo")).toBeFocused();
    // The focus is visible where it lands.
    expect(await page.evaluate(() => document.activeElement!.matches(":focus-visible"))).toBe(true);
    await page.keyboard.type("KH000777");
    await page.keyboard.press("Tab");
    await expect(formField(page, "basic.name")).toBeFocused();
    await page.keyboard.type("键盘录入");
    // Enter in a one-line field does not submit half a file.
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(paths.create);
    await page.keyboard.press("Tab");
    await expect(formField(page, "basic.idNumber")).toBeFocused();
    await page.keyboard.type(IDS.child);
    await page.keyboard.press("Tab");
    // 性别 was derived from the ID; the radio group takes the focus on its checked option.
    await expect(page.getByRole("radio", { name: "男", exact: true })).toBeFocused();
    await expect(page.getByRole("radio", { name: "男", exact: true })).toBeChecked();
    await expect(formField(page, "basic.birthDate")).toHaveValue("2010-01-01");
    await tabTo(page, "root.basic.mobile", 10);
    await page.keyboard.type("13800138000");
    await tabTo(page, "root.policy.policyNo", 10);
    await page.keyboard.type(policyNo);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(formField(page, "policy.insuranceType")).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(formField(page, "policy.insuranceType")).toHaveValue("0");

    // On to 保存 by Tab and Enter.
    const save = page.getByRole("button", { name: "保存" });
    for (let i = 0; i < 200 && !(await save.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(save).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(recordUrl);
    const main = page.locator("main");
    await expect(main).toContainText("KH000777");
    await expect(main).toContainText(policyNo);
    await expect(main).toContainText("人寿险");
  });
  test("Ctrl+S does nothing while a dialog is open: the dialog's choice comes first", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    await fillRequired(page, { name: "对话框快捷键" });
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && r.url().endsWith(paths.api()) && posts.push(r.url()));
    await page.getByRole("button", { name: "取消" }).click();
    const discard = page.getByRole("dialog", { name: "放弃修改？" });
    await expect(discard).toBeVisible();
    await page.keyboard.press("Control+s");
    // Give a save every chance to go out before judging that none did.
    await page.waitForTimeout(800);
    expect(posts).toEqual([]);
    await expect(discard).toBeVisible();
    await expect(page).toHaveURL(paths.create);
    // Closed again, the shortcut saves as before.
    await discard.getByRole("button", { name: "取消" }).click();
    await expect(discard).toBeHidden();
    await page.keyboard.press("Control+s");
    await expect(page).toHaveURL(recordUrl);
    expect(posts).toHaveLength(1);
  });

  test("an optional choice shown as buttons can be cleared again, by mouse and by keyboard", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    const gender = page.getByRole("radiogroup", { name: "性别" });
    const clear = page.getByRole("button", { name: "清除性别的选择" });
    // Nothing to clear yet: the button takes no room in the tab order.
    await expect(clear).toBeHidden();
    await gender.getByText("男", { exact: true }).click();
    await expect(gender.getByRole("radio", { name: "男" })).toBeChecked();
    await clear.click();
    for (const name of ["男", "女"]) await expect(gender.getByRole("radio", { name })).not.toBeChecked();
    await expect(clear).toBeHidden();
    // The focus stays in the group, so the keyboard user is not thrown back to the top.
    await expect(gender.getByRole("radio", { name: "男" })).toBeFocused();

    // Keyboard: choose with the arrows, clear with Delete, or Tab to 清除 and press Enter.
    await page.keyboard.press("ArrowRight");
    await expect(gender.getByRole("radio", { name: "女" })).toBeChecked();
    await page.keyboard.press("Delete");
    for (const name of ["男", "女"]) await expect(gender.getByRole("radio", { name })).not.toBeChecked();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Tab");
    await expect(clear).toBeFocused();
    await page.keyboard.press("Enter");
    for (const name of ["男", "女"]) await expect(gender.getByRole("radio", { name })).not.toBeChecked();

    // A required choice has nothing to clear to.
    await expect(page.getByRole("button", { name: /清除与被保险人关系/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /清除保单状态/ })).toHaveCount(0);
  });
});
