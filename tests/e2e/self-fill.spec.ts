import { createUser, expect, fillRequired, formField, IDS, pageAs, paths, sameTeam, test, unique } from "./support/fixtures";

/**
 * 客户自填 as the issue walks it: an agent creates a customer and a self-fill link → the customer,
 * on a phone-sized browser without a session, fills 受益人信息 with two beneficiaries (70 + 30),
 * consents and submits → the agent opens the customer's changes on the record and accepts them →
 * a reviewer (not the agent) verifies the record from 待我核对 → the agent edits 身份证号码 and the
 * record is back in the queue.
 */
test("a customer fills 受益人信息 on a phone through a link; the agent accepts it; a reviewer verifies; an ID edit sends it back", async ({ browser, adminApi }) => {
  const agent = await createUser(adminApi, "agent");
  const reviewer = await createUser(adminApi, "reviewer");
  // The archive scopes reviewers to their team's records.
  await sameTeam(adminApi, agent, reviewer);
  const name = `自填${unique().slice(-5)}`;

  const agentPage = await pageAs(browser, agent);
  await agentPage.goto(paths.create);
  await fillRequired(agentPage, { name, idNumber: IDS.other });
  await agentPage.getByRole("button", { name: "保存" }).click();
  await expect(agentPage).toHaveURL(/\/r\/[a-f0-9]{24}$/);
  const recordId = agentPage.url().split("/r/")[1];

  // The link: the template's default sections are ticked; shown once with a QR code and a copy button.
  const card = agentPage.getByTestId("self-fill-card");
  await card.getByRole("button", { name: "客户自填链接" }).click();
  const dialog = agentPage.getByRole("dialog", { name: "生成客户自填链接" });
  await expect(dialog.getByLabel("受益人信息")).toBeChecked();
  await expect(dialog.getByLabel("客户基础信息")).toBeChecked();
  await expect(dialog.getByLabel("保单信息")).not.toBeChecked();
  await dialog.getByRole("button", { name: "生成链接" }).click();
  await expect(dialog.getByTestId("self-fill-qr").locator("svg")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "复制链接" })).toBeVisible();
  const url = await dialog.getByTestId("self-fill-url").inputValue();
  expect(url).toMatch(/\/f\/[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "关闭" }).click();
  await expect(card.getByTestId("self-fill-links")).toContainText("未打开");

  // The customer, on a phone, signed in nowhere.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const customer = await phone.newPage();
  await customer.goto(url);
  await expect(customer).toHaveURL(url);
  await expect(customer.getByRole("heading", { name: "客户信息填写" })).toBeVisible();
  expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Only the offered sections; personal data on file only as a masked hint.
  await expect(customer.locator("#section-policy")).toHaveCount(0);
  // (客户姓名 is personal data too: a hint, kept when left blank.)
  await expect(formField(customer, "basic.name")).toHaveValue("");
  await expect(formField(customer, "basic.name")).toHaveAttribute("placeholder", /^自\*+$/);
  expect(await customer.content()).not.toContain(name);
  await expect(formField(customer, "basic.idNumber")).toHaveValue("");
  await expect(formField(customer, "basic.idNumber")).toHaveAttribute("placeholder", /^3101\*+0027$/);
  expect(await customer.content()).not.toContain(IDS.other);

  const beneficiary = customer.locator("#section-beneficiary");
  await beneficiary.getByText("否（指定受益人）").click();
  await beneficiary.getByRole("button", { name: "添加一行" }).click();
  await formField(customer, "beneficiary.list.0.name").fill("欧阳克");
  await formField(customer, "beneficiary.list.0.idNumber").fill(IDS.child);
  await formField(customer, "beneficiary.list.0.share").fill("70");
  await formField(customer, "beneficiary.list.1.name").fill("欧阳夫人");
  await formField(customer, "beneficiary.list.1.idNumber").fill(IDS.spouse);
  await formField(customer, "beneficiary.list.1.share").fill("30");
  expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Consent first (PIPL).
  await customer.getByRole("button", { name: "提交" }).click();
  await expect(customer.getByRole("alert").filter({ hasText: "请先勾选同意个人信息处理说明" })).toBeVisible();
  await customer.getByLabel(/我已阅读并同意/).check();
  await customer.getByRole("button", { name: "提交" }).click();
  await expect(customer.getByTestId("self-fill-done")).toContainText("提交成功");
  // Used once: the link now opens the same page as a made-up one, in either language.
  await customer.goto(url);
  await expect(customer.getByRole("heading", { name: "链接不可用" })).toBeVisible();
  await customer.goto(`/f/${"x".repeat(43)}`);
  await expect(customer.getByRole("heading", { name: "链接不可用" })).toBeVisible();
  await customer.getByRole("button", { name: "English" }).click();
  await expect(customer.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await phone.close();

  // Nothing changed on the record yet: the agent sees the customer's changes and accepts them.
  await agentPage.reload();
  await expect(agentPage.locator("#section-beneficiary")).not.toContainText("70%");
  const proposal = agentPage.getByTestId("self-fill-proposal");
  await expect(proposal).toContainText("指定受益人 第 2 行");
  await expect(proposal).not.toContainText(IDS.child);
  await expect(card.getByTestId("self-fill-links")).toContainText("已提交");
  // The proposed ID number is masked; the agent sees it in full through the audited 查看 before accepting.
  const proposedId = proposal.locator('tr[data-path="/beneficiary/list/0/idNumber"]');
  await expect(proposedId).not.toContainText(IDS.child);
  await proposedId.getByRole("button", { name: "查看" }).click();
  await expect(proposedId).toContainText(IDS.child);
  await proposal.getByRole("button", { name: "全部采纳" }).click();
  await expect(proposal).toHaveCount(0);
  await expect(agentPage.locator("#section-beneficiary")).toContainText("70%");
  await expect(agentPage.locator("#section-beneficiary")).toContainText("30%");
  // The reveal of the proposed ID is listed with the record's reveals.
  await agentPage.locator("#section-reveals summary").click();
  await expect(agentPage.locator("#section-reveals")).toContainText("第 1 行");

  // A reviewer (not the agent) verifies it from 待我核对.
  const reviewerPage = await pageAs(browser, reviewer);
  await reviewerPage.goto(`/verification?enteredBy=${agent.id}`);
  const rows = reviewerPage.getByTestId("queue-row");
  await expect(rows).toHaveCount(1);
  // The reviewer does not own the record: its title (客户姓名, personal data) is masked.
  await expect(rows.first()).toContainText(/自\*+/);
  await expect(rows.first()).not.toContainText(name);
  await rows.first().locator("td").nth(2).click();
  await reviewerPage.keyboard.press("v");
  await expect(reviewerPage.getByText("没有等待你核对的记录")).toBeVisible();

  // The agent changes 身份证号码: the record waits for 核对 again.
  await agentPage.goto(paths.edit(recordId));
  await formField(agentPage, "basic.idNumber").fill(IDS.spouse);
  await agentPage.getByRole("button", { name: "保存" }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/r/${recordId}$`));
  await expect(agentPage.getByTestId("verification-card")).toContainText("待核对");
  await reviewerPage.goto(`/verification?enteredBy=${agent.id}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("修改");

  // 我的自填链接 lists the link with its state; the history shows the customer's submission.
  await agentPage.goto("/self-fill");
  await expect(agentPage.getByTestId("self-fill-links")).toContainText("已提交");
  await agentPage.goto(paths.record(recordId));
  await expect(agentPage.locator("#section-history")).toContainText("客户自填提交");
});

