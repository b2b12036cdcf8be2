import { Agent, request as httpRequest } from "node:http";
import type { Socket } from "node:net";
import { expect, test } from "./support/fixtures";

// A client that keeps its connection open between requests (a browser, Playwright's request
// context, a reverse proxy such as nginx with keepalive 60 s) must not find it closed under it.
// Node's server closes an idle connection after 5 s by default: a request sent on that socket
// just as the server closes it fails with ECONNRESET (templates.spec.ts hit it, and a proxy in
// front answers 502). The server keeps idle connections longer than such clients do.

const port = Number(process.env.E2E_PORT ?? 3210);

function get(agent: Agent, path: string): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, socket: req.socket as Socket }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("an idle keep-alive connection stays open past Node's default 5 s and serves the next request", async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(agent, "/api/health");
    expect(first.status).toBeLessThan(500);
    let closedAfter: number | null = null;
    const start = Date.now();
    first.socket.once("close", () => (closedAfter = Date.now() - start));
    await new Promise((r) => setTimeout(r, 7_000));
    expect(closedAfter, "the server closed the idle connection").toBeNull();
    const second = await get(agent, "/api/health");
    expect(second.socket).toBe(first.socket);
    expect(second.status).toBe(first.status);
  } finally {
    agent.destroy();
  }
});
