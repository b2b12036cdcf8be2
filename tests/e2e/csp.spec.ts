import { ADMIN, expect, paths, takeCspViolations, test, uiSignIn } from "./support/fixtures";

/** The directives of a Content-Security-Policy header by name. */
function directives(header: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

const nonceOf = (header: string | undefined) => directives(header).get("script-src")?.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);

test.describe("Content-Security-Policy", () => {
  test("every page carries a strict policy with a fresh nonce, which Next's own scripts carry", async ({ page }) => {
    const first = await page.goto("/signin");
    const second = await page.request.get("/signin");
    const policy = directives(first!.headers()["content-security-policy"]);
    const scripts = policy.get("script-src") ?? [];
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    const nonce = nonceOf(first!.headers()["content-security-policy"]);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
    // Every script of the page was let in by this request's nonce (the DOM keeps it as a property).
    const nonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
    expect(nonces.length).toBeGreaterThan(0);
    expect(new Set(nonces)).toEqual(new Set([nonce]));
    // And the other protections travel with it.
    const headers = first!.headers();
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-frame-options"]).toBe("DENY");
  });

  test("signed-in pages and API answers have their policies too", async ({ page }) => {
    await uiSignIn(page, ADMIN.email, ADMIN.password);
    const list = await page.goto(paths.list);
    expect(nonceOf(list!.headers()["content-security-policy"])).toBeTruthy();
    const api = await page.request.get("/api/auth/session");
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers()["cross-origin-opener-policy"]).toBe("same-origin");
  });

  test("an injected script without the nonce does not run, nor does code made from text", async ({ page }) => {
    // An HTML injection, as a stored or reflected XSS would make it: the real sign-in page with
    // extra markup, served with its real headers (policy and nonce).
    let nonce: string | undefined;
    await page.route("**/signin", async (route) => {
      const response = await route.fetch();
      nonce = nonceOf(response.headers()["content-security-policy"]);
      const injected = [
        `<script>window.__injected = "inline";</script>`,
        `<img src="/icon.svg" alt="" onload="window.__injected = 'handler'">`,
        // Even a script the page trusts (it has the nonce) cannot compile code from text.
        `<script nonce="${nonce}">try { window.__compiled = String(new Function("return 'compiled'")()); } catch (e) { window.__compiled = e.name; }</script>`,
      ].join("");
      await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injected}</body>`) });
    });
    await page.goto("/signin");
    await expect(page.getByLabel("邮箱")).toBeVisible();
    const outcome = await page.evaluate(() => {
      const w = window as unknown as { __injected?: string; __compiled?: string };
      return { injected: w.__injected ?? null, compiled: w.__compiled ?? null };
    });
    expect(nonce).toBeTruthy();
    expect(outcome).toEqual({ injected: null, compiled: "EvalError" });
    // Each was reported as a violation (taken here, so that the guard does not fail this test).
    await expect.poll(() => takeCspViolationsSoFar().join("\n")).toMatch(/script-src-elem[^\n]*inline/);
    await expect.poll(() => takeCspViolationsSoFar().join("\n")).toMatch(/script-src-attr/);
    await expect.poll(() => takeCspViolationsSoFar().join("\n")).toMatch(/script-src[^\n]*eval/);
  });

  test("the record form validates under the policy with the server's precompiled validators", async ({ page }) => {
    await uiSignIn(page, ADMIN.email, ADMIN.password);
    await page.goto(paths.create);
    const name = page.getByLabel("客户姓名");
    const id = page.getByLabel("身份证号码");
    await name.fill("赵敏");
    await id.fill("110105194912310021");
    await name.focus();
    await expect(page.locator("[id='root.basic.idNumber__error']")).toHaveText("身份证号码不正确：校验位不符，请核对号码");
    // The validators came as a script from our origin, not compiled in the page.
    const loaded = await page.evaluate(() => Object.keys((window as unknown as { __dossierValidators?: object }).__dossierValidators ?? {}));
    expect(loaded).toHaveLength(1);
    await id.fill("11010519491231002X");
    await name.focus();
    await expect(page.locator("[id='root.basic.idNumber__error']")).toHaveCount(0);
  });
});

// Violations accumulate across polls: keep what each poll took.
const seen: string[] = [];
function takeCspViolationsSoFar(): string[] {
  seen.push(...takeCspViolations());
  return seen;
}
