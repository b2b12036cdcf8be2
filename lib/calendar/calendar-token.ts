import { createHash, randomBytes } from "node:crypto";

/** A calendar token as handed out: 32 random bytes, base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new random calendar token. */
export function newCalendarToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored and looked up instead of the token: its SHA-256, hex. */
export function hashCalendarToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** True when `value` has the shape of a token (anything else is refused without a lookup). */
export function isCalendarToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}
