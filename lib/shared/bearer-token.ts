import { createHash, randomBytes } from "node:crypto";

/** A bearer token as handed out (calendar feeds, self-fill links): 32 random bytes, base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new random bearer token: the credential in a link's address. */
export function newBearerToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored and looked up instead of the token: its SHA-256, hex. A copy of the database opens no link. */
export function hashBearerToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** True when `value` has the shape of a token; anything else is refused without a lookup. */
export function isBearerToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}
