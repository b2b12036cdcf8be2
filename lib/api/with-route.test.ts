import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { LOCALE_COOKIE } from "../i18n/locale";
import { withRoute } from "./with-route";

// The wrapper's own work is under test, not next-auth: a signed-in agent, or nobody.
const session = vi.hoisted(() => ({ actor: { id: "u1", name: "王芳", email: "a@x", role: "agent" } as unknown }));
vi.mock("../auth/session", () => ({ getActor: async () => session.actor }));

const ctx = { params: Promise.resolve({}) };

function request(path: string, init: { method?: string; body?: string; headers?: Record<string, string>; locale?: "zh" | "en" } = {}) {
  const headers: Record<string, string> = { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers };
  if (init.locale) headers.cookie = `${LOCALE_COOKIE}=${init.locale}`;
  return new NextRequest(`http://127.0.0.1:3000${path}`, { method: init.method ?? "GET", body: init.body, headers });
}

const body = z.object({ name: z.string().max(4), count: z.number().int().default(1) }).strict();
const query = z.object({
  kind: z.enum(["a", "b"]).default("a"),
  page: z.coerce.number().int().min(1).default(1),
  fresh: z.string().optional().transform((v) => v === "1"),
});

describe("withRoute inputs", () => {
  beforeEach(() => {
    session.actor = { id: "u1", name: "王芳", email: "a@x", role: "agent" };
  });

  it("gives the handler the body and query parsed by the route's schemas", async () => {
    const seen = vi.fn();
    const route = withRoute({ body, query }, async ({ body, query }) => {
      seen(body, query);
      return { ok: true };
    });
    const res = await route(request("/api/x?page=3&fresh=1&kind=b&kind=a", { method: "POST", body: '{"name":"王芳"}' }), ctx);
    expect(res.status).toBe(200);
    expect(seen).toHaveBeenCalledWith({ name: "王芳", count: 1 }, { kind: "b", page: 3, fresh: true });
    await route(request("/api/x", { method: "POST", body: '{"name":"x","count":2}' }), ctx);
    expect(seen).toHaveBeenLastCalledWith({ name: "x", count: 2 }, { kind: "a", page: 1, fresh: false });
  });

  it("answers a bad body or query with the usual 400 and field errors in the reader's language, without running the handler", async () => {
    const handler = vi.fn(async () => ({ ok: true }));
    const route = withRoute({ body, query }, handler);
    const badBody = await route(request("/api/x", { method: "POST", body: '{"name":"太长的名字了","evil":1}', locale: "en" }), ctx);
    expect(badBody.status).toBe(400);
    const { error } = await badBody.json();
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors.map((f: { path: string }) => f.path).sort()).toEqual(["", "/name"]);
    expect(error.fieldErrors.find((f: { path: string }) => f.path === "").message).toBe("Unknown field(s): evil");

    const badQuery = await route(request("/api/x?page=0", { method: "POST", body: '{"name":"x"}' }), ctx);
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).error.fieldErrors[0].path).toBe("/page");

    // The reader's refusals come through as they always did: no body, not JSON, a list.
    for (const [init, text] of [
      [{ method: "POST" }, "请求内容为空"],
      [{ method: "POST", body: "{}", headers: { "content-type": "text/plain" } }, "请求内容必须以 JSON 发送（Content-Type: application/json）"],
      [{ method: "POST", body: "[1]" }, "请求内容必须是 JSON 对象"],
    ] as const) {
      const res = await route(request("/api/x", init), ctx);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toBe(text);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("reads no body as {} with allowEmpty, and keeps a route's lower cap", async () => {
    const seen = vi.fn();
    const empty = withRoute({ body: z.object({ count: z.number().default(200) }), allowEmpty: true }, async ({ body }) => seen(body));
    expect((await empty(request("/api/x", { method: "POST" }), ctx)).status).toBe(200);
    expect(seen).toHaveBeenCalledWith({ count: 200 });

    const small = withRoute({ caller: "public", body: z.unknown(), maxBytes: 1024 }, async () => ({ ok: true }));
    const res = await small(request("/api/x", { method: "POST", body: JSON.stringify({ text: "x".repeat(2000) }) }), ctx);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("请求内容过大（最多 1 KB）");
  });
});

describe("withRoute and writes from other sites", () => {
  it("refuses a session route's write whose Origin or Sec-Fetch-Site names another site, in the reader's language", async () => {
    const handler = vi.fn(async () => ({ ok: true }));
    const route = withRoute({ body: z.unknown() }, handler);
    const evil = await route(request("/api/x", { method: "POST", body: "{}", headers: { origin: "http://evil.example" }, locale: "en" }), ctx);
    expect(evil.status).toBe(403);
    const { error } = await evil.json();
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "This can only be done from this site's own pages; a request from another site was refused" });
    const crossSite = await route(request("/api/x", { method: "DELETE", headers: { "sec-fetch-site": "cross-site" } }), ctx);
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.message).toMatch(/其他网站/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets the app's own pages, header-less clients, reads and public routes through", async () => {
    const write = withRoute({ body: z.unknown() }, async () => ({ ok: true }));
    const own = { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" };
    expect((await write(request("/api/x", { method: "POST", body: "{}", headers: own }), ctx)).status).toBe(200);
    expect((await write(request("/api/x", { method: "POST", body: "{}" }), ctx)).status).toBe(200);
    const read = withRoute(async () => ({ ok: true }));
    expect((await read(request("/api/x", { headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" } }), ctx)).status).toBe(200);
    const open = withRoute({ caller: "public", body: z.unknown() }, async () => ({ ok: true }));
    expect((await open(request("/api/x", { method: "POST", body: "{}", headers: { origin: "http://evil.example" } }), ctx)).status).toBe(200);
  });
});
