import fs from "node:fs";
import type { Page } from "@playwright/test";
import { createField } from "../../lib/template-model/new-field";
import { getField, insertField, removeField, setShowInList } from "../../lib/template-model/model-paths";
import { apiSignIn, createUser, expect, IDS, recordData, test, TEMPLATE, unique } from "./support/fixtures";
import { cloneDefault, editAndPublish, rowAction, uniqueKey } from "./support/templates";

const PLATE = "^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{5,6}$";
const PLATE_MESSAGE = "请输入正确的车牌号，如 京A12345";

const sidebarLink = (page: Page, key: string) => page.getByRole("navigation", { name: "主导航" }).locator(`a[href="/t/${key}"]`);

test.describe("templates", () => {
  test("admin clones the archive as 车险客户档案, adds 车牌号 and hides 受益人信息; the clone works, the original is untouched", async ({ adminPage: page, adminApi }) => {
    const key = uniqueKey("auto");
    const original = (await (await adminApi.get(`/api/templates/${TEMPLATE}`)).json()).template;

    // Clone on the templates page.
    await page.goto("/admin/templates");
    await rowAction(page, TEMPLATE, "克隆…");
    const dialog = page.getByRole("dialog", { name: "克隆“保险客户档案管理表”" });
    await expect(dialog.getByLabel("源版本")).toHaveValue(String(original.currentVersion));
    await dialog.getByLabel("名称").fill("车险客户档案");
    await expect(dialog.getByRole("textbox", { name: "键", exact: true })).toHaveValue(/^cxkhda/);
    await dialog.getByRole("textbox", { name: "键", exact: true }).fill(key);
    await dialog.getByLabel("产品线").fill("车险");
    await dialog.getByRole("button", { name: "克隆并打开设计器" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/templates/${key}$`));

    // The clone remembers its origin.
    await page.goto("/admin/templates");
    const row = page.locator(`tr[data-template="${key}"]`);
    await expect(row).toContainText("车险客户档案");
    await expect(row.getByRole("link", { name: new RegExp(`克隆自 保险客户档案管理表 第 ${original.currentVersion} 版`) })).toHaveAttribute("href", `/admin/templates/${TEMPLATE}/versions`);

    // The content changes go through the draft API, as the designer sends them.
    const version = await editAndPublish(
      adminApi,
      key,
      (model) => {
        const siblings = getField(model, "basic")!.children!.map((f) => f.key);
        const plate = { ...createField({ kind: "text", label: "车牌号", siblingKeys: siblings }), pattern: PLATE, patternMessage: PLATE_MESSAGE };
        const withPlate = setShowInList(insertField(model, "basic", plate), `basic.${plate.key}`, true);
        return removeField(withPlate, "beneficiary");
      },
      "加车牌号，去掉受益人信息",
    );
    expect(version).toBe(2);

    // The clone is in the sidebar; a wrong plate shows the pattern's own message next to the field.
    await page.goto("/admin/templates");
    await sidebarLink(page, key).click();
    await expect(page).toHaveURL(new RegExp(`/t/${key}$`));
    // The new clone has no records yet: its empty list offers 新建 beside the toolbar's.
    await page.getByRole("link", { name: "新建" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/t/${key}/new$`));
    await expect(page.locator("#section-beneficiary")).toHaveCount(0);
    const policyNo = `CAR${unique()}`;
    await page.getByLabel("客户姓名").fill("车主甲");
    await page.getByLabel("身份证号码").fill(IDS.customer);
    await page.getByLabel("保单号").fill(policyNo);
    await page.getByLabel("保险类型").selectOption("车险");
    await page.getByLabel("车牌号").fill("ABC123");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.locator("[id='root.basic.chepaihao__error']")).toHaveText(PLATE_MESSAGE);
    await expect(page).toHaveURL(new RegExp(`/t/${key}/new$`));
    await page.getByLabel("车牌号").fill("京A12345");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${key}/r/[a-f0-9]{24}$`));

    // The clone's list shows it, with the new column.
    await page.goto(`/t/${key}`);
    await expect(page.getByRole("columnheader", { name: /车牌号/ })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: policyNo })).toContainText("京A12345");

    // The original keeps 受益人信息 and never got 车牌号.
    await page.goto(`/t/${TEMPLATE}/new`);
    await expect(page.locator("#section-beneficiary")).toBeVisible();
    await expect(page.getByLabel("车牌号")).toHaveCount(0);
    const after = (await (await adminApi.get(`/api/templates/${TEMPLATE}`)).json()).template;
    expect(after.currentVersion).toBe(original.currentVersion);
  });

  test("export downloads a template file; importing it back under a new key gives the same template; other files are refused clearly", async ({ adminPage: page, adminApi }) => {
    const name = `导出测试${unique()}`;
    const source = await cloneDefault(adminApi, { name, key: uniqueKey("exp") });
    await page.goto("/admin/templates");

    await rowAction(page, source, "导出…");
    const exportDialog = page.getByRole("dialog", { name: `导出“${name}”` });
    await expect(exportDialog.getByLabel("导出哪个版本")).toHaveValue("1");
    const [download] = await Promise.all([page.waitForEvent("download"), exportDialog.getByRole("link", { name: "下载 JSON 文件" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const file = test.info().outputPath("template.json");
    await download.saveAs(file);
    const exported = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(exported).toMatchObject({ format: "dossier-template", formatVersion: 1, key: source, name, version: 1 });

    // Importing it back: the key is taken, so Dossier offers a new one.
    await page.getByRole("button", { name: "导入模板" }).click();
    const importDialog = page.getByRole("dialog", { name: "导入模板" });
    await importDialog.getByLabel("模板文件").setInputFiles(file);
    await expect(importDialog).toContainText(`文件中的模板：${name}`);
    await importDialog.getByRole("button", { name: "导入", exact: true }).click();
    await expect(importDialog.getByText(`键“${source}”已被其他模板使用`)).toBeVisible();
    await importDialog.getByRole("button", { name: "以新键导入" }).click();
    await expect(importDialog).toBeHidden();
    const copy = page.locator(`tr[data-template="${source}-2"]`);
    await expect(copy).toContainText(name);
    const [a, b] = await Promise.all([adminApi.get(`/api/templates/${source}`), adminApi.get(`/api/templates/${source}-2`)].map(async (r) => (await r).json()));
    expect(b.content).toEqual(a.content);
    expect(b.template).toMatchObject({ name: a.template.name, productLine: a.template.productLine, currentVersion: 1 });

    // Files that are not templates say so in the dialog.
    await page.getByRole("button", { name: "导入模板" }).click();
    const fileInput = importDialog.getByLabel("模板文件");
    await fileInput.setInputFiles({ name: "customers.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify([{ 姓名: "张三" }])) });
    await expect(importDialog).toContainText("这不是 Dossier 模板文件");
    await expect(importDialog.getByRole("button", { name: "导入", exact: true })).toBeDisabled();
    await fileInput.setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from("姓名,手机\n张三,13912345678\n") });
    await expect(importDialog).toContainText("文件不是有效的 JSON");

    // A template file with broken content lists the problems by field.
    const broken = structuredClone(exported);
    broken.content.schema.properties.basic.properties.name.pattern = "((";
    await fileInput.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    await importDialog.getByRole("button", { name: "导入", exact: true }).click();
    const problems = importDialog.getByRole("alert").filter({ hasText: /模板内容有 \d+ 处问题，未导入/ });
    await expect(problems).toContainText("客户基础信息 › 客户姓名");
  });

  test("archiving hides a template from an agent's sidebar; unarchiving brings it back", async ({ adminPage: page, adminApi, browser }, testInfo) => {
    const name = `归档测试${unique()}`;
    const key = await cloneDefault(adminApi, { name, key: uniqueKey("arc") });
    const agent = await createUser(adminApi, "agent");
    const agentContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "zh-CN" });
    const agentPage = await agentContext.newPage();
    await apiSignIn(agentPage.request, agent.email, agent.password);
    await agentPage.goto("/");
    await expect(sidebarLink(agentPage, key)).toHaveText(name);

    await page.goto("/admin/templates");
    await rowAction(page, key, "归档");
    const confirm = page.getByRole("dialog", { name: `归档“${name}”？` });
    await confirm.getByRole("button", { name: "归档" }).click();
    await expect(page.locator(`tr[data-template="${key}"]`)).toHaveCount(0);
    await expect(sidebarLink(page, key)).toHaveCount(0);
    await page.getByRole("button", { name: /^已归档/ }).click();
    await expect(page.locator(`tr[data-template="${key}"]`).getByText("归档", { exact: true })).toBeVisible();

    await agentPage.reload();
    await expect(agentPage.getByRole("navigation", { name: "主导航" })).toBeVisible();
    await expect(sidebarLink(agentPage, key)).toHaveCount(0);

    await rowAction(page, key, "取消归档");
    await page.getByRole("dialog", { name: `取消归档“${name}”？` }).getByRole("button", { name: "取消归档" }).click();
    await expect(sidebarLink(page, key)).toHaveText(name);
    await agentPage.reload();
    await expect(sidebarLink(agentPage, key)).toHaveText(name);
    await agentContext.close();
  });

  test("the version history shows what changed between version 1 and 2", async ({ adminPage: page, adminApi }) => {
    const key = await cloneDefault(adminApi, { name: `版本测试${unique()}`, key: uniqueKey("ver") });
    await editAndPublish(adminApi, key, (model) => {
      const siblings = getField(model, "basic")!.children!.map((f) => f.key);
      return insertField(model, "basic", { ...createField({ kind: "text", label: "车牌号", siblingKeys: siblings }), pattern: PLATE });
    });

    await page.goto("/admin/templates");
    await page.locator(`tr[data-template="${key}"]`).getByRole("link", { name: "版本历史" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/templates/${key}/versions$`));
    await expect(page.locator("[data-version]")).toHaveCount(2);
    const added = page.getByRole("region", { name: "新增字段" });
    await expect(added).toContainText("车牌号");
    await expect(added).toContainText("basic.chepaihao");

    // Any two versions can be picked; the diff follows the selection.
    await page.getByRole("checkbox", { name: "选择第 1 版比较" }).uncheck();
    await expect(page.getByText("再勾选一个版本即可比较。")).toBeVisible();
    await page.getByRole("checkbox", { name: "选择第 1 版比较" }).check();
    await expect(page).toHaveURL(/from=1&to=2/);
    await expect(page.getByRole("region", { name: "新增字段" })).toContainText("车牌号");
  });

  test("a key rename runs as a migration from the versions page: preview, progress to 100%, records under the new key", async ({ adminPage: page, adminApi }) => {
    const key = await cloneDefault(adminApi, { name: `迁移测试${unique()}`, key: uniqueKey("mig") });
    const names = ["迁移甲", "迁移乙", "迁移丙"];
    const ids: string[] = [];
    for (const name of names) {
      const res = await adminApi.post(`/api/templates/${key}/records`, { data: { data: recordData({ name }) } });
      expect(res.status(), await res.text()).toBe(201);
      ids.push((await res.json()).record.id);
    }

    await page.goto(`/admin/templates/${key}/versions`);
    await page.getByRole("button", { name: "更改“客户姓名”的键或类型" }).click();
    const dialog = page.getByRole("dialog", { name: "更改字段“客户姓名”" });
    await dialog.getByLabel("新键").fill("1name");
    await dialog.getByRole("button", { name: "预览影响" }).click();
    await expect(dialog).toContainText("键只能包含字母、数字和下划线");
    await dialog.getByLabel("新键").fill("fullName");
    await dialog.getByRole("button", { name: "预览影响" }).click();
    await expect(dialog).toContainText("共 3 条记录，其中 3 条有这个字段的值。");
    // 客户姓名 is personal data: the preview's samples show it masked, like every list.
    await expect(dialog).toContainText("迁**");
    await expect(dialog).not.toContainText("迁移甲");
    await dialog.getByLabel("版本说明").fill("统一姓名字段的键");
    await dialog.getByRole("button", { name: "开始迁移" }).click();
    await expect(dialog.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
    await expect(dialog).toContainText("迁移完成，已发布第 2 版。");
    await expect(dialog).toContainText("3 / 3 条");
    await dialog.getByRole("button", { name: "完成" }).click();

    await expect(page.locator('[data-version="2"]')).toContainText("迁移：字段键 name → fullName");
    await expect(page.locator('[data-version="2"]')).toContainText("统一姓名字段的键");
    // The history reads the migration as a key change, not as a field deleted and another added.
    const keys = page.getByRole("region", { name: "字段键" });
    await expect(keys).toContainText("“客户姓名”的键从 name 改为 fullName");
    await expect(page.getByRole("region", { name: "删除字段" })).toHaveCount(0);
    // In English the diff speaks English.
    await page.context().addCookies([{ name: "dossier-locale", value: "en", url: page.url() }]);
    await page.reload();
    await expect(page.getByRole("region", { name: "Keys" })).toContainText("The key of “客户姓名” changed from name to fullName (stored values moved with it)");
    await page.context().clearCookies({ name: "dossier-locale" });
    for (const [i, id] of ids.entries()) {
      const { record } = await (await adminApi.get(`/api/templates/${key}/records/${id}?edit=1`)).json();
      expect(record.data.basic.fullName).toBe(names[i]);
      expect(record.data.basic).not.toHaveProperty("name");
    }
    await page.goto(`/t/${key}/r/${ids[0]}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(names[0]);
  });
});
