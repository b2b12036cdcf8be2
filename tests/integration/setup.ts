import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";

// lib/env.ts reads the environment when first imported, so this runs before any test file.
process.env.MONGODB_URI = inject("mongoUri");
process.env.MONGODB_DB ??= `dossier_it_${process.pid}`;
process.env.DOSSIER_BCRYPT_ROUNDS = "4";
process.env.DOSSIER_ADMIN_PASSWORD ??= "Admin12345";
// Uploaded import files and backups go to a throwaway folder, never the checkout's .data.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-it-data-"));
process.env.DOSSIER_DATA_DIR = dataDir;

afterAll(async () => {
  const { default: mongoose } = await import("mongoose");
  await mongoose.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
