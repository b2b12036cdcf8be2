import { describe, expect, it } from "vitest";
import { safeCallback } from "./safe-callback";

describe("safeCallback", () => {
  it("keeps the app's own paths with their query and hash", () => {
    expect(safeCallback("/t/customer-archive?q=%E5%BC%A0#x")).toBe("/t/customer-archive?q=%E5%BC%A0#x");
    expect(safeCallback(["/verification", "/other"])).toBe("/verification");
  });

  it("answers / for anything that would leave the app", () => {
    for (const hostile of [
      "//evil.com",
      "/\\evil.com",
      "/\\/evil.com",
      "/\t/evil.com",
      "/\n/evil.com",
      "https://evil.com",
      "javascript:alert(1)",
      "evil.com",
      "/.//evil.com",
      "/..//evil.com",
      "",
      undefined,
    ]) {
      const got = safeCallback(hostile);
      // Resolved against the page the way a browser would, it must stay on the page's origin.
      expect(new URL(got, "https://dossier.example").origin, String(hostile)).toBe("https://dossier.example");
      expect(got.startsWith("//") || got.startsWith("/\\"), String(hostile)).toBe(false);
    }
  });

  it("keeps an encoded tab as a harmless path", () => {
    const got = safeCallback("/%09/evil.com");
    expect(new URL(got, "https://dossier.example").origin).toBe("https://dossier.example");
  });
});
