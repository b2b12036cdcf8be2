import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the address our proxy appended, not the one the client made up", () => {
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "203.0.113.9" })).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "1.1.1.1, 6.6.6.6, 203.0.113.9, 10.0.0.2" }, 2)).toBe("203.0.113.9");
  });
  it("falls back to X-Real-IP, then to one shared key", () => {
    expect(clientIp({ "x-real-ip": "198.51.100.7" })).toBe("198.51.100.7");
    expect(clientIp({})).toBe("local");
    expect(clientIp(undefined)).toBe("local");
  });
});
