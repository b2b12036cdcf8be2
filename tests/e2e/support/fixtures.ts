import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const ADMIN = { email: process.env.E2E_ADMIN_EMAIL ?? "admin@e2e.local", password: process.env.E2E_ADMIN_PASSWORD ?? "E2eAdmin123" };
export const TEMPLATE = "customer-archive";

/** Signs a browser context in through next-auth's credentials endpoint (cookies land in the context). */
export async function apiSignIn(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(res.ok()).toBeTruthy();
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(email);
}

/** Signs in through the sign-in page, as a person would. */
export async function uiSignIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
}

let seq = 0;
/** A unique suffix for values that must not collide between tests (policy numbers, emails). */
export function unique(): string {
  seq += 1;
  return `${Date.now().toString(36)}${seq}${Math.floor(Math.random() * 1000)}`;
}

export type Role = "admin" | "agent" | "reviewer" | "viewer";
export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  revision: number;
}

/** Creates a user as the administrator and returns their credentials and id. */
export async function createUser(admin: APIRequestContext, role: Role): Promise<TestUser> {
  const email = `${role}-${unique()}@e2e.local`;
  const password = "Passw0rd123";
  const name = `${role}测试${unique().slice(-4)}`;
  const res = await admin.post("/api/users", { data: { email, name, role, password } });
  expect(res.status(), await res.text()).toBe(201);
  const { user } = await res.json();
  return { id: user.id, email, password, name: user.name, role, revision: user.revision };
}

/**
 * Puts users in one new team through the API as the administrator: the archive scopes reviewers
 * to their team's records, so a reviewer who checks an agent's work shares the agent's team.
 */
export async function sameTeam(admin: APIRequestContext, ...users: TestUser[]) {
  const team = (await (await admin.post("/api/teams", { data: { name: `核对组${unique()}` } })).json()).team;
  for (const u of users) {
    const res = await admin.patch(`/api/users/${u.id}`, { data: { revision: u.revision, teamId: team.id } });
    expect(res.status(), await res.text()).toBe(200);
    u.revision = (await res.json()).user.revision;
  }
  return team as { id: string; name: string };
}

/** Deactivates a user through the API as the administrator. */
export async function deactivateUser(admin: APIRequestContext, user: TestUser) {
  const res = await admin.patch(`/api/users/${user.id}`, { data: { revision: user.revision, active: false } });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * A page in a fresh browser context signed in as `user` (through the API unless `ui` is set);
 * its `request` shares the session, so API calls act as that user too.
 */
export async function pageAs(browser: Browser, user: { email: string; password: string }, { ui = false } = {}): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (ui) await uiSignIn(page, user.email, user.password);
  else await apiSignIn(page.request, user.email, user.password);
  return page;
}

/** Valid resident IDs with correct check digits, for filling forms. */
export const IDS = {
  customer: "11010519491231002X",
  spouse: "110105198001010016",
  child: "110105201001010037",
  other: "310104198506120027",
};

/** A complete, valid record for the default template, for creating data through the API. */
export function recordData(overrides: { policyNo?: string; insuranceType?: string; startDate?: string; name?: string } = {}) {
  return {
    basic: { name: overrides.name ?? "王芳", idNumber: IDS.other, mobile: "13912345678" },
    policy: {
      policyNo: overrides.policyNo ?? `E${unique()}`,
      insuranceType: overrides.insuranceType ?? "人寿险",
      startDate: overrides.startDate ?? "2023-05-01",
      endDate: "2033-05-01",
      sumInsured: 300000,
      premium: 5000,
      paymentMethod: "年缴",
    },
    policyholder: { relation: "本人" },
    beneficiary: { isLegal: true },
    status: { state: "生效" },
  };
}

/**
 * A record with everything the detail page shows: two named beneficiaries (60/40), two payments
 * and a claim. Values are chosen so that their formatted forms are easy to assert.
 */
export function fullRecordData(overrides: { policyNo?: string; name?: string } = {}) {
  const base = recordData(overrides);
  return {
    ...base,
    basic: { ...base.basic, idNumber: IDS.customer, gender: "女", birthDate: "1949-12-31" },
    beneficiary: {
      isLegal: false,
      list: [
        { name: "韩梅梅", idNumber: IDS.spouse, relation: "配偶", share: 60 },
        { name: "李小雷", idNumber: IDS.child, relation: "子女", share: 40 },
      ],
    },
    payments: [
      { date: "2023-05-01", amount: 5000, method: "银行转账", status: "已缴费" },
      { date: "2024-05-01", amount: 5000, status: "逾期" },
    ],
    claims: [{ applyDate: "2024-01-10", amount: 12000, reason: "住院治疗", status: "已赔付" }],
  };
}

export interface CreatedRecord {
  id: string;
  revision: number;
  data: ReturnType<typeof recordData> & Record<string, unknown>;
}

