import { expect, paths, test, unique, uiSignIn } from "./support/fixtures";

test.describe("users admin", () => {
  test("add a user (weak password first), they sign in, change their role, deactivate them", async ({ adminPage: page, browser }) => {
    const email = `colleague-${unique()}@e2e.local`;
    const name = `同事${unique().slice(-5)}`;
    // Times render in the browser's zone without a hydration mismatch (React error #418).
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "用户管理" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "admin@e2e.local" })).toBeVisible();
    expect(errors).toEqual([]);

    await page.getByRole("button", { name: "添加用户" }).first().click();
    const dialog = page.getByRole("dialog", { name: "添加用户" });
    await dialog.getByLabel("邮箱").fill(email);
    await dialog.getByLabel("姓名").fill(name);
    await dialog.getByLabel("角色").selectOption({ label: "业务员" });
    const password = dialog.getByLabel("初始密码");
    await password.fill("abc123");
    await dialog.getByRole("button", { name: "添加", exact: true }).click();
    // The problem is named next to the field and announced with it; nothing is created.
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription("密码至少 8 位");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("邮箱")).toHaveValue(email);

    await password.fill("Welcome2024");
    await expect(password).not.toHaveAttribute("aria-invalid", "true");
    await dialog.getByRole("button", { name: "添加", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("status").filter({ hasText: `已添加用户 ${name}` })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("业务员");
    await expect(row).toContainText("启用");

    // The new colleague can sign in with what the administrator gave them.
    const theirs = await browser.newPage();
    await uiSignIn(theirs, email, "Welcome2024");
    await theirs.goto(paths.create);
    await expect(theirs.getByRole("banner")).toContainText(name);
    await expect(theirs.getByRole("banner")).toContainText("业务员");

    await row.getByRole("button", { name: `编辑 ${name}` }).click();
    let edit = page.getByRole("dialog", { name: `编辑用户：${name}` });
    await edit.getByLabel("角色").selectOption({ label: "审核员" });
    await edit.getByRole("button", { name: "保存" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("审核员");

    await row.getByRole("button", { name: `编辑 ${name}` }).click();
    edit = page.getByRole("dialog", { name: `编辑用户：${name}` });
    const active = edit.getByRole("switch", { name: "账号启用" });
    await expect(active).toHaveAttribute("aria-checked", "true");
    await active.click();
    await edit.getByRole("button", { name: "保存" }).click();
    const confirm = page.getByRole("dialog", { name: `停用 ${name}？` });
    await expect(confirm).toContainText("将无法登录");
    await confirm.getByRole("button", { name: "停用并保存" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("停用");
    await expect(row).toContainText("审核员");

    // Deactivation takes effect at once, even for a session that is already open.
    await theirs.reload();
    await expect(theirs).toHaveURL(/\/signin/);
    await theirs.context().close();
  });
});
