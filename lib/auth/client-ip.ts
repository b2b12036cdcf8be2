/**
 * The address a sign-in came from, for rate limiting.
 *
 * Served by scripts/serve.mjs (npm start, the end-to-end server), every request carries
 * `x-dossier-peer`: a token only this process knows, the socket's address, and the
 * X-Forwarded-For that arrived. The chain is what was forwarded followed by the socket's address;
 * with `hops` reverse proxies of ours in front (DOSSIER_PROXY_HOPS, 0 by default: nothing in
 * front), each appended the address it saw, so the entry `hops` places before the end is the
 * client's — anything earlier is the client's to make up. Without the token (`next dev`, or
 * `next start` run by hand) Next.js has written the socket's address into X-Forwarded-For only
 * when the client sent none: the same rule on that header is the best left.
 */
export function clientIp(headers: Record<string, unknown> | undefined, hops = 0, token = process.env.DOSSIER_PEER_TOKEN): string {
  const peer = headers?.["x-dossier-peer"];
  if (token && typeof peer === "string") {
    const [given, socket = "", forwarded = ""] = peer.split(" ");
    if (given === token && socket) return pick([...split(forwarded), socket], hops);
  }
  const list = split(headers?.["x-forwarded-for"]);
  const realIp = headers?.["x-real-ip"];
  return (list.length ? pick(list, Math.max(hops - 1, 0)) : (typeof realIp === "string" && realIp.trim()) || "local").slice(0, 100);
}

function split(value: unknown): string[] {
  return typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : [];
}

/** The entry `hops` places before the end of the chain, or its first when the chain is shorter. */
function pick(chain: string[], hops: number): string {
  return (chain[chain.length - 1 - hops] ?? chain[0]).slice(0, 100);
}
