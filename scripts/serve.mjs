// The production server: Next.js's request handler behind Node's own HTTP server, so the app learns
// the address each request really came from. `next start` only fills X-Forwarded-For with the
// socket's address when the client sent none, so a client could pick its own address and dodge
// the per-address sign-in limit. Here every request gets `x-dossier-peer`: a per-process token,
// the socket's address and the X-Forwarded-For the client or our proxies sent, which
// lib/auth/client-ip.ts trusts only with the token (DOSSIER_PROXY_HOPS says how many proxies).
// Usage: node scripts/serve.mjs (PORT, default 3000; listens on 127.0.0.1 only).
import crypto from "node:crypto";
import { createServer } from "node:http";
import v8 from "node:v8";
import next from "next";
import { root } from "./lib/paths.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = Number(process.env.PORT ?? 3000);
const hostname = "127.0.0.1";
const token = crypto.randomBytes(24).toString("base64url");
process.env.DOSSIER_PEER_TOKEN = token;

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const forwarded = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).replace(/\s+/g, "");
  req.headers["x-dossier-peer"] = `${token} ${req.socket.remoteAddress ?? ""} ${chain}`.trim();
  void handle(req, res);
});
// Idle keep-alive connections stay open longer than the clients that reuse them (browsers, a
// reverse proxy's keepalive — nginx 60 s): Node closes them after 5 s by default, and a request
// sent on one just as it closes fails (ECONNRESET; a proxy answers 502). Headers must be allowed
// at least as long, or Node would time out a reused connection's next request first.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// The heap limit it runs under (scripts/lib/heap.mjs; the smoke run checks `npm start` sets it).
const heapMb = Math.round(v8.getHeapStatistics().heap_size_limit / 1024 ** 2);
server.listen(port, hostname, () => console.log(`▲ Dossier on http://${hostname}:${port} (heap limit ${heapMb} MB)`));
// Stopping ends idle connections at once and busy ones as their request ends (not after 65 s).
const stop = () => {
  server.close(() => process.exit(0));
  setInterval(() => server.closeIdleConnections(), 250).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
