import "server-only";
import { Types } from "mongoose";
import type { Actor } from "../../auth/roles";
import { DomainError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import { msg } from "../../i18n/messages";
import type { PublishedTemplate } from "../../templates/types";
import type { RecordFields, StoredRecord } from "./record-operation";

/** Refuses new records in an archived template: its records stay readable and editable, but it takes no more. */
export function assertTakesNewRecords(template: PublishedTemplate, locale: Locale): void {
  if (template.archived)
    throw new DomainError("BAD_REQUEST", msg("records.templateArchived", { template: template.name }), { locale });
}

/**
 * The stored document of a new record, complete (every default written out), so that a single
 * create and a batch insert store exactly the same thing. `createdAt`/`updatedAt` default to now;
 * an import from another system may keep its own.
 */
export function newRecordDoc(params: {
  id: string;
  template: PublishedTemplate;
  data: Record<string, unknown>;
  actor: Actor;
  set?: RecordFields;
  createdAt?: Date;
  updatedAt?: Date;
}): StoredRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date } {
  const { actor } = params;
  const createdAt = params.createdAt ?? new Date();
  return {
    _id: new Types.ObjectId(params.id),
    templateKey: params.template.key,
    templateVersion: params.template.version,
    data: params.data,
    ownerId: actor.id,
    ownerName: actor.name,
    createdBy: actor.id,
    createdByName: actor.name,
    updatedBy: actor.id,
    updatedByName: actor.name,
    revision: 1,
    verification: "unverified",
    deletedAt: null,
    deletedBy: null,
    deletedByName: null,
    ...params.set,
    // A new record waits for 核对 since it was made (one time for a single create and a batch).
    ...(params.set?.review?.since ? { review: { ...params.set.review, since: createdAt } } : {}),
    createdAt,
    updatedAt: params.updatedAt ?? createdAt,
  };
}
