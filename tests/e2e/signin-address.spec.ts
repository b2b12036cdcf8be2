import { request as httpRequest } from "node:http";
import { ADMIN, expect, test } from "./support/fixtures";

// Issue 11, finding 3: with nothing in front of the app (the quick start), the per-address
// sign-in limit counts the connection's own address. A client that made up a new X-Forwarded-For
// for every guess used to count as a new address each time and was never limited.

const port = Number(process.env.E2E_PORT ?? 3210);

/** One HTTP exchange from a chosen loopback address (127.0.0.2 here, so the journeys' own 127.0.0.1 is never locked). */
function send(method: string, path: string, options: { from: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, localAddress: options.from, headers: options.headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** A credentials sign-in as next-auth's form posts it; the error next-auth reports, or null when signed in. */
async function signIn(from: string, email: string, password: string, forwardedFor?: string): Promise<string | null> {
  const csrf = await send("GET", "/api/auth/csrf", { from });
  const cookie = ([] as string[]).concat(csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const body = new URLSearchParams({ csrfToken: JSON.parse(csrf.text).csrfToken, email, password, callbackUrl: "/", json: "true" }).toString();
  const res = await send("POST", "/api/auth/callback/credentials", {
    from,
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)), cookie, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
  });
  const url = new URL(JSON.parse(res.text).url, `http://127.0.0.1:${port}`);
  return url.searchParams.get("error");
}

test("a client spraying guesses with a made-up X-Forwarded-For each time is still limited by its own address", async () => {
  test.setTimeout(120_000);
  // The e2e server allows 30 failures per address (DOSSIER_LOGIN_MAX_PER_ADDRESS).
  for (let i = 0; i < 30; i++) {
    const error = await signIn("127.0.0.2", `nobody${i}-${Date.now()}@spray.test`, "Wrong-password-1", `198.51.100.${i + 1}`);
    expect(error, `guess ${i + 1}`).toBeTruthy();
  }
  // Now even the right password is refused from that address, whatever it claims to be…
  expect(await signIn("127.0.0.2", ADMIN.email, ADMIN.password, "203.0.113.77")).toMatch(/登录失败次数过多|Too many failed sign-ins/);
  // …while the same account signs in from another address.
  expect(await signIn("127.0.0.1", ADMIN.email, ADMIN.password)).toBeNull();
});
