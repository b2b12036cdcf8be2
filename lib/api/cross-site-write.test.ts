import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./cross-site-write";

const APP = new URL("http://127.0.0.1:3000/api/teams");

/** The decision for one request to the app at APP, with these headers. */
function decide(method: string, headers: Record<string, string>, publicUrl?: string) {
  return isCrossSiteWrite({ method, url: APP, headers: new Headers(headers), publicUrl });
}

describe("isCrossSiteWrite", () => {
  it("refuses a write another site's page sends", () => {
    expect(decide("POST", { origin: "http://evil.example" })).toBe(true);
    expect(decide("DELETE", { origin: "http://evil.example", host: "127.0.0.1:3000" })).toBe(true);
    expect(decide("PUT", { "sec-fetch-site": "cross-site" })).toBe(true);
    // The browser's word wins even when the Origin looks like ours.
    expect(decide("PATCH", { "sec-fetch-site": "cross-site", origin: "http://127.0.0.1:3000" })).toBe(true);
    // A sandboxed frame or a cross-site redirect says "null"; a malformed Origin is not ours either.
    expect(decide("POST", { origin: "null" })).toBe(true);
    expect(decide("POST", { origin: "not a url" })).toBe(true);
    // Same host, other port: another origin.
    expect(decide("POST", { origin: "http://127.0.0.1:4000", host: "127.0.0.1:3000" })).toBe(true);
  });

  it("lets the app's own pages write", () => {
    expect(decide("POST", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).toBe(false);
    // Next writes a loopback request's own URL with "localhost"; the page's Origin keeps its address.
    const nextUrl = new URL("http://localhost:3000/api/teams");
    expect(isCrossSiteWrite({ method: "POST", url: nextUrl, headers: new Headers({ origin: "http://127.0.0.1:3000" }) })).toBe(false);
    expect(isCrossSiteWrite({ method: "POST", url: nextUrl, headers: new Headers({ origin: "http://127.0.0.1:3001" }) })).toBe(true);
    // Behind a TLS proxy the server sees http, the browser says https: the host is what matches.
    expect(decide("POST", { origin: "https://dossier.example", host: "dossier.example" })).toBe(false);
    expect(decide("POST", { origin: "https://dossier.example", host: "127.0.0.1:3000", "x-forwarded-host": "dossier.example" })).toBe(false);
    // The configured public URL is ours.
    expect(decide("POST", { origin: "https://dossier.example" }, "https://dossier.example/")).toBe(false);
    expect(decide("POST", { origin: "https://other.example" }, "https://dossier.example/")).toBe(true);
    // A sibling site of the same registrable domain is not refused by Sec-Fetch-Site alone.
    expect(decide("POST", { "sec-fetch-site": "same-site" })).toBe(false);
  });

  it("lets requests without either header through (curl, scripts, tests) and never refuses reads", () => {
    expect(decide("POST", {})).toBe(false);
    expect(decide("GET", { origin: "http://evil.example", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(decide("HEAD", { "sec-fetch-site": "cross-site" })).toBe(false);
  });
});
