import "server-only";

const DUPLICATE_KEY = 11000;

/**
 * Which documents of an unordered insertMany were refused only because their `_id` (or another
 * unique key) is already taken, by their index in the batch. Throws the error again when anything
 * else went wrong: then the batch did not do what the caller assumes. The driver reports one
 * refused document as an object and several as an array; both are read here.
 */
export function duplicateIndexes(err: unknown): number[] {
  const raw = (err as { writeErrors?: unknown }).writeErrors;
  const errors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { code?: number; index?: number }[];
  if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY || typeof e.index !== "number")) throw err;
  return errors.map((e) => e.index as number);
}

/**
 * For `.catch` after an unordered insertMany of documents with fixed ids that may be there already
 * (a batch run again): duplicates are fine, anything else — a refused write of another kind, a
 * lost connection, which carries no `writeErrors` at all — is thrown again.
 */
export function ignoreDuplicates(err: unknown): void {
  duplicateIndexes(err);
}

/** True for a single write refused because its `_id` (or another unique key) is taken. */
export const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === DUPLICATE_KEY;
