import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB, freePort, startFerretDB } from "../../scripts/lib/ferretdb.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

/**
 * Starts a throwaway FerretDB for the integration run: a free port on 127.0.0.1 and a temporary
 * data folder, both gone after the run. MONGODB_URI set by the caller wins (a real MongoDB).
 */
export default async function setup(project: TestProject) {
  if (process.env.MONGODB_URI) {
    project.provide("mongoUri", process.env.MONGODB_URI);
    return;
  }
  ensureFerretDB({ quiet: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-it-"));
  const db = await startFerretDB({ port: await freePort(), dataDir: dir, logFile: path.join(dir, "ferretdb.log") });
  project.provide("mongoUri", db.uri);
  return async () => {
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
