/**
 * The Content-Security-Policy of every HTML page. Scripts run only with the request's nonce (Next
 * puts it on its own scripts when the proxy sets this header on the request) or when such a
 * script inserts them ('strict-dynamic': the chunks Next loads, the template validator scripts
 * the record form loads). No 'unsafe-eval' in production: ajv's validators are precompiled on the
 * server (lib/schema/standalone-code.ts). Only `npm run dev` allows eval, which React's
 * development build needs for its error stacks. Styles stay 'unsafe-inline' (React style
 * attributes, CodeMirror's injected styles); a nonce in style-src would switch that off.
 */
export function pagePolicy({ nonce, dev = false }: { nonce: string; dev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers are data, never documents: nothing in them may load or run, nor be framed. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every response carries. Permissions-Policy turns off browser features no records page
 * needs (camera, microphone, location, payment…); Cross-Origin-Opener-Policy keeps other sites'
 * windows from holding a reference to ours; Cross-Origin-Resource-Policy keeps our responses
 * (record JSON, exports) from being embedded by other sites.
 */
export const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** A fresh nonce: 128 random bits, base64 (what CSP's nonce-source allows). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