/** Creates a record through the API as whoever `api` is signed in as. */
export async function createRecord(api: APIRequestContext, data: Record<string, unknown> = recordData()): Promise<CreatedRecord> {
  const res = await api.post(`/api/templates/${TEMPLATE}/records`, { data: { data } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).record;
}

/**
 * A record as the edit form opens it, personal data in full (an audited reveal): what an API
 * client edits. The create answer is masked, as the detail page shows it.
 */
export async function recordForEdit(api: APIRequestContext, id: string): Promise<CreatedRecord> {
  const res = await api.get(`/api/templates/${TEMPLATE}/records/${id}?edit=1`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).record;
}

/** The paths of a template's pages. */
export const paths = {
  list: `/t/${TEMPLATE}`,
  create: `/t/${TEMPLATE}/new`,
  record: (id: string) => `/t/${TEMPLATE}/r/${id}`,
  edit: (id: string) => `/t/${TEMPLATE}/r/${id}/edit`,
  api: (id?: string) => `/api/templates/${TEMPLATE}/records${id ? `/${id}` : ""}`,
};

/** A control of the record form by its data path ("policy.premium", "beneficiary.list.0.share"). */
export function formField(page: Page, path: string) {
  return page.locator(`[id='root.${path}']`);
}

/** Fills the new-record form's required fields (name, ID, policy number, insurance type). */
export async function fillRequired(page: Page, { name = "测试客户", idNumber = IDS.other, policyNo = `F${unique()}` }: { name?: string; idNumber?: string; policyNo?: string } = {}) {
  await formField(page, "basic.name").fill(name);
  await formField(page, "basic.idNumber").fill(idNumber);
  await formField(page, "policy.policyNo").fill(policyNo);
  await formField(page, "policy.insuranceType").selectOption({ label: "人寿险" });
}

// Content-Security-Policy violations seen in any browser context since the last take.
const cspViolations: string[] = [];
const watched = new WeakSet<BrowserContext>();
const CSP_MARK = "[csp-violation]";

/**
 * Records every Content-Security-Policy violation in a context's pages: the page reports its
 * `securitypolicyviolation` events on the console (an init script, before any page script runs),
 * and Chromium's own "Refused to …" console errors count too. Its pages' `goto` and `reload` also
 * wait for hydration (waitForHydration).
 */
export async function watchContext(context: BrowserContext): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  context.pages().forEach(waitForHydration);
  context.on("page", waitForHydration);
  await context.addInitScript((mark: string) => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`${mark} ${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile || "?"}:${e.lineNumber} — ${e.sample}`);
    });
  }, CSP_MARK);
  context.on("console", (message) => {
    const text = message.text();
    if (text.includes(CSP_MARK) || /Content Security Policy|Refused to (load|execute|evaluate|apply|connect|frame)/i.test(text)) cspViolations.push(`${message.location().url}: ${text}`);
  });
}

/**
 * True once React has hydrated every control on the page (it keeps each element's props under a
 * `__reactProps$…` key). Pages are rendered on the server: a click or a typed value that lands
 * before hydration is lost (a CI run clicked the templates page's 更多操作 and the menu never opened).
 */
function controlsHydrated(): boolean {
  return [...document.querySelectorAll("button, input, select, textarea")].every((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$")));
}

/**
 * Makes `goto` and `reload` return once the page's controls are hydrated, as a person would wait
 * for a page to respond. A page that never hydrates (a plain error page) is let through after 15 s:
 * the test's own assertions then say what is wrong.
 */
function waitForHydration(page: Page): void {
  const settle = () => page.waitForFunction(controlsHydrated, undefined, { timeout: 15_000 }).then(() => undefined, () => undefined);
  const goto = page.goto.bind(page);
  page.goto = async (...args: Parameters<Page["goto"]>) => {
    const response = await goto(...args);
    if (args[1]?.waitUntil !== "commit") await settle();
    return response;
  };
  const reload = page.reload.bind(page);
  page.reload = async (...args: Parameters<Page["reload"]>) => {
    const response = await reload(...args);
    if (args[0]?.waitUntil !== "commit") await settle();
    return response;
  };
}

/** The violations recorded since the last call (and forgets them): for tests that cause one on purpose. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

type Fixtures = { adminPage: Page; adminApi: APIRequestContext; cspGuard: void };

/**
 * `adminPage`: a page already signed in as the administrator; `adminApi`: its request context.
 * Every test runs with the app's Content-Security-Policy on and fails when a page violates it
 * (`cspGuard`), in the default context and in any other a test opens.
 */
export const test = base.extend<Fixtures>({
  browser: [
    async ({ browser }, provide) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const context = await newContext(...args);
        await watchContext(context);
        return context;
      };
      await provide(browser);
    },
    { scope: "worker" },
  ],
  context: async ({ context }, provide) => {
    await watchContext(context);
    await provide(context);
  },
  cspGuard: [
    async ({}, provide) => {
      takeCspViolations();
      await provide();
      expect(takeCspViolations(), "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  adminPage: async ({ page }, provide) => {
    await apiSignIn(page.request, ADMIN.email, ADMIN.password);
    await provide(page);
  },
  adminApi: async ({ adminPage }, provide) => {
    await provide(adminPage.request);
  },
});

export { expect };
