/**
 * A counter closing or snoozing a reminder in this process moves: a kept 工作台 (workbench-page.ts)
 * computed before it is out of date, as one computed before a record write is (write-generation.ts).
 */
let handled = 0;

/** Notes that a reminder was closed or snoozed. */
export function remindersHandled(): void {
  handled++;
}

/** The current count. */
export function remindersHandledCount(): number {
  return handled;
}
