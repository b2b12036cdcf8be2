import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { createUser, expect, pageAs, test } from "./support/fixtures";

// Issue 7: an administrator backs up everything from the admin pages and downloads the file.

test("数据备份: back up now, watch the progress reach 100 %, download a complete archive; others may not", async ({ adminPage: page, adminApi, browser }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "数据备份" }).click();
  await expect(page.getByRole("heading", { name: "数据备份" })).toBeVisible();
  await page.getByRole("button", { name: "立即备份" }).click();
  await expect(page.getByText(/^备份完成：dossier-\d{8}-\d{6}\.ndjson\.gz$/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  const name = (await page.getByText(/^备份完成：/).textContent())!.replace("备份完成：", "");
  const row = page.getByRole("row", { name: new RegExp(name.replace(/\./g, "\\.")) });
  await expect(row).toBeVisible();

  const download = page.waitForEvent("download");
  await row.getByRole("link", { name: `下载 ${name}` }).click();
  const lines = gunzipSync(await readFile(await (await download).path())).toString("utf8").trimEnd().split("\n");
  expect(JSON.parse(lines[0])).toMatchObject({ dossierBackup: 1 });
  const manifest = JSON.parse(lines[lines.length - 1]).manifest;
  expect(Object.keys(manifest.collections)).toEqual(expect.arrayContaining(["records", "templates", "users", "audit_events"]));
  // Every document line is there: the counts add up.
  const docs = lines.slice(1, -1);
  expect(docs.length).toBe(Object.values(manifest.collections as Record<string, { count: number }>).reduce((n, c) => n + c.count, 0));

  const agent = await pageAs(browser, await createUser(adminApi, "agent"));
  expect((await agent.request.get(`/api/admin/backups/${name}`)).status()).toBe(403);
  await agent.goto("/admin/backups");
  await expect(agent.getByText("只有管理员可以备份数据和下载备份。")).toBeVisible();
  await agent.context().close();
});
