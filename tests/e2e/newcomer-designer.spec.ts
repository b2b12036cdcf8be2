import { expect, test, unique } from "./support/fixtures";
import { cloneDefault, openRowMenu, rowAction, uniqueKey } from "./support/templates";

// Issue 13 items 8 and 10: guard rails in the designer. Each check failed on the main of that day.

test.describe("designer guard rails", () => {
  test("removing 客户基础信息 asks first, says what depends on it, and the checks flag the missing title; 恢复 puts the columns back", async ({ adminPage: page, adminApi }) => {
    const key = await cloneDefault(adminApi, { name: `护栏${unique()}`, key: uniqueKey("guard") });
    const columnsBefore = (await (await adminApi.get(`/api/templates/${key}/draft`)).json()).model.list.columns as string[];
    await page.goto(`/admin/templates/${key}`);
    const canvas = page.getByRole("region", { name: "表单结构" });
    await expect(page.getByText("没有问题")).toBeVisible();

    await canvas.getByRole("button", { name: "移除：客户基础信息" }).click();
    const dialog = page.getByRole("dialog", { name: "移除“客户基础信息”？" });
    await expect(dialog).toBeVisible();
    const deps = dialog.getByTestId("remove-dependents");
    await expect(deps).toContainText("记录标题");
    await expect(deps).toContainText("客户基础信息 › 客户姓名");
    await expect(deps).toContainText("列表列");
    // Cancel changes nothing.
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect(dialog).toBeHidden();
    await expect(canvas.getByRole("button", { name: "移除：客户基础信息" })).toBeVisible();

    await canvas.getByRole("button", { name: "移除：客户基础信息" }).click();
    await dialog.getByRole("button", { name: "仍然移除" }).click();
    await expect(canvas.getByRole("button", { name: "恢复：客户基础信息" })).toBeVisible();
    // Not "没有问题": publishing would leave every record without a name.
    await expect(page.getByRole("button", { name: "发布前待完成 1 项" })).toBeVisible();
    await expect(canvas.getByText("记录标题字段“客户姓名”已被移除")).toBeVisible();
    await page.getByRole("button", { name: "发布…" }).click();
    const publish = page.getByRole("dialog", { name: "发布新版本" });
    await expect(publish.getByRole("button", { name: /发布第 \d+ 版/ })).toBeDisabled();
    await publish.getByRole("button", { name: /记录标题字段/ }).click();

    // Shown again, its fields return to the list columns they had.
    await canvas.getByRole("button", { name: "恢复：客户基础信息" }).click();
    await expect(page.getByText("没有问题")).toBeVisible();
    await expect(page.getByTestId("designer-status")).toContainText("草稿已保存");
    const columnsAfter = (await (await adminApi.get(`/api/templates/${key}/draft`)).json()).model.list.columns;
    expect(columnsAfter).toEqual(columnsBefore);
  });

  test("a field nothing depends on is removed at once; a new list column goes before 更新时间", async ({ adminPage: page, adminApi }) => {
    const key = await cloneDefault(adminApi, { name: `护栏${unique()}`, key: uniqueKey("guard") });
    await page.goto(`/admin/templates/${key}`);
    const canvas = page.getByRole("region", { name: "表单结构" });
    const remarks = canvas.locator("[data-path='notes.remarks']").locator("xpath=..");
    await remarks.getByRole("button", { name: "移除：备注", exact: true }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(remarks.getByRole("button", { name: "恢复：备注", exact: true })).toBeVisible();

    await canvas.locator("[data-path='policy.productName']").click();
    await page.getByRole("complementary", { name: "属性" }).getByLabel("在列表中显示").check();
    await expect(page.getByTestId("designer-status")).toContainText("草稿已保存");
    const columns = (await (await adminApi.get(`/api/templates/${key}/draft`)).json()).model.list.columns as string[];
    // Before the record-property columns that end the list (核对状态, 更新时间).
    expect(columns.slice(-3)).toEqual(["policy.productName", "@verification", "@updatedAt"]);
  });

  test("a new field labelled like health data is proposed as personal data, accepted with one click", async ({ adminPage: page, adminApi }) => {
    const key = await cloneDefault(adminApi, { name: `敏感${unique()}`, key: uniqueKey("pii") });
    await page.goto(`/admin/templates/${key}`);
    const canvas = page.getByRole("region", { name: "表单结构" });
    await canvas.locator("[data-path='notes.remarks']").click();
    await page.getByRole("button", { name: "多行文本", exact: true }).click();
    await expect(page.locator("#designer-prop-label")).toBeFocused();
    await page.keyboard.type("既往病史");
    const props = page.getByRole("complementary", { name: "属性" });
    const proposal = props.getByTestId("pii-suggestion");
    await expect(proposal).toContainText("“既往病史”含“病史”");
    await expect(proposal).toContainText("敏感个人信息");
    await props.getByRole("button", { name: "标记为个人信息" }).click();
    await expect(proposal).toHaveCount(0);
    await expect(props.getByLabel("遮蔽方式")).toHaveValue("text");
    // An ordinary field gets no proposal.
    await page.getByRole("button", { name: "单行文本", exact: true }).click();
    await page.keyboard.type("推荐渠道");
    await expect(props.getByTestId("pii-suggestion")).toHaveCount(0);
  });

  test("the templates page: the last row's ⋯ menu is not cut off; a clone gets a short key and its copied description is flagged", async ({ adminPage: page }) => {
    await page.goto("/admin/templates");
    // The last row stands for a list of one: its menu opens below the table's scrolling box.
    const last = page.locator("tr[data-template]").last();
    const menu = await openRowMenu(page, last);
    for (const item of await menu.getByRole("button").all()) {
      const hit = await item.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return at === el || el.contains(at);
      });
      expect(hit, await item.innerText()).toBe(true);
    }
    await page.keyboard.press("Escape");

    await rowAction(page, "customer-archive", "克隆…");
    const dialog = page.getByRole("dialog", { name: "克隆“保险客户档案管理表”" });
    await dialog.getByLabel("名称").fill("健康险客户档案");
    await expect(dialog.getByRole("textbox", { name: "键", exact: true })).toHaveValue(/^jkxkhda(-\d+)?$/);
    await expect(dialog.getByTestId("description-note")).toContainText("说明复制自“保险客户档案管理表”");
    await dialog.getByLabel("说明").fill("健康险客户的档案");
    await expect(dialog.getByTestId("description-note")).toHaveCount(0);
  });
});
