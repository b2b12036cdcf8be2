import type { WriteHook } from "./record-operation";

/**
 * Hooks every record write runs, whatever the operation — create, edit, import, self-fill
 * acceptance, migration — after the diff and before the write (see WriteHook). Empty until a
 * concern needs one; verification (issue 9) is the first expected: an edit of a critical field
 * sends a verified record back to 待核对, on every path that edits data.
 */
export const RECORD_WRITE_HOOKS: readonly WriteHook[] = [];
