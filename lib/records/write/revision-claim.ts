import "server-only";
import { claimRevision as claim, claimRevisions } from "../../db/claim-revision";
import { RecordModel } from "../../db/models/record";

export { CLAIM_LEASE_MS } from "../../db/claim-revision";

/** Claims the next revision of a record (see lib/db/claim-revision.ts for why). */
export function claimRevision(recordId: string, expected: number) {
  return claim({
    entity: "record",
    id: recordId,
    expected,
    currentRevision: async () => (await RecordModel.findById(recordId, { revision: 1 }).lean())?.revision ?? null,
  });
}

/** Claims the next revisions of many records at once; those another writer holds are left out (see claimRevisions). */
export function claimRecordRevisions(targets: { id: string; expected: number }[], claimant?: string) {
  return claimRevisions("record", targets, claimant);
}