test("an agent revokes a link after confirming; the customer then gets the not-available page", async ({ browser, adminApi }) => {
  const agent = await createUser(adminApi, "agent");
  const agentPage = await pageAs(browser, agent);
  await agentPage.goto("/self-fill");
  await expect(agentPage.getByText("还没有自填链接")).toBeVisible();
  await agentPage.getByRole("button", { name: "新客户自填链接" }).click();
  const dialog = agentPage.getByRole("dialog", { name: "生成客户自填链接" });
  await dialog.getByRole("button", { name: "生成链接" }).click();
  const url = await dialog.getByTestId("self-fill-url").inputValue();
  await dialog.getByRole("button", { name: "关闭" }).click();
  const links = agentPage.getByTestId("self-fill-links");
  await expect(links).toContainText("新客户");
  await expect(links).toContainText("未打开");

  const customer = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await customer.goto(url);
  await expect(customer.getByRole("heading", { name: "客户信息填写" })).toBeVisible();
  await agentPage.reload();
  await expect(links).toContainText("已打开");

  await links.getByRole("button", { name: "撤销" }).click();
  const confirm = agentPage.getByRole("dialog", { name: "撤销自填链接" });
  await confirm.getByRole("button", { name: "撤销" }).click();
  await expect(links).toContainText("已撤销");
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "链接不可用" })).toBeVisible();
});
