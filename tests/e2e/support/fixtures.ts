import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";

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

/** Creates a user as the administrator and returns their credentials. */
export async function createUser(admin: APIRequestContext, role: "admin" | "agent" | "reviewer" | "viewer") {
  const email = `${role}-${unique()}@e2e.local`;
  const password = "Passw0rd123";
  const res = await admin.post("/api/users", { data: { email, name: `${role}测试`, role, password } });
  expect(res.status(), await res.text()).toBe(201);
  return { email, password };
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

type Fixtures = { adminPage: Page; adminApi: APIRequestContext };

/** `adminPage`: a page already signed in as the administrator; `adminApi`: its request context. */
export const test = base.extend<Fixtures>({
  adminPage: async ({ page }, provide) => {
    await apiSignIn(page.request, ADMIN.email, ADMIN.password);
    await provide(page);
  },
  adminApi: async ({ adminPage }, provide) => {
    await provide(adminPage.request);
  },
});

export { expect };
