import type { WriteHook } from "./record-operation";
import { verificationHook } from "./verification-hook";

/**
 * Hooks every record write runs, whatever the operation — create, edit, import, self-fill
 * acceptance, migration — after the diff and before the write (see WriteHook). Verification
 * (issue 9): a new record waits for 核对, an edit of a critical field sends a verified record back
 * to 待核对, on every path that edits data.
 */
export const RECORD_WRITE_HOOKS: readonly WriteHook[] = [verificationHook];
