import { expect, test, unique } from "./support/fixtures";
import { cloneDefault, uniqueKey } from "./support/templates";

test.describe("a table's row key in the designer", () => {
  test("the admin ticks the columns that identify a 缴费记录 row on import; the draft keeps them as x-rowKey", async ({ adminPage: page, adminApi }) => {
    const key = await cloneDefault(adminApi, { name: `行键${unique()}`, key: uniqueKey("rowkey") });
    await page.goto(`/admin/templates/${key}`);
    const canvas = page.getByRole("region", { name: "表单结构" });
    const props = page.getByRole("complementary", { name: "属性" });
    const draftKey = async () => {
      const res = await adminApi.get(`/api/templates/${key}/draft`);
      return res.status() === 200 ? ((await res.json()).content?.schema.properties.payments["x-rowKey"] ?? null) : "none";
    };

    await canvas.getByRole("button", { name: /^缴费记录/ }).first().click();
    const rowKey = props.getByRole("group", { name: "行键（识别同一行的列）" });
    // The shipped archive identifies a payment by its date.
    await expect(rowKey.getByLabel("缴费日期")).toBeChecked();
    await expect(rowKey.getByLabel("缴费状态")).not.toBeChecked();
    await expect(rowKey.getByText(/再次导入时，这几列都相同的行更新已有的行/)).toBeVisible();

    await rowKey.getByLabel("缴费方式").check();
    await expect(page.getByTestId("designer-status")).toContainText("草稿已保存");
    await expect.poll(draftKey).toEqual(["date", "method"]);

    // None ticked: rows are matched whole again, and the keyword is gone.
    await rowKey.getByLabel("缴费日期").uncheck();
    await rowKey.getByLabel("缴费方式").uncheck();
    await expect.poll(draftKey).toBeNull();
  });
});
