import { roleCan, type Actor } from "../auth/roles";

/** What a reader may do and see on a template's list, decided once for the page and the list service. */
export interface ListPermissions {
  create: boolean;
  /** Open the recycle bin and restore from it. */
  restore: boolean;
  loadDemo: boolean;
  /** Hand ticked records to another owner (转移给…): administrators. */
  transfer: boolean;
  /**
   * Search, filter and sort by personal data: only those who may reveal it. A mask leaves most of
   * a value in view, so a query on what the reader sees masked would confirm a guess in a few tries.
   */
  personalData: boolean;
}

export function listPermissions(actor: Actor): ListPermissions {
  return {
    create: roleCan(actor.role, "record.create"),
    restore: roleCan(actor.role, "record.restore"),
    loadDemo: roleCan(actor.role, "demo.load"),
    transfer: roleCan(actor.role, "record.transfer"),
    personalData: roleCan(actor.role, "pii.reveal"),
  };
}
