import { expect, test, unique } from "./support/fixtures";
import { cloneDefault, uniqueKey } from "./support/templates";

test.describe("a blank template in the designer", () => {
  test("says what publishing still needs, leads there from the publish dialog, and names records by the first text field", async ({ adminPage: page, adminApi }) => {
    const key = uniqueKey("blank");
    const name = `回访记录${unique()}`;
    const res = await adminApi.post("/api/templates", { data: { mode: "blank", name, key } });
    expect(res.status(), await res.text()).toBe(201);
    await page.goto(`/admin/templates/${key}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

    // Not "没有问题": the one thing publishing refuses is listed, in the header and above the canvas.
    const todo = page.getByRole("button", { name: "发布前待完成 1 项" });
    await expect(todo).toBeVisible();
    const canvas = page.getByRole("region", { name: "表单结构" });
    await expect(canvas.getByText("模板还没有任何字段，请先添加字段再发布")).toBeVisible();
    await expect(page.getByTestId("designer-status")).toContainText("草稿已保存");

    // The publish dialog gives the same reason and takes the admin to its place.
    await page.getByRole("button", { name: "发布…" }).click();
    const dialog = page.getByRole("dialog", { name: "发布新版本" });
    await expect(dialog.getByRole("button", { name: "发布第 1 版" })).toBeDisabled();
    await dialog.getByRole("button", { name: /模板还没有任何字段/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator("#designer-template-problems")).toBeFocused();

    // A first field settles it; it becomes the record title, shown in the template settings.
    // The new field's label is selected: typing replaces "单行文本" (keyboard users type straight away).
    await page.getByRole("button", { name: "单行文本", exact: true }).click();
    await expect(page.locator("#designer-prop-label")).toBeFocused();
    await page.keyboard.type("客户姓名");
    await expect(page.locator("#designer-prop-label")).toHaveValue("客户姓名");
    await expect(page.getByText("没有问题")).toBeVisible();
    await expect(canvas.getByText("模板还没有任何字段")).toHaveCount(0);
    await expect(canvas.getByText("新字段")).toHaveCount(0);
    const props = page.getByRole("complementary", { name: "属性" });
    await props.getByRole("button", { name: "← 模板设置" }).click();
    await expect(props.getByLabel("记录标题")).toHaveValue("fenzu.kehuxingming");
    await expect(page.getByTestId("designer-status")).toContainText("草稿已保存");

    await page.getByRole("button", { name: "发布…" }).click();
    await expect(dialog).toContainText("已有 0 条记录全部符合新版本。");
    await dialog.getByRole("button", { name: "发布第 1 版" }).click();
    await expect(page.getByTestId("designer-version")).toHaveText("第 1 版");

    const rec = await adminApi.post(`/api/templates/${key}/records`, { data: { data: { fenzu: { kehuxingming: "周回访" } } } });
    expect(rec.status(), await rec.text()).toBe(201);
    await page.goto(`/t/${key}/r/${(await rec.json()).record.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("周回访");
  });
});

test.describe("reordering in the designer", () => {
  test("moves fields with Alt+arrows, with the drag handle from the keyboard, and with the mouse; the draft keeps the order", async ({ adminPage: page, adminApi }) => {
    const key = await cloneDefault(adminApi, { name: `排序${unique()}`, key: uniqueKey("order") });
    await page.goto(`/admin/templates/${key}`);
    const canvas = page.getByRole("region", { name: "表单结构" });
    const order = async () => (await canvas.locator("[data-path^='basic.']").evaluateAll((els) => els.map((e) => e.getAttribute("data-path")!.slice(6))));
    await expect.poll(order).toEqual(["customerNo", "name", "idNumber", "gender", "birthDate", "mobile", "email", "address"]);

    await canvas.locator("[data-path='basic.customerNo']").focus();
    await page.keyboard.press("Alt+ArrowDown");
    await expect.poll(order).toEqual(["name", "customerNo", "idNumber", "gender", "birthDate", "mobile", "email", "address"]);

    // The drag handle: Space picks up, arrows move, Space drops.
    await canvas.getByRole("button", { name: "拖动“性别”" }).focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Space");
    await expect.poll(order).toEqual(["name", "gender", "customerNo", "idNumber", "birthDate", "mobile", "email", "address"]);

    // The mouse: 电子邮箱 dragged above 客户姓名.
    const handle = await canvas.getByRole("button", { name: "拖动“电子邮箱”" }).boundingBox();
    const first = await canvas.locator("[data-path='basic.name']").boundingBox();
    await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle!.x + 10, handle!.y - 20, { steps: 4 });
    await page.mouse.move(first!.x + 40, first!.y + 3, { steps: 12 });
    await page.mouse.up();
    await expect.poll(order).toEqual(["email", "name", "gender", "customerNo", "idNumber", "birthDate", "mobile", "address"]);

    await expect(page.getByTestId("designer-status")).toContainText("草稿已保存");
    const draft = await (await adminApi.get(`/api/templates/${key}/draft`)).json();
    expect(draft.content.uiSchema.basic["ui:order"]).toEqual(["email", "name", "gender", "customerNo", "idNumber", "birthDate", "mobile", "address"]);
  });
});
