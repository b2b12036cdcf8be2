import { afterAll, inject } from "vitest";

// lib/env.ts reads the environment when first imported, so this runs before any test file.
process.env.MONGODB_URI = inject("mongoUri");
process.env.MONGODB_DB ??= `dossier_it_${process.pid}`;
process.env.DOSSIER_BCRYPT_ROUNDS = "4";
process.env.DOSSIER_ADMIN_PASSWORD ??= "Admin12345";

afterAll(async () => {
  const { default: mongoose } = await import("mongoose");
  await mongoose.disconnect();
});
