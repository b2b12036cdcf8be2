import type { WriteHook } from "./record-operation";
import { completenessHook } from "./completeness-hook";
import { verificationHook } from "./verification-hook";

/**
 * Hooks every record write runs, whatever the operation — create, edit, import, self-fill
 * acceptance, migration — after the diff and before the write (see WriteHook). Verification
 * (issue 9): a new record waits for 核对, an edit of a critical field sends a verified record back
 * to 待核对, on every path that edits data. Completeness: a record lacking required sections (a new
 * customer's self-fill) is marked 待补全 until a write holds them all.
 */
export const RECORD_WRITE_HOOKS: readonly WriteHook[] = [verificationHook, completenessHook];
