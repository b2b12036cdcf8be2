import { expect, IDS, recordData, recordForEdit, test, unique, uiSignIn, ADMIN, TEMPLATE } from "./support/fixtures";

test.describe("record form", () => {
  test("a bad 身份证号码 shows a Chinese error next to the field and keeps what was typed", async ({ page }) => {
    await uiSignIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`/t/${TEMPLATE}/new`);
    const name = page.getByLabel("客户姓名");
    const id = page.getByLabel("身份证号码");
    await name.fill("赵敏");
    await id.fill("110105194912310021");
    await name.focus();
    const error = page.locator("[id='root.basic.idNumber__error']");
    await expect(error).toHaveText("身份证号码不正确：校验位不符，请核对号码");
    await expect(id).toHaveAttribute("aria-invalid", "true");
    // A save attempt is refused in the browser, and nothing typed is lost.
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("身份证号码不正确：校验位不符");
    await expect(page).toHaveURL(new RegExp(`/t/${TEMPLATE}/new$`));
    await expect(id).toHaveValue("110105194912310021");
    await expect(name).toHaveValue("赵敏");
    // Fixing it clears the message and derives birth date and gender from the number.
    await id.fill(IDS.customer.toLowerCase());
    await name.focus();
    await expect(error).toHaveCount(0);
    await expect(id).toHaveValue(IDS.customer);
    await expect(page.getByLabel("出生日期")).toHaveValue("1949-12-31");
  });

  test("the server's own validation answers too: a duplicate 保单号 is reported on the field", async ({ adminPage: page, adminApi }) => {
    const policyNo = `0${unique()}`;
    const res = await adminApi.post(`/api/templates/${TEMPLATE}/records`, { data: { data: recordData({ policyNo }) } });
    expect(res.status()).toBe(201);
    await page.goto(`/t/${TEMPLATE}/new`);
    await page.getByLabel("客户姓名").fill("周芷若");
    await page.getByLabel("身份证号码").fill(IDS.spouse);
    await page.getByLabel("保单号").fill(policyNo);
    await page.getByLabel("保险类型").selectOption("车险");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.locator("[id='root.policy.policyNo__error']")).toContainText("已被另一条记录使用");
    await expect(page.getByLabel("客户姓名")).toHaveValue("周芷若");
  });

  test("a stale edit gets a conflict dialog, never a silent overwrite", async ({ adminPage: page, adminApi, browser }) => {
    const res = await adminApi.post(`/api/templates/${TEMPLATE}/records`, { data: { data: recordData({ name: "冲突测试" }) } });
    const { record } = await res.json();
    await page.goto(`/t/${TEMPLATE}/r/${record.id}/edit`);
    await expect(page.getByLabel("客户姓名")).toHaveValue("冲突测试");
    // Someone else saves first.
    const theirs = await recordForEdit(adminApi, record.id);
    const other = await adminApi.put(`/api/templates/${TEMPLATE}/records/${record.id}`, {
      data: { data: { ...theirs.data, policy: { ...theirs.data.policy, premium: 6000 } }, revision: theirs.revision },
    });
    expect(other.status()).toBe(200);
    await page.getByLabel("客户姓名").fill("冲突测试-我的修改");
    await page.getByRole("button", { name: "保存" }).click();
    const dialog = page.getByRole("dialog", { name: "保存冲突" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("保费");
    await expect(page.getByLabel("客户姓名")).toHaveValue("冲突测试-我的修改");
    const stored = await (await adminApi.get(`/api/templates/${TEMPLATE}/records/${record.id}?edit=1`)).json();
    expect(stored.record.data.basic.name).toBe("冲突测试");
    // Overwriting is an explicit choice.
    await dialog.getByRole("button", { name: "用我的修改覆盖" }).click();
    await expect(page).toHaveURL(new RegExp(`/r/${record.id}$`));
    const after = await (await adminApi.get(`/api/templates/${TEMPLATE}/records/${record.id}?edit=1`)).json();
    expect(after.record.data.basic.name).toBe("冲突测试-我的修改");
    expect(after.record.revision).toBe(3);
    void browser;
  });
});
