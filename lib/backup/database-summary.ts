import "server-only";
import mongoose from "mongoose";

/** A database as the driver sees it (the app's own by default). */
export type Db = NonNullable<typeof mongoose.connection.db>;
export const appDb = (): Db => mongoose.connection.db!;
import { CollectionDigest, documentText, isBackedUp, type CollectionSummary, type IndexSpec } from "./backup-format";

/** The database's collections that a backup holds, by name. */
export async function backedUpCollections(db: Db = appDb()): Promise<string[]> {
  return (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter(isBackedUp)
    .sort();
}

/**
 * Every document of a collection in `_id` order, each with its archive text: the order and text a
 * backup writes and a restore checks against.
 */
export async function* collectionDocuments(name: string, db: Db = appDb()): AsyncGenerator<{ doc: Record<string, unknown>; text: string }> {
  const cursor = db.collection(name).find({}, { sort: { _id: 1 }, batchSize: 1000 });
  for await (const doc of cursor) yield { doc, text: documentText(doc) };
}

/** Count and SHA-256 of collections as stored now, computed the way a backup's manifest is. */
export async function summarize(names: string[], db: Db = appDb()): Promise<Record<string, CollectionSummary>> {
  const out: Record<string, CollectionSummary> = {};
  for (const name of names) {
    const digest = new CollectionDigest();
    for await (const { text } of collectionDocuments(name, db)) digest.add(text);
    out[name] = digest.summary();
  }
  return out;
}

/** A collection's indexes other than `_id`'s, as createIndex takes them again. */
export async function indexSpecs(name: string, db: Db = appDb()): Promise<IndexSpec[]> {
  const indexes = await db.collection(name).indexes();
  return indexes
    .filter((i) => i.name !== "_id_")
    .map((i) => ({
      name: String(i.name),
      key: i.key as Record<string, number | string>,
      ...(i.unique ? { unique: true } : {}),
      ...(i.sparse ? { sparse: true } : {}),
      ...(typeof i.expireAfterSeconds === "number" ? { expireAfterSeconds: i.expireAfterSeconds } : {}),
    }));
}
