import { errors } from "../i18n/dictionaries/errors";
import { HTML_LANG, type Locale } from "../i18n/locale";

/** Seconds a browser waits before asking again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * The page answered (503) instead of any app page while the database is away: says what is
 * happening in the reader's language and reloads itself every few seconds (no script, so it needs
 * nothing from the app and passes any Content-Security-Policy), landing on the page asked for once
 * the database is back.
 */
export function unavailablePage(locale: Locale): Response {
  const t = errors[locale].unavailable;
  const html = `<!doctype html>
<html lang="${HTML_LANG[locale]}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<title>${escape(t.title)}</title>
<style>body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:32rem;margin:0 auto;padding:6rem 1.5rem;text-align:center}h1{font-size:1.125rem;margin:0 0 .5rem}
p{font-size:.875rem;line-height:1.5rem;color:#64748b;margin:.5rem 0}</style></head>
<body><main role="alert"><h1>${escape(t.title)}</h1><p>${escape(t.description)}</p><p>${escape(t.retrying)}</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" },
  });
}
