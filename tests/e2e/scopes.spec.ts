import type { APIRequestContext } from "@playwright/test";
import { createRecord, createUser, expect, pageAs, paths, recordData, test, unique, type TestUser } from "./support/fixtures";

/** Puts users in a new team through the administrators' API (the users page's 团队 and 编辑). */
async function team(admin: APIRequestContext, members: TestUser[]) {
  const res = await admin.post("/api/teams", { data: { name: `团队${unique()}` } });
  expect(res.status(), await res.text()).toBe(201);
  const { team } = await res.json();
  for (const m of members) {
    const r = await admin.patch(`/api/users/${m.id}`, { data: { revision: m.revision, teamId: team.id } });
    expect(r.status(), await r.text()).toBe(200);
    m.revision = (await r.json()).user.revision;
  }
  return team.id as string;
}

test.describe("data scopes (issue 11)", () => {
  test("agents see only their own customers, a reviewer their team's, and an administrator's transfer moves a record from agent A to agent B", async ({ adminApi, adminPage, browser }) => {
    const [agentA, agentB, reviewer] = await Promise.all([createUser(adminApi, "agent"), createUser(adminApi, "agent"), createUser(adminApi, "reviewer")]);
    await team(adminApi, [agentA, reviewer]);
    await team(adminApi, [agentB]);
    const marker = `S${unique()}`.toUpperCase();

    const pageA = await pageAs(browser, agentA, { ui: true });
    const pageB = await pageAs(browser, agentB, { ui: true });
    const a = await createRecord(pageA.request, recordData({ name: "甲客户", policyNo: `${marker}-A` }));
    const b = await createRecord(pageB.request, recordData({ name: "乙客户", policyNo: `${marker}-B` }));
    const listed = `${paths.list}?q=${marker}`;
    const table = (page: typeof pageA) => page.locator("main table");

    // Each agent: their own customer, by name in full (the owner needs no 查看), and not the other's.
    await pageA.goto(listed);
    await expect(table(pageA)).toContainText("甲客户");
    await expect(table(pageA)).not.toContainText("乙");
    await pageB.goto(listed);
    await expect(table(pageB)).toContainText("乙客户");
    await expect(table(pageB)).not.toContainText("甲");
    // The other agent's record does not exist for them, in the page and in the API.
    await pageA.goto(paths.record(b.id));
    await expect(pageA.getByRole("heading", { name: "记录不存在" })).toBeVisible();
    expect((await pageA.request.get(paths.api(b.id))).status()).toBe(404);

    // The reviewer of A's team sees A's customer, name masked (not theirs), and not B's.
    const pageR = await pageAs(browser, reviewer, { ui: true });
    await pageR.goto(listed);
    await expect(table(pageR)).toContainText("甲**");
    await expect(table(pageR)).not.toContainText("甲客户");
    await expect(table(pageR)).not.toContainText("乙");

    // The administrator sees both and hands A's record to B: 转移给… on the ticked row.
    await adminPage.goto(listed);
    await expect(table(adminPage).locator("tbody tr")).toHaveCount(2);
    await adminPage.getByRole("checkbox", { name: "选择 甲**" }).check();
    const bar = adminPage.getByTestId("list-selection");
    await expect(bar).toContainText("已选择 1 条记录");
    await bar.getByRole("button", { name: "转移给…" }).click();
    const dialog = adminPage.getByRole("dialog", { name: "转移 1 条记录" });
    await dialog.getByLabel("新负责人").selectOption({ label: `${agentB.name}（业务员 · ${agentB.email}）` });
    await dialog.getByRole("button", { name: "转移", exact: true }).click();
    await expect(adminPage.getByText(`已转移 1 条记录给 ${agentB.name}`)).toBeVisible();
    await expect(dialog).toBeHidden();

    // B now works both customers, and A's list is empty; the record's history says who moved it.
    await pageB.goto(listed);
    await expect(table(pageB)).toContainText("甲客户");
    await expect(table(pageB)).toContainText("乙客户");
    await pageA.goto(listed);
    await expect(pageA.locator("main")).not.toContainText("甲客户");
    expect((await pageA.request.get(paths.api(a.id))).status()).toBe(404);
    await pageB.goto(paths.record(a.id));
    await expect(pageB.getByRole("heading", { level: 1, name: "甲客户" })).toBeVisible();
    await expect(pageB.locator("main")).toContainText(`从 ${agentA.name} 转移给 ${agentB.name}`);

    for (const p of [pageA, pageB, pageR]) await p.context().close();
  });

  test("the users page manages teams: add, rename, assign in 编辑, delete after confirming", async ({ adminApi, adminPage }) => {
    const agent = await createUser(adminApi, "agent");
    const name = `华东${unique().slice(-5)}`;
    await adminPage.goto("/admin/users");
    await adminPage.getByPlaceholder("团队名称").fill(name);
    await adminPage.getByRole("button", { name: "添加团队" }).click();
    const teams = adminPage.getByTestId("teams");
    await expect(teams).toContainText(name);

    await adminPage.getByRole("button", { name: `重命名 ${name}` }).click();
    await teams.getByLabel("团队名称").fill(`${name}一组`);
    await teams.getByRole("button", { name: "保存" }).click();
    await expect(teams).toContainText(`${name}一组`);

    await adminPage.getByRole("button", { name: `编辑 ${agent.name}` }).first().click();
    const edit = adminPage.getByRole("dialog", { name: `编辑用户：${agent.name}` });
    await edit.getByLabel("团队").selectOption({ label: `${name}一组` });
    await edit.getByRole("button", { name: "保存" }).click();
    await expect(edit).toBeHidden();
    await expect(teams.locator("li", { hasText: `${name}一组` })).toContainText("1 人");

    await adminPage.getByRole("button", { name: `删除 ${name}一组` }).click();
    const confirm = adminPage.getByRole("dialog", { name: `删除团队 ${name}一组？` });
    await expect(confirm).toContainText("1 位成员将不再属于任何团队");
    await confirm.getByRole("button", { name: "删除团队" }).click();
    await expect(adminPage.getByText(`已删除团队 ${name}一组`)).toBeVisible();
    await expect(adminPage.getByTestId("teams").or(adminPage.getByText("还没有团队。"))).not.toContainText(`${name}一组`);
    const users = (await (await adminApi.get("/api/users")).json()).users as { id: string; teamId: string | null }[];
    expect(users.find((u) => u.id === agent.id)?.teamId).toBeNull();
  });
});
