import type { WriteHook } from "./record-operation";
import { completenessHook } from "./completeness-hook";
import { reminderFactsHook } from "./reminder-facts-hook";
import { searchTextHook } from "./search-text-hook";
import { verificationHook } from "./verification-hook";

/**
 * Hooks every record write runs, whatever the operation — create, edit, import, self-fill
 * acceptance, migration — after the diff and before the write (see WriteHook). Verification
 * (issue 9): a new record waits for 核对, an edit of a critical field sends a verified record back
 * to 待核对, on every path that edits data. Completeness: a record lacking required sections (a new
 * customer's self-fill) is marked 待补全 until a write holds them all. Reminder facts (issue 10): the
 * flat per-record dates the 工作台's table rules are asked by, kept with the data they come from.
 * Search text (issue 8): the searchable values, flat and indexed, which the search box asks.
 */
export const RECORD_WRITE_HOOKS: readonly WriteHook[] = [verificationHook, completenessHook, reminderFactsHook, searchTextHook];
