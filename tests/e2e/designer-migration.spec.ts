import { expect, recordData, test, unique } from "./support/fixtures";
import { cloneDefault, uniqueKey } from "./support/templates";

test.describe("type migration from the designer", () => {
  test("values that cannot convert must be acknowledged before starting, and the outcome stays on screen", async ({ adminPage: page, adminApi }) => {
    const key = await cloneDefault(adminApi, { name: `编号迁移${unique()}`, key: uniqueKey("kind") });
    for (const [name, customerNo] of [["可转甲", "1024"], ["不可转乙", "C-77"]]) {
      const data = recordData({ name });
      const res = await adminApi.post(`/api/templates/${key}/records`, { data: { data: { ...data, basic: { ...data.basic, customerNo } } } });
      expect(res.status(), await res.text()).toBe(201);
    }
    await page.goto(`/admin/templates/${key}`);
    await page.getByRole("region", { name: "表单结构" }).getByRole("button", { name: /^客户编号/ }).click();
    await page.getByRole("complementary", { name: "属性" }).getByRole("button", { name: "更改字段键/类型…" }).click();
    const dialog = page.getByRole("dialog", { name: "更改字段“客户编号”" });
    await dialog.getByRole("tab", { name: "更改类型" }).click();
    await dialog.getByLabel("新类型").selectOption({ label: "整数" });
    await dialog.getByRole("button", { name: "预览影响" }).click();
    await expect(dialog).toContainText("1 条记录的值无法转换");
    // The preview names the record by its title, 客户姓名: personal data, masked.
    await expect(dialog).toContainText("不***");
    const start = dialog.getByRole("button", { name: "仍然开始迁移" });
    await expect(start).toBeDisabled();
    await dialog.getByLabel(/我知道这 1 条记录会保持原样/).check();
    await start.click();

    // The dialog stays with the result while the designer loads the new version behind it.
    await expect(dialog).toContainText("迁移完成，已发布第 2 版。");
    // The job keeps the record's title as everyone sees it (it outlives the run): masked.
    await expect(dialog).toContainText("无法转换的记录（保持原样）不***");
    await expect(dialog).not.toContainText("不可转乙");
    await expect(page.getByTestId("designer-version")).toHaveText("第 2 版");
    await dialog.getByRole("button", { name: "完成" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("region", { name: "表单结构" }).getByRole("button", { name: /^客户编号/ })).toContainText("整数");
  });
});
