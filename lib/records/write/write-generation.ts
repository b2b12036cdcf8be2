/**
 * A counter every record write in this process moves (single writes, batches, restores), so
 * what is computed from many records — the 工作台's reminders — can be kept between requests and
 * dropped the moment any record changes: reminders follow edits at once. Only this process's
 * writes move it: with several app servers, a kept result also expires by its own age.
 */
let generation = 0;

/** Notes that records changed. */
export function recordsChanged(): void {
  generation++;
}

/** The current count: a result computed at another one may be out of date. */
export function recordsGeneration(): number {
  return generation;
}
