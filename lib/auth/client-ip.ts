/**
 * The address a sign-in came from, for rate limiting. The app listens on 127.0.0.1 behind a
 * reverse proxy, which appends the address it saw to X-Forwarded-For; entries before that are
 * whatever the client sent, so the first one is the client's to choose (a new one per attempt
 * would dodge the per-address limit). `hops` proxies in a row each append one: the n-th entry
 * from the end is the one the outermost proxy of ours wrote.
 */
export function clientIp(headers: Record<string, unknown> | undefined, hops = 1): string {
  const forwarded = headers?.["x-forwarded-for"];
  const list = typeof forwarded === "string" ? forwarded.split(",").map((s) => s.trim()).filter(Boolean) : [];
  const chosen = list.length >= hops ? list[list.length - hops] : list[0];
  const realIp = headers?.["x-real-ip"];
  return (chosen || (typeof realIp === "string" && realIp.trim()) || "local").slice(0, 100);
}
