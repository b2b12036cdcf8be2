/**
 * Test-only: called with the ids of record events just before the write pipeline inserts them
 * (lib/records/write/record-events.ts). Null — nothing happens — unless a test sets it. A hook that
 * throws stands for a server killed after the records were written and before their events; one that
 * awaits something lets a test run the recovery in between. Production code never sets it.
 */
type Hook = (ids: string[]) => Promise<void> | void;
let hook: Hook | null = null;

export function setAuditInsertHook(next: Hook | null): void {
  hook = next;
}

export async function auditInsertHook(ids: string[]): Promise<void> {
  if (hook) await hook(ids);
}
