import { ADMIN, expect, paths, test } from "./support/fixtures";

test.describe("sign-in and language", () => {
  test("an anonymous visit goes to sign-in and comes back to the page asked for", async ({ page }) => {
    await page.goto(paths.list);
    await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(paths.list)}`);
    await page.getByLabel("邮箱").fill(ADMIN.email);
    await page.getByLabel("密码").fill(ADMIN.password);
    await page.getByRole("button", { name: "登录" }).click();
    // Only the address is asserted: the list page itself is tested where it is built.
    await expect(page).toHaveURL(paths.list);
    // Signed in, the sign-in page sends you on instead of asking again.
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(paths.create)}`);
    await expect(page).toHaveURL(paths.create);
  });

  test("a wrong password is refused with a message and the email kept", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("邮箱").fill(ADMIN.email);
    await page.getByLabel("密码").fill("not-the-password1");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveText("邮箱或密码不正确");
    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.getByLabel("邮箱")).toHaveValue(ADMIN.email);
    // An off-site callbackUrl is never followed, even spelled as a path a browser reads as a host.
    await page.goto(`/signin?callbackUrl=${encodeURIComponent("/\\example.com/x")}`);
    await page.getByLabel("邮箱").fill(ADMIN.email);
    await page.getByLabel("密码").fill(ADMIN.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).not.toHaveURL(/signin|example\.com/);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  });

  test("the site has an icon, shown on the sign-in page before anyone signs in", async ({ page }) => {
    await page.goto("/signin");
    const href = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
    expect(href).toMatch(/^\/icon\.svg/);
    const svg = await page.request.get(href!, { maxRedirects: 0 });
    expect(svg.status()).toBe(200);
    expect(svg.headers()["content-type"]).toContain("image/svg+xml");
    // Browsers and bookmarks still ask for /favicon.ico by name.
    const ico = await page.request.get("/favicon.ico", { maxRedirects: 0 });
    expect(ico.status()).toBe(200);
    expect(ico.headers()["content-type"]).toContain("image/x-icon");
  });

  test("switching to English changes the shell, and back", async ({ adminPage: page }) => {
    await page.goto(paths.create);
    const banner = page.getByRole("banner");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "用户管理" })).toBeVisible();
    await expect(banner.getByRole("button", { name: "退出登录" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("新建记录");
    await expect(page).toHaveTitle(/新建记录/);

    await banner.getByRole("button", { name: "English" }).click();
    await expect(banner.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
    await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
    await expect(banner.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New record");
    await expect(page).toHaveTitle(/New record/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // The choice sticks across pages.
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");

    await banner.getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("用户管理");
    await expect(nav.getByRole("link", { name: "用户管理" })).toBeVisible();
    await expect(banner.getByRole("button", { name: "退出登录" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });
});
