import { expect, IDS, recordData, test, TEMPLATE, ADMIN, uiSignIn, unique } from "./support/fixtures";

/**
 * The foundation journey: sign in as admin → create a record with two beneficiaries and a payment
 * → see it in the list → filter by 保险类型 and a date range → open it → edit it → the history
 * shows the change.
 */
test("admin creates, finds, filters, opens and edits a customer file", async ({ page }) => {
  const policyNo = `00${unique()}`;
  await uiSignIn(page, ADMIN.email, ADMIN.password);
  // Decoys that the filters must leave out: right type / wrong date, right date / wrong type.
  for (const decoy of [
    { insuranceType: "健康险", startDate: "2023-03-01", name: "干扰甲" },
    { insuranceType: "人寿险", startDate: "2022-06-20", name: "干扰乙" },
  ]) {
    const res = await page.request.post(`/api/templates/${TEMPLATE}/records`, { data: { data: recordData(decoy) } });
    expect(res.status()).toBe(201);
  }

  await page.goto(`/t/${TEMPLATE}`);
  await page.getByRole("link", { name: "新建" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${TEMPLATE}/new$`));
  await page.getByLabel("客户姓名").fill("欧阳锋");
  await page.getByLabel("身份证号码").fill(IDS.customer);
  await page.getByLabel("手机号码").fill("13712345678");
  await page.getByLabel("保单号").fill(policyNo);
  await page.getByLabel("保险类型").selectOption("健康险");
  await page.getByLabel("保险金额").fill("50万");
  await page.getByLabel("保险起始日期").fill("2022-06-15");
  await page.getByLabel("保险到期日期").fill("2032-06-14");

  await page.getByText("否（指定受益人）").click();
  const beneficiaries = page.getByRole("table", { name: "指定受益人" });
  await expect(beneficiaries.getByRole("row")).toHaveCount(2); // header + the first, empty row
  await page.locator("#section-beneficiary").getByRole("button", { name: "添加一行" }).click();
  await page.locator("[id='root.beneficiary.list.0.name']").fill("欧阳克");
  await page.locator("[id='root.beneficiary.list.0.idNumber']").fill(IDS.child);
  await page.locator("[id='root.beneficiary.list.0.share']").fill("70");
  await page.locator("[id='root.beneficiary.list.1.name']").fill("欧阳夫人");
  await page.locator("[id='root.beneficiary.list.1.idNumber']").fill(IDS.spouse);
  await page.locator("[id='root.beneficiary.list.1.share']").fill("30");

  await page.locator("#section-payments").getByRole("button", { name: "添加一行" }).click();
  await page.locator("[id='root.payments.0.date']").fill("2022-06-15");
  await page.locator("[id='root.payments.0.amount']").fill("3,600");
  await page.locator("[id='root.payments.0.status']").selectOption("已缴费");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/r\/[a-f0-9]{24}$/);
  const recordUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("欧阳锋");

  // The list shows it, with the ID number masked.
  await page.goto(`/t/${TEMPLATE}`);
  const row = page.getByRole("row").filter({ hasText: policyNo });
  await expect(row).toContainText("欧阳锋");
  await expect(row).toContainText("1101**********002X");

  // Filter by 保险类型 and by a date range; both decoys drop out.
  await page.getByRole("button", { name: /保险类型/ }).first().click();
  await page.getByRole("checkbox", { name: "健康险" }).check();
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(/f\.policy\.insuranceType\.in=/);
  await expect(page.getByRole("row").filter({ hasText: "干扰乙" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "干扰甲" })).toHaveCount(1);
  await page.getByRole("button", { name: /保险起始日期/ }).first().click();
  await page.getByLabel("从", { exact: true }).fill("2022-06-01");
  await page.getByLabel("到", { exact: true }).fill("2022-06-30");
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page).toHaveURL(/f\.policy\.startDate\.gte=2022-06-01/);
  await expect(page.getByRole("row").filter({ hasText: "干扰甲" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: policyNo })).toHaveCount(1);

  // The filters live in the URL: Back undoes the date range.
  await page.goBack();
  await expect(page).not.toHaveURL(/startDate/);
  await expect(page.getByRole("row").filter({ hasText: "干扰甲" })).toHaveCount(1);
  await page.goForward();
  await expect(page.getByRole("row").filter({ hasText: "干扰甲" })).toHaveCount(0);

  // Open it, edit it, and the history names the change.
  await page.getByRole("row").filter({ hasText: policyNo }).getByRole("link").first().click();
  await expect(page).toHaveURL(recordUrl);
  await page.getByRole("link", { name: "编辑" }).click();
  await expect(page.getByLabel("保费")).toHaveValue("");
  await page.getByLabel("保费").fill("8800");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(recordUrl);
  const history = page.locator("#section-history");
  await expect(page.getByRole("heading", { name: "修改历史" })).toBeVisible();
  await expect(history.getByText(/保费/).first()).toBeVisible();
  await expect(history).toContainText("¥8,800.00");
});
