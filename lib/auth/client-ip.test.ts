import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const token = "t0k3n";
const peer = (socket: string, forwarded = "") => ({ "x-dossier-peer": `${token} ${socket} ${forwarded}`.trim() });

describe("clientIp behind Dossier's own server (scripts/serve.mjs)", () => {
  it("with nothing in front, is the socket's address whatever X-Forwarded-For the client made up", () => {
    expect(clientIp(peer("127.0.0.2"), 0, token)).toBe("127.0.0.2");
    expect(clientIp({ ...peer("127.0.0.2", "6.6.6.6"), "x-forwarded-for": "6.6.6.6" }, 0, token)).toBe("127.0.0.2");
    expect(clientIp({ ...peer("203.0.113.9", "1.1.1.1,2.2.2.2") }, 0, token)).toBe("203.0.113.9");
  });
  it("behind n proxies, is the address the outermost one appended", () => {
    // client → proxy A (appends the client's 203.0.113.9) → app (socket: A's 10.0.0.2)
    expect(clientIp(peer("10.0.0.2", "6.6.6.6,203.0.113.9"), 1, token)).toBe("203.0.113.9");
    // client → A → B → app: A appended the client, B appended A
    expect(clientIp(peer("10.0.0.3", "6.6.6.6,203.0.113.9,10.0.0.2"), 2, token)).toBe("203.0.113.9");
    // Fewer entries than proxies (a request that skipped one): the first there is.
    expect(clientIp(peer("10.0.0.2"), 2, token)).toBe("10.0.0.2");
  });
  it("ignores a peer header without this process's token (a client sending its own)", () => {
    expect(clientIp({ "x-dossier-peer": "guess 6.6.6.6", "x-forwarded-for": "127.0.0.1" }, 0, token)).toBe("127.0.0.1");
    expect(clientIp({ "x-dossier-peer": `${token} 6.6.6.6` }, 0, undefined)).toBe("local");
  });
});

describe("clientIp without it (next dev)", () => {
  it("reads X-Forwarded-For as Next.js left it, then X-Real-IP, then one shared key", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.9" }, 0, undefined)).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, 1, undefined)).toBe("203.0.113.9");
    expect(clientIp({ "x-real-ip": "198.51.100.7" }, 0, undefined)).toBe("198.51.100.7");
    expect(clientIp({}, 0, undefined)).toBe("local");
    expect(clientIp(undefined)).toBe("local");
  });
});
