/** A base no real request has: only paths that stay on it are ours. */
const BASE = "http://dossier.invalid";

/**
 * The path to go to after sign-in, or "/" when the value would leave the app. The value is
 * resolved the way a browser resolves it (backslashes are slashes, tabs and newlines dropped), so
 * `/\evil.com`, `/\t/evil.com` or `//evil.com` cannot pass as a path; the answer is the resolved
 * path itself, never the raw value, and never starts with two slashes (a protocol-relative address).
 */
export function safeCallback(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") || path.startsWith("/\\") ? "/" : path;
}
