import type { Actor, Permission } from "../../auth/roles";
import type { RecordDoc } from "../../db/models/record";
import type { DomainError, FieldError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import type { FieldChange } from "../../shared/field-change";
import type { ConversionFailure } from "../../template-model/apply-op-to-data";
import type { PublishedTemplate } from "../../templates/types";

/** A record as stored. */
export type StoredRecord = RecordDoc & { _id: unknown };

/** The record fields besides its data that an operation or a hook may set. */
export type RecordFields = Partial<
  Pick<RecordDoc, "ownerId" | "ownerName" | "updatedBy" | "updatedByName" | "verification" | "review" | "incomplete" | "facts" | "search" | "deletedAt" | "deletedBy" | "deletedByName">
>;

/** What every step of a write knows once the record is loaded. */
export interface WriteContext {
  /** The operation's audit action ("record.update", "record.migrate"…): a hook may treat some differently. */
  action: string;
  actor: Actor;
  /** The version written to: the template's current one, or the one a migration moves records to. */
  template: PublishedTemplate;
  locale: Locale;
  recordId: string;
  /** The stored record; null when the write creates one. */
  existing: StoredRecord | null;
  /** The stored data in the shape of `template.version` (pending key/type migrations applied); {} for a new record. */
  stored: Record<string, unknown>;
  /** Stored values that those migrations could not convert; they stay as they are in `stored`. */
  upgradeFailures: ConversionFailure[];
}

/** An operation's own step: what it changes. Everything else the pipeline does for it. */
export interface RecordChange {
  /**
   * The record's next data: checked with the template's schema (unless `checked`), diffed with
   * the stored data, its unique values claimed. Left out when the data stays (delete, restore).
   */
  data?: unknown;
  /** The data was already checked by the operation (a migration converts values for the new version). */
  checked?: boolean;
  /** The change as the audit trail and the history show it, when the operation describes it itself. */
  changes?: FieldChange[];
  /** Other fields to set. */
  set?: RecordFields;
  /** Whether the record is in the recycle bin afterwards (default: where it was). Decides which unique values it holds. */
  trashed?: boolean;
  /** Moves the revision (default). A migration that only notes the version it upgraded to does not, so no edit conflicts with it. */
  bump?: boolean;
  /** Sets updatedAt (default). A migration is not an edit by a person: "last updated" stays. */
  touch?: boolean;
  /** More for the audit event's meta. */
  meta?: Record<string, unknown>;
}

/** What the steps after the diff know: the record's next data and the change in fields. */
export interface DiffedContext extends WriteContext {
  change: RecordChange;
  /** The data the record will hold. */
  next: Record<string, unknown>;
  changes: FieldChange[];
}

/**
 * A concern of every write, whatever the operation (e.g. verification: an edit of a critical
 * field sends a verified record back to 待核对). It runs after the diff, before anything is
 * claimed or written, and may set more fields, which are stored atomically with the write. It
 * must be pure: a retried write runs it again.
 */
export interface WriteHook {
  name: string;
  beforeWrite(ctx: DiffedContext): RecordFields | void;
}

/** Which record an operation writes. */
export type RecordTarget =
  /** A new record; `id` lets a caller make the write idempotent (an import row's own id). */
  | { create: true; id?: string }
  /** A stored record, found in the live list or in the recycle bin. */
  | { id: string; in: "live" | "trash" }
  /** A record the caller has just read (a migration's batch). */
  | { doc: StoredRecord };

/**
 * One write of one record, as create, update, delete, restore and a migration's per-record step
 * describe it to the pipeline (writeRecord). Only `change` is the operation's own step; the
 * optional parts adapt the shared steps where an operation differs.
 */
export interface RecordOperation<Out> {
  /** The audit action ("record.update"). */
  action: string;
  permission: Permission;
  actor: Actor | null;
  templateKey: string;
  locale?: Locale;
  record: RecordTarget;
  /** The revision the caller's edit started from (default: the stored one). */
  expectedRevision?: number;
  /** The version to write to (default: the template's current published version). */
  template?: PublishedTemplate;
  /** Checks on the request itself, right after the permission check and before anything is read. */
  checkInput?(): void;
  /** Rules that need the template or the stored record (no new records in an archived template; agents delete only their own). */
  guard?(ctx: WriteContext): void;
  /** The operation's own step: what it changes, or null to write nothing. */
  change(ctx: WriteContext): RecordChange | null | Promise<RecordChange | null>;
  /** Hooks of this operation only, after those of every write (write-hooks.ts). */
  hooks?: WriteHook[];
  /** The answer to a lost race (someone saved in between). Default: the conflict error naming who and what. */
  onConflict?(ctx: WriteContext, expected: number): Promise<Out>;
  /** The error for values another record holds. Default: a validation error, one field error each; null writes without them. */
  onTaken?(conflicts: FieldError[], ctx: WriteContext): DomainError | null;
  /** The answer: from the record as written, or null when nothing was written. */
  result(ctx: WriteContext, written: StoredRecord | null): Out;
}
