import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRecord, expect, recordData, test, unique } from "./support/fixtures";

// Issue 11, finding 5: while the database is away the app keeps answering — a clear 503 page and
// JSON errors at once, not a hang and then a refused port — and once the database is back (the
// server watches it and starts it again) pages work again by themselves and nothing saved is lost.
// tests/e2e/server.mjs writes the database's pid here and restarts it 15 s after it dies.
const pidFile = path.join(os.tmpdir(), `dossier-e2e-${process.env.E2E_PORT ?? 3210}-db.pid`);

test("the database dies: pages answer 503 and reload themselves once it is back; saved records are kept", async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const name = `停库客户${unique().slice(-6)}`;
  const record = await createRecord(page.request, recordData({ name }));
  await page.goto(`/t/customer-archive/r/${record.id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  process.kill(pid, "SIGKILL");

  // The API says so in the reader's language, at once once the app knows (its heartbeat: ≤ 3 s; a
  // request already waiting for the database may wait for the driver's timeout, so each ask here
  // gives up after 2 s and asks again).
  const status = () => page.request.get("/api/templates", { timeout: 2_000 }).then((r) => r.status(), () => 0);
  await expect.poll(status, { timeout: 12_000, intervals: [250] }).toBe(503);
  const api = await page.request.get("/api/templates");
  expect(api.headers()["retry-after"]).toBe("5");
  expect((await api.json()).error).toMatchObject({ code: "UNAVAILABLE", message: expect.stringContaining("数据库暂时不可用") });

  // A page: the 503 page, quickly, saying what is happening.
  const started = Date.now();
  const response = await page.goto(`/t/customer-archive/r/${record.id}`);
  expect(response?.status()).toBe(503);
  expect(Date.now() - started).toBeLessThan(2_000);
  await expect(page.getByRole("heading", { name: "数据库暂时不可用" })).toBeVisible();
  await expect(page.getByText("页面会在数据库恢复后自动重新加载")).toBeVisible();

  // Restarted by the server's watch; the page reloads itself and shows the record again.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 45_000 });
  expect(Number(fs.readFileSync(pidFile, "utf8"))).not.toBe(pid);
  expect((await page.request.get("/api/templates")).status()).toBe(200);
});
