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

/** The lengths of a record's tables (arrays of rows anywhere in its data). */
function tableLengths(value: unknown): number[] {
  if (Array.isArray(value)) return value.some((v) => v && typeof v === "object" && !Array.isArray(v)) ? [value.length] : [];
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.values(value).flatMap(tableLengths);
  return [];
}

async function main() {
  say(`\n## bench:export — ${new Date().toISOString()}\n\nmachine: ${await machine()}\n`);
  const { actor, seeded } = await seedArchive({ templateKey: TEMPLATE, count: RECORDS, seed: SEED });
  say(`seeded ${seeded.inserted} records in ${(seeded.ms / 1000).toFixed(0)} s (fixture)\n`);

  const coll = mongoose.connection.db!.collection("records");
  const t = performance.now();
  let raw = 0;
  // Spreadsheet rows per layout, counted from the records read: the target is in rows.
  const sheetRows = { flat: 0, sheets: 0 };
  for await (const doc of coll.find({ templateKey: TEMPLATE, deletedAt: null }).sort({ updatedAt: -1, _id: -1 }).batchSize(500)) {
    raw++;
    const lengths = tableLengths(doc.data);
    sheetRows.flat += Math.max(1, ...lengths);
    sheetRows.sheets += 1 + lengths.reduce((a, b) => a + b, 0);
  }
  const rawMs = since(t);

  const perS = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en-US");
  const rows: (string | number)[][] = [["raw driver: read every record (same sort)", raw, "–", "–", (rawMs / 1000).toFixed(1), perS(raw, rawMs), "–", "–", "–"]];
  const cases: [string, Record<string, string>, number][] = [
    [".xlsx, the list's columns", { format: "xlsx", columns: "list" }, raw],
    [".xlsx, every field, tables flattened", { format: "xlsx", columns: "all", tables: "flat" }, sheetRows.flat],
    [".xlsx, every field, a sheet per table", { format: "xlsx", columns: "all", tables: "sheets" }, sheetRows.sheets],
    [".csv, every field, personal data in full (audited)", { format: "csv", columns: "all", personal: "1" }, sheetRows.flat],
  ];
  for (const [name, params, dataRows] of cases) {
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
    rows.push([name, out.count, dataRows, (bytes / 1024 / 1024).toFixed(1) + " MB", (elapsed / 1000).toFixed(1), perS(out.count, elapsed), perS(dataRows, elapsed), (raw / (rawMs / 1000) / (out.count / (elapsed / 1000))).toFixed(2) + "×", rss.stop().toFixed(0)]);
    console.error(`[bench] ${name}: ${(elapsed / 1000).toFixed(1)} s`);
  }
  say(table(["export", "records", "rows", "file", "s", "records/s", "rows/s", "raw ÷ export (records)", "peak RSS MB"], rows));
  await mongoose.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
