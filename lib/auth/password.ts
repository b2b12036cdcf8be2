import "server-only";
import bcrypt from "bcryptjs";
import { env } from "../env";

/** Hashes a password with bcrypt at the configured cost. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, env.bcryptRounds);
}

/** Constant-time check of a password against its bcrypt hash. */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so that response time does not reveal it.
let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check for an unknown account. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= bcrypt.hash("not-a-real-password", env.bcryptRounds);
  await bcrypt.compare(password, await dummyHash);
  return false;
}

/** A random password of unambiguous characters, for generated first admins. */
export function generatePassword(length = 16): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export { passwordProblem, passwordRule } from "./password-rules";
