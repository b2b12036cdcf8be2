// npm run bench:export [-- --records 100000]
// Exports of the customer archive through the export service (lib/exports/export-records.ts),
// the file consumed as a browser would, against reading the same records raw through the driver.
// Started by benchmarks/run.mjs with MONGODB_URI set to a throwaway FerretDB. See README.md.
import mongoose from "mongoose";
import { exportRecords } from "../lib/exports/export-records";
import { machine, rssSampler, setting, since, table } from "./lib/measure";
import { seedArchive } from "./lib/seed-archive";

const TEMPLATE = "customer-archive";
const RECORDS = setting("RECORDS", 20_000);
const SEED = setting("SEED", 1);
const say = (s: string) => console.log(s);

async function main() {
  say(`\n## bench:export — ${new Date().toISOString()}\n\nmachine: ${await machine()}\n`);
  const { actor, seeded } = await seedArchive({ templateKey: TEMPLATE, count: RECORDS, seed: SEED });
  say(`seeded ${seeded.inserted} records in ${(seeded.ms / 1000).toFixed(0)} s (fixture)\n`);

  const coll = mongoose.connection.db!.collection("records");
  const t = performance.now();
  let raw = 0;
  for await (const doc of coll.find({ templateKey: TEMPLATE, deletedAt: null }).sort({ updatedAt: -1, _id: -1 }).batchSize(500)) if (doc) raw++;
  const rawMs = since(t);

  const rows: (string | number)[][] = [["raw driver: read every record (same sort)", raw, "–", (rawMs / 1000).toFixed(1), Math.round(raw / (rawMs / 1000)).toLocaleString("en-US"), "–", "–"]];
  const cases: [string, Record<string, string>][] = [
    [".xlsx, the list's columns", { format: "xlsx", columns: "list" }],
    [".xlsx, every field, tables flattened", { format: "xlsx", columns: "all", tables: "flat" }],
    [".xlsx, every field, a sheet per table", { format: "xlsx", columns: "all", tables: "sheets" }],
    [".csv, every field, personal data in full (audited)", { format: "csv", columns: "all", personal: "1" }],
  ];
  for (const [name, params] of cases) {
    const rss = rssSampler();
    const start = performance.now();
    const out = await exportRecords({ actor, templateKey: TEMPLATE, searchParams: new URLSearchParams(params), locale: "zh" });
    let bytes = 0;
    const reader = out.stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    const elapsed = since(start);
    rows.push([name, out.count, (bytes / 1024 / 1024).toFixed(1) + " MB", (elapsed / 1000).toFixed(1), Math.round(out.count / (elapsed / 1000)).toLocaleString("en-US"), (raw / (rawMs / 1000) / (out.count / (elapsed / 1000))).toFixed(2) + "×", rss.stop().toFixed(0)]);
    console.error(`[bench] ${name}: ${(elapsed / 1000).toFixed(1)} s`);
  }
  say(table(["export", "records", "file", "s", "records/s", "raw ÷ export", "peak RSS MB"], rows));
  await mongoose.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
