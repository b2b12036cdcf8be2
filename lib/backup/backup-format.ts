/**
 * Dossier's backup archive: one gzip-compressed file of JSON lines (`.ndjson.gz`), written and
 * read as a stream.
 *
 *   {"dossierBackup":1,"createdAt":"…","database":"dossier"}          the header
 *   {"c":"records","d":{…}}                                             one line per document,
 *   …                                                                   a collection at a time
 *   {"manifest":{"collections":{"records":{"count":n,"sha256":"…"}},"indexes":{…}}}
 *
 * Documents are MongoDB Extended JSON in its canonical form (dates, ObjectIds and numbers keep
 * their types). A collection's SHA-256 is taken over its documents' JSON text, each followed by
 * a newline, in `_id` order, so the same hash can be computed again from the restored database.
 * The manifest comes last: a file cut short has none and is refused.
 */
import { createHash, type Hash } from "node:crypto";
import mongoose from "mongoose";

export const BACKUP_FORMAT = 1;

export interface CollectionSummary {
  count: number;
  sha256: string;
}

export interface IndexSpec {
  name: string;
  key: Record<string, number | string>;
  unique?: boolean;
  sparse?: boolean;
  expireAfterSeconds?: number;
}

export interface Manifest {
  collections: Record<string, CollectionSummary>;
  indexes: Record<string, IndexSpec[]>;
}

export interface BackupHeader {
  dossierBackup: number;
  createdAt: string;
  database: string;
}

const { EJSON } = mongoose.mongo.BSON;

/** A document as the archive writes it (and as the checksum sees it). */
export const documentText = (doc: unknown): string => EJSON.stringify(doc as never, { relaxed: false });

/** A document back from its archive text, with its types. */
export const documentFrom = (value: unknown): Record<string, unknown> => EJSON.deserialize(value as never, { relaxed: false }) as Record<string, unknown>;

/** Count and SHA-256 of one collection's documents, fed one document text at a time. */
export class CollectionDigest {
  private hash: Hash = createHash("sha256");
  count = 0;
  add(text: string): void {
    this.hash.update(text);
    this.hash.update("\n");
    this.count++;
  }
  summary(): CollectionSummary {
    return { count: this.count, sha256: this.hash.digest("hex") };
  }
}

/** One document's line in the archive. */
export const documentLine = (collection: string, text: string) => `{"c":${JSON.stringify(collection)},"d":${text}}`;

/** Backup files as the tools name them: dossier-YYYYMMDD-HHMMSS.ndjson.gz. */
export const BACKUP_NAME = /^dossier-\d{8}-\d{6}\.ndjson\.gz$/;

/** Collections a backup leaves out: the database's own, and the pause leases of running work (lib/jobs/job-pause.ts). */
export const isBackedUp = (name: string) => !name.startsWith("system.") && name !== "locks";
