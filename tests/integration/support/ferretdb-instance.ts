import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
// @ts-expect-error plain-JS module shared with the npm scripts
import { freePort, startFerretDB } from "../../../scripts/lib/ferretdb.mjs";

// The differential suites of the embedded database's patches (pushdown, search, trigram index,
// $unwind) each start FerretDB several times with different switches and compare the answers.

export type Db = mongoose.mongo.Db;

/** One FerretDB of a differential suite: its database, its log (the trace switches write there), and how to stop it. */
export interface FerretInstance {
  db: Db;
  log: string;
  stop: () => Promise<void>;
}

/** Starts a FerretDB with these environment switches on a free loopback port, in its own temporary folder. */
export async function startInstance(env: Record<string, string>, options: { prefix: string; dbName?: string; txlock?: "immediate" | "deferred" }): Promise<FerretInstance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix));
  const log = path.join(dir, "ferretdb.log");
  const server = await startFerretDB({ port: await freePort(), dataDir: dir, logFile: log, env, ...(options.txlock ? { txlock: options.txlock } : {}) });
  const client = await mongoose.mongo.MongoClient.connect(server.uri);
  return {
    db: client.db(options.dbName ?? "diff"),
    log,
    stop: async () => {
      await client.close();
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small seeded random generator (mulberry32): the same data on every run. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
