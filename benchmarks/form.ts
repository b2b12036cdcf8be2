// npm run bench:form [-- --sections 10 --per-section 30 --render-runs 5 --keys 60]
// The record form at size: a generated template of ~300 fields, imported through the template
// services into the benchmark's own database, served by the production build and driven in
// Chromium. Measures the time to a usable new-record form and the latency of each keystroke
// (keydown → next animation frame), on the generated template and on the default one.
// Started by benchmarks/run.mjs with MONGODB_URI set to a throwaway FerretDB.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import mongoose from "mongoose";
import { chromium, type Page } from "playwright-core";
import { hashPassword } from "../lib/auth/password";
import { connectDb } from "../lib/db/connect";
import { UserModel } from "../lib/db/models/user";
import { listFields } from "../lib/schema/fields";
import type { JsonSchema, UiSchema } from "../lib/schema/types";
import { getPublishedTemplate } from "../lib/templates/get-published-template";
import { importTemplate } from "../lib/templates/import-template";
import { seedTemplates } from "../lib/templates/seed-templates";
import { bigTemplate } from "./lib/big-template";
import { machine, ms, setting, summarize, table } from "./lib/measure";

const SECTIONS = setting("SECTIONS", 10);
const PER_SECTION = setting("PER_SECTION", 30);
const RENDER_RUNS = setting("RENDER_RUNS", 5);
const KEYS = setting("KEYS", 60);
// Pause between keystrokes: a fast typist's rhythm, so that one key's work does not queue behind the last.
const KEY_GAP_MS = setting("KEY_GAP_MS", 60);
// Chromium's CPU slow-down (1 = this machine's speed; 4 ≈ a mid-range office laptop).
const CPU_THROTTLE = setting("CPU_THROTTLE", 1);
const EMAIL = "bench-admin@bench.local";
const PASSWORD = "BenchAdmin123";
const root = path.resolve(import.meta.dirname, "..");

const say = (s: string) => console.log(s);

async function startServer(port: number): Promise<ChildProcess> {
  const next = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), AUTH_TRUST_HOST: "true", DOSSIER_LOGIN_MAX_ATTEMPTS: "1000", PORT: String(port) },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (next.exitCode !== null) throw new Error(`next start exited with ${next.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/auth/csrf`)).ok) return next;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("next start did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The element id rjsf gives the last plain text field of the last section that has one (not in a table, not conditional). */
function typingTarget(schema: JsonSchema, uiSchema: UiSchema): string {
  const fields = listFields(schema, uiSchema).filter((f) => !f.inArray && !f.removed && f.segments.length === 2 && (f.kind === "text" || f.kind === "textarea") && !f.schema["x-visibleWhen"]);
  const last = fields[fields.length - 1];
  if (!last) throw new Error("the template has no text field to type into");
  return `root.${last.segments.join(".")}`;
}

/** Navigation → the form's save button visible (server-rendered) and → hydrated (React attached to it). */
async function timeRender(page: Page, url: string) {
  const start = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  const submit = page.locator('form button[type="submit"]');
  await submit.waitFor({ state: "visible", timeout: 60_000 });
  const visible = Date.now() - start;
  await page.waitForFunction(() => {
    const el = document.querySelector('form button[type="submit"]');
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps"));
  }, undefined, { polling: "raf", timeout: 60_000 });
  const hydrated = Date.now() - start;
  const server = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd);
  return { visible, hydrated, server };
}

/** Types `count` characters one at a time and returns, per key, keydown → next animation frame in ms. */
async function timeTyping(page: Page, id: string, count: number): Promise<number[]> {
  const input = page.locator(`[id="${id}"]`);
  await input.scrollIntoViewIfNeeded();
  await input.click();
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[] };
    w.__lat = [];
    document.addEventListener("keydown", () => {
      const t = performance.now();
      requestAnimationFrame(() => w.__lat.push(performance.now() - t));
    }, true);
  });
  const text = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(3).slice(0, count);
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(text[i]);
    await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length >= n, i + 1, { polling: "raf" });
    await page.waitForTimeout(KEY_GAP_MS);
  }
  const value = await input.inputValue();
  if (!value.endsWith(text)) throw new Error(`typed text did not arrive in ${id}: "${value.slice(-20)}"`);
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
}

async function main() {
  say(`\n## bench:form — ${new Date().toISOString()}\n\nmachine: ${await machine()}\n`);
  await connectDb();
  await seedTemplates();
  const user = await UserModel.create({ email: EMAIL, name: "基准管理员", role: "admin", passwordHash: await hashPassword(PASSWORD), active: true });
  const actor = { id: String(user._id), name: user.name, email: EMAIL, role: "admin" as const };
  const big = bigTemplate({ key: "bench-big-form", sections: SECTIONS, perSection: PER_SECTION });
  await importTemplate({ actor, input: { document: big.document, key: "bench-big-form" } });
  const templates = [
    { key: "bench-big-form", label: `generated, ${big.fields} fields` },
    { key: "customer-archive", label: "default (customer archive)" },
  ];
  const targets = new Map<string, string>();
  for (const t of templates) {
    const p = await getPublishedTemplate(actor, t.key);
    targets.set(t.key, typingTarget(p.content.schema, p.content.uiSchema));
    t.label = `${t.label.split(",")[0]}, ${p.fields.length} fields`;
  }
  await mongoose.disconnect();

  // run.mjs picks a free port unless --port (BENCH_PORT) names one.
  const port = setting("PORT", 0);
  if (!port) throw new Error("BENCH_PORT is not set (start the benchmark with npm run bench:form)");
  const server = await startServer(port);
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const { csrfToken } = (await (await context.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
    const signIn = await context.request.post(`${base}/api/auth/callback/credentials`, { form: { csrfToken, email: EMAIL, password: PASSWORD, json: "true" } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const rows: (string | number)[][] = [];
    for (const t of templates) {
      const page = await context.newPage();
      if (CPU_THROTTLE > 1) await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLE });
      const url = `${base}/t/${t.key}/new`;
      await timeRender(page, url); // warm-up: the server's first render of a route compiles and caches
      const renders = [];
      for (let i = 0; i < RENDER_RUNS; i++) renders.push(await timeRender(page, url));
      const visible = summarize(renders.map((r) => r.visible));
      const hydrated = summarize(renders.map((r) => r.hydrated));
      const serverMs = summarize(renders.map((r) => r.server));
      const keys = summarize(await timeTyping(page, targets.get(t.key)!, KEYS));
      rows.push([t.label, targets.get(t.key)!, ms(serverMs.p50), ms(visible.p50), ms(hydrated.p50), ms(hydrated.p95), keys.n, ms(keys.p50), ms(keys.p95), ms(keys.max)]);
      console.error(`[bench] ${t.key}: hydrated p50 ${ms(hydrated.p50)} ms, keystroke p50 ${ms(keys.p50)} / p95 ${ms(keys.p95)} ms`);
      await page.close();
    }
    const throttle = CPU_THROTTLE > 1 ? `; browser CPU slowed ${CPU_THROTTLE}×` : "";
    say(`### New-record form (${RENDER_RUNS} loads after one warm-up; ${KEYS} keystrokes, ${KEY_GAP_MS} ms apart${throttle}; ms)\n`);
    say(table(["template", "typed into", "HTML received p50", "form visible p50", "hydrated p50", "hydrated p95", "keys", "keystroke p50", "keystroke p95", "keystroke max"], rows));
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  // An error before the browser part leaves the database connection open: close it, or the process never exits.
  .finally(() => mongoose.disconnect());
