import { createRecord, createUser, deactivateUser, expect, fullRecordData, IDS, pageAs, paths, recordData, test } from "./support/fixtures";

test.describe("roles", () => {
  test("a viewer sees masked values and no actions, cannot open 新建, and the API refuses their writes", async ({ adminApi, browser }) => {
    const record = await createRecord(adminApi, fullRecordData({ name: "只读测试" }));
    const viewer = await createUser(adminApi, "viewer");
    const page = await pageAs(browser, viewer, { ui: true });

    await page.goto(paths.record(record.id));
    // 客户姓名 is personal data (PIPL): a viewer sees it masked, the title too.
    await expect(page.getByRole("heading", { level: 1, name: "只***" })).toBeVisible();
    const main = page.locator("main");
    await expect(main).not.toContainText("只读测试");
    await expect(main).toContainText("1101**********002X");
    await expect(main).toContainText("139****5678");
    await expect(main).toContainText("韩**");
    await expect(main).not.toContainText(IDS.customer);
    for (const name of ["编辑", "删除", "查看"]) await expect(main.getByRole("button", { name, exact: true }).or(main.getByRole("link", { name, exact: true }))).toHaveCount(0);

    // 新建 explains itself instead of showing a form that could never be saved.
    await page.goto(paths.create);
    await expect(main.getByText("你的角色不能新建或编辑记录。")).toBeVisible();
    await expect(page.getByRole("button", { name: "保存" })).toHaveCount(0);
    await page.goto(paths.edit(record.id));
    await expect(main.getByText("你的角色不能新建或编辑记录。")).toBeVisible();

    // The server says no whatever the page shows.
    const api = page.request;
    expect((await api.post(paths.api(), { data: { data: recordData() } })).status()).toBe(403);
    expect((await api.put(paths.api(record.id), { data: { data: record.data, revision: record.revision } })).status()).toBe(403);
    expect((await api.delete(`${paths.api(record.id)}?revision=${record.revision}`)).status()).toBe(403);
    expect((await api.post(`${paths.api(record.id)}/reveal`, { data: { path: "/basic/idNumber" } })).status()).toBe(403);
    const edit = await api.get(`${paths.api(record.id)}?edit=1`);
    expect(edit.status()).toBe(403);
    const read = await (await api.get(paths.api(record.id))).json();
    expect(read.record.data.basic.idNumber).toBe("1101**********002X");
    await page.context().close();
  });

  test("an agent cannot open or delete another agent's record (not in their data scope) but can delete their own", async ({ adminApi, browser }) => {
    const [owner, other] = await Promise.all([createUser(adminApi, "agent"), createUser(adminApi, "agent")]);
    const ownerPage = await pageAs(browser, owner);
    const theirs = await createRecord(ownerPage.request, recordData({ name: "别人的客户" }));
    await ownerPage.context().close();

    const page = await pageAs(browser, other, { ui: true });
    // The customer archive scopes agents to their own customers: another's is as absent as a missing one.
    await page.goto(paths.record(theirs.id));
    await expect(page.getByRole("heading", { name: "记录不存在" })).toBeVisible();
    await expect(page.locator("main")).not.toContainText("别人的客户");
    await expect(page.getByRole("button", { name: "删除" })).toHaveCount(0);
    expect((await page.request.delete(`${paths.api(theirs.id)}?revision=${theirs.revision}`)).status()).toBe(404);
    expect((await page.request.get(paths.api(theirs.id))).status()).toBe(404);
    expect((await (await adminApi.get(paths.api(theirs.id))).json()).record.deletedAt).toBeNull();

    const mine = await createRecord(page.request, recordData({ name: "我的客户" }));
    await page.goto(paths.record(mine.id));
    await page.getByRole("button", { name: "删除" }).click();
    await page.getByRole("dialog", { name: "删除这条记录？" }).getByRole("button", { name: "删除" }).click();
    await expect(page).toHaveURL(paths.list);
    // Agents cannot see the recycle bin: the deleted record is simply gone for them.
    expect((await page.request.get(paths.api(mine.id))).status()).toBe(404);
    await page.context().close();
  });

  test("a deactivated user cannot sign in and is told why", async ({ adminApi, browser }) => {
    const agent = await createUser(adminApi, "agent");
    await deactivateUser(adminApi, agent);
    const page = await browser.newPage();
    await page.goto("/signin");
    await page.getByLabel("邮箱").fill(agent.email);
    await page.getByLabel("密码").fill(agent.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveText("账号已停用，请联系管理员");
    await expect(page).toHaveURL(/\/signin/);
    // The page behind still sends them back to sign in.
    await page.goto(paths.create);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await page.context().close();
  });
});
