import type { PiiKind } from "../schema/types";
import type { VerificationState } from "../schema/verification";

/** A record as the UI and the API see it. `data` is masked unless `masked` is false. */
export interface RecordView {
  id: string;
  templateKey: string;
  templateVersion: number;
  data: Record<string, unknown>;
  revision: number;
  verification: VerificationState;
  /** The last verification and return, and whether the record waits (see lib/verification). */
  review: ReviewView | null;
  ownerId: string;
  createdBy: { id: string; name: string };
  updatedBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedBy: { id: string; name: string } | null;
  masked: boolean;
  /** Titles of required sections the record still lacks (待补全, a new customer's self-fill); empty when complete. */
  incomplete: string[];
  /** Personal-data kinds shown in full although `masked` (a reader's own records' names: no 查看 needed). */
  clearPii: PiiKind[];
}

/** A record's verification details as the detail page shows them. */
export interface ReviewView {
  since: string | null;
  verifiedBy: { id: string; name: string } | null;
  verifiedAt: string | null;
  verifiedRevision: number | null;
  returnedBy: { id: string; name: string } | null;
  returnedAt: string | null;
  returnReason: string | null;
}

/** One row of a list page: masked values of the list's columns. */
export interface RecordRow {
  id: string;
  revision: number;
  title: string;
  cells: Record<string, unknown>;
  deletedAt: string | null;
  /** Titles of required sections the record still lacks (待补全); absent when complete. */
  incomplete?: string[];
}

/** One page of a list. */
export interface RecordPage {
  rows: RecordRow[];
  /** How many records match; with totalCapped, at least this many (a text search counts no further). */
  total: number;
  totalCapped?: boolean;
  page: number;
  size: number;
  pages: number;
}

/** One entry of a record's history. */
export interface HistoryEntry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  revision: number | null;
  changes: { path: string; label: string; before?: unknown; after?: unknown }[];
  /** What the history shows besides changes: the field a reveal showed, a template migration. */
  meta?: { path?: string; label?: string; fromVersion?: number; toVersion?: number; rule?: string; date?: string; outcome?: string; note?: string; reason?: string; verifiedRevision?: number; bulk?: boolean; fromOwner?: string; toOwner?: string };
}

/** How a write answers: as the detail page shows the record (masked), or in full for in-process callers that sent the data. */
export type RecordAnswer = "masked" | "full";
