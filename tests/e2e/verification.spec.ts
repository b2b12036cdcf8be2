import { createUser, expect, fillRequired, formField, IDS, pageAs, paths, sameTeam, test, unique } from "./support/fixtures";

/**
 * 双重验证 as two people do it: an agent enters a customer → a reviewer verifies it from 待我核对
 * with the keyboard → the agent changes 身份证号码 (a critical field) → the record is back in the
 * reviewer's queue as a change, with the field marked critical → the reviewer returns it with a
 * reason from the queue → the agent finds it under 退回给我 with the reason.
 */
test("an agent's new customer is verified from 待我核对, and an ID change sends it back", async ({ browser, adminApi }) => {
  const agent = await createUser(adminApi, "agent");
  const reviewer = await createUser(adminApi, "reviewer");
  // The archive scopes reviewers to their team's records: the reviewer checks this agent's team.
  await sameTeam(adminApi, agent, reviewer);
  const name = `核对${unique().slice(-5)}`;
  // 客户姓名 is personal data: the reviewer (not its owner) sees it masked, the agent in full.
  const masked = `核${"*".repeat(Array.from(name).length - 1)}`;

  // The agent creates the customer through the form.
  const agentPage = await pageAs(browser, agent);
  await agentPage.goto(paths.create);
  await fillRequired(agentPage, { name, idNumber: IDS.other });
  await agentPage.getByRole("button", { name: "保存" }).click();
  await expect(agentPage).toHaveURL(/\/r\/[a-f0-9]{24}$/);
  const recordId = agentPage.url().split("/r/")[1];
  const card = agentPage.getByTestId("verification-card");
  await expect(card).toContainText("待核对");
  // The author is not offered 核对通过 (and the service would refuse it).
  await expect(card.getByRole("button", { name: "核对通过" })).toHaveCount(0);

  // The reviewer finds it in 待我核对 (sidebar with a count), narrowed to this agent's entries.
  const reviewerPage = await pageAs(browser, reviewer);
  await reviewerPage.goto("/");
  const nav = reviewerPage.getByRole("link", { name: /待我核对/ });
  await expect(nav.getByTestId("nav-count")).toBeVisible();
  await nav.click();
  await expect(reviewerPage).toHaveURL(/\/verification/);
  await reviewerPage.getByTestId("queue-entered-by").selectOption({ label: agent.name });
  await expect(reviewerPage).toHaveURL(new RegExp(`enteredBy=${agent.id}`));
  const rows = reviewerPage.getByTestId("queue-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(masked);
  await expect(rows.first()).toContainText("新记录");
  // Verify with the keyboard: the first row is active, V verifies it.
  await rows.first().locator("td").nth(2).click();
  await reviewerPage.keyboard.press("v");
  await expect(reviewerPage.getByText("没有等待你核对的记录")).toBeVisible();

  await reviewerPage.goto(paths.record(recordId));
  const verified = reviewerPage.getByTestId("verification-card");
  await expect(verified).toContainText("已核对");
  await expect(verified).toContainText(reviewer.name);
  await expect(reviewerPage.getByText("核对了第 1 版")).toBeVisible();

  // The agent changes 身份证号码: a critical field, so the record waits again.
  await agentPage.goto(paths.edit(recordId));
  await formField(agentPage, "basic.idNumber").fill(IDS.spouse);
  await agentPage.getByRole("button", { name: "保存" }).click();
  await expect(agentPage).toHaveURL(new RegExp(`/r/${recordId}$`));
  await expect(agentPage.getByTestId("verification-card")).toContainText("待核对");

  await reviewerPage.goto(`/verification?enteredBy=${agent.id}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("修改");
  await rows.first().getByRole("link", { name: masked }).click();
  const review = reviewerPage.getByTestId("verification-changes");
  const idChange = review.locator("li").filter({ hasText: "身份证号码" });
  await expect(idChange).toContainText("关键");
  // Masked until revealed; the full number is not on the page.
  await expect(reviewerPage.locator("main")).not.toContainText(IDS.spouse);

  // Returned from the queue with the keyboard (R, a reason): the agent finds it under 退回给我.
  await reviewerPage.goto(`/verification?enteredBy=${agent.id}`);
  await rows.first().locator("td").nth(2).click();
  await reviewerPage.keyboard.press("r");
  const dialog = reviewerPage.getByRole("dialog", { name: "退回这条记录？" });
  await dialog.getByLabel("退回原因").fill("身份证号码与影印件不符");
  await dialog.getByRole("button", { name: "退回" }).click();
  await expect(reviewerPage.getByText("没有等待你核对的记录")).toBeVisible();

  await agentPage.goto("/");
  await agentPage.getByRole("link", { name: /退回给我/ }).click();
  const returned = agentPage.getByTestId("returned-list");
  await expect(returned).toContainText(name);
  await expect(returned).toContainText("身份证号码与影印件不符");
  await returned.getByRole("link", { name }).click();
  await expect(agentPage.getByTestId("verification-card")).toContainText("身份证号码与影印件不符");
});
