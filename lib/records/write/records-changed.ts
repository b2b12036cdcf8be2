/** A record as a write left it: enough for what is kept in memory from many records (the 工作台's reminder index). */
export interface WrittenRecord {
  templateKey: string;
  id: string;
  ownerId: string;
  data: unknown;
  /** Set when the record is in the recycle bin. */
  deletedAt: unknown;
  /** Its revision: what is kept never goes back to an older one. */
  revision: number;
}

/** Told of every record write in this process: the records as written, or null when anything may have changed (a restore). */
export type RecordsListener = (written: readonly WrittenRecord[] | null) => void;

interface Bus {
  listeners: Set<RecordsListener>;
}

// On globalThis: the app's bundles (pages, route handlers, start-up) may each load this module,
// and a write in one must reach what another keeps.
const KEY = Symbol.for("dossier.recordWrites");
const bus: Bus = ((globalThis as Record<symbol, unknown>)[KEY] as Bus | undefined) ?? ((globalThis as Record<symbol, unknown>)[KEY] = { listeners: new Set() } as Bus);

/**
 * Notes that records changed — every record write in this process calls it (single writes,
 * batches; a restore with null) — so that what is kept from many records follows at once.
 * Only this process's writes count: with several app servers, what is kept also expires by age.
 * A listener that throws is ignored: the write is done.
 */
export function recordsChanged(written: readonly WrittenRecord[] | null = null): void {
  for (const listener of bus.listeners) {
    try {
      listener(written);
    } catch {
      // What a listener keeps is a cache; the write stands.
    }
  }
}

/** Listens to record writes (see recordsChanged); returns the function that stops it. */
export function onRecordsChanged(listener: RecordsListener): () => void {
  bus.listeners.add(listener);
  return () => bus.listeners.delete(listener);
}

/** What a stored record document tells listeners. */
export function writtenRecord(doc: { _id: unknown; templateKey: string; ownerId?: unknown; data?: unknown; deletedAt?: unknown; revision?: unknown }): WrittenRecord {
  return { templateKey: doc.templateKey, id: String(doc._id), ownerId: String(doc.ownerId ?? ""), data: doc.data ?? {}, deletedAt: doc.deletedAt ?? null, revision: Number(doc.revision ?? 0) };
}
