// node benchmarks/pushdown.mjs <ferretdb binary> [<another binary> …] [--events 100000] [--records 10000]
// Times the queries the string-equality patch is about (benchmarks/README.md, run 6) against each
// given FerretDB binary in turn: a record's history among 100,000 audit events, a string equality
// that matches nothing and a default list page among 10,000 records; and the conditions on a
// table's column that the superset translation is about (run 11): a due-date range over the rows
// of a 缴费记录 table (what a 工作台 rule asks) and a search in a table's column. Each binary gets its own
// temporary data folder on a free 127.0.0.1 port, removed afterwards. To compare with the
// unpatched backend, build one from FerretDB's source without scripts/lib/ferretdb.mjs's PATCHES.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MongoClient, ObjectId } from "mongodb";
import { freePort, startFerretDB } from "../scripts/lib/ferretdb.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const USAGE = "usage: node benchmarks/pushdown.mjs <ferretdb binary> [<another binary> …] [--events 100000] [--records 10000]";
// Sizes are flags so that `npm run test:smoke` can run the same script in seconds; the published
// figures (benchmarks/README.md, run 6) use the defaults.
const sizes = { events: 100_000, records: 10_000 };
const binaries = [];
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  const flag = /^--(events|records)$/.exec(arg);
  if (!flag) {
    if (arg.startsWith("--")) {
      console.error(`unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
    binaries.push(arg);
    continue;
  }
  const n = Number(process.argv[++i]);
  // Whole thousands: the seeding inserts batches of 1,000.
  if (!Number.isInteger(n) || n < 1000 || n % 1000 !== 0) {
    console.error(`--${flag[1]} must be a multiple of 1000, got "${process.argv[i]}"\n${USAGE}`);
    process.exit(2);
  }
  sizes[flag[1]] = n;
}
if (binaries.length === 0) {
  console.error(USAGE);
  process.exit(2);
}

async function withFerret(bin, fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-pushdown-"));
  const db = await startFerretDB({ port: await freePort(), dataDir: dir, bin: path.resolve(bin) });
  const client = await MongoClient.connect(db.uri);
  try {
    return await fn(client.db("bench"));
  } finally {
    await client.close();
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timed(runs, fn) {
  const out = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); out.push(Math.round(performance.now() - t)); }
  return out.join(" · ");
}

async function history(db) {
  const col = db.collection("audit_events");
  await col.createIndex({ entity: 1, entityId: 1, at: -1 });
  const N = sizes.events;
  for (let i = 0; i < N; i += 1000) {
    const batch = [];
    for (let j = i; j < i + 1000; j++) batch.push({ _id: `record:${j}:1`, at: new Date(1e12 + j), actorId: "u1", actorName: "管理员", actorRole: "admin", action: "record.create", entity: "record", entityId: `r${j % (N / 2)}`, templateKey: "customer-archive", revision: 1, changes: [{ path: "/basic/name", label: "姓名", before: null, after: `张三${j}` }, { path: "/policy/type", label: "保险类型", before: null, after: "寿险" }] });
    await col.insertMany(batch);
  }
  return timed(3, () => col.find({ entity: "record", entityId: "r42", templateKey: "customer-archive" }).sort({ at: -1, revision: -1 }).limit(200).toArray());
}

/** An ISO date spreading rows over about three years (a payment's due date). */
const day = (i) => new Date(Date.UTC(2024, 0, 1) + (i % 1100) * 86_400_000).toISOString().slice(0, 10);

async function records(db) {
  const col = db.collection("records");
  const N = sizes.records;
  for (let i = 0; i < N; i += 1000) {
    const batch = [];
    for (let j = i; j < i + 1000; j++) batch.push({ _id: new ObjectId(), templateKey: "customer-archive", templateVersion: 1, revision: 1, deletedAt: j % 100 === 0 ? new Date() : null, updatedAt: new Date(1e12 + j * 1000), data: { basic: { name: `张三${j}`, idNumber: "11010519491231002X", phone: "13800138000", address: `北京市朝阳区某某路${j}` }, policy: { type: ["寿险", "重疾险", "医疗险"][j % 3], start: "2024-01-01", premium: j * 10 }, beneficiaries: [{ name: "李四", share: 50 }, { name: `王五${j}`, share: 50 }], payments: [0, 1, 2].map((k) => ({ due: day(j * 3 + k), status: k === 2 ? "未缴费" : "已缴费", amount: 1000 })), notes: { text: "x".repeat(600) } } });
    await col.insertMany(batch);
  }
  const filter = { templateKey: "customer-archive", deletedAt: null };
  const none = await timed(2, () => col.find({ entity: "x", entityId: "1" }).toArray());
  const list = await timed(3, () => Promise.all([col.find(filter).sort({ updatedAt: -1 }).limit(20).toArray(), col.countDocuments(filter)]));
  // About 15 days of 1,100: ~1.4 % of the rows, on ~4 % of the records.
  const dueSoon = { ...filter, "data.payments": { $exists: true }, "data.payments.status": "未缴费", "data.payments.due": { $gte: "2025-03-01", $lte: "2025-03-15" } };
  const due = await timed(3, () => col.find(dueSoon, { projection: { _id: 1, data: 1 } }).toArray());
  const search = await timed(3, () => col.find({ ...filter, "data.beneficiaries.name": { $regex: "王五123", $options: "i" } }).limit(20).toArray());
  return { none, list, due, search };
}

console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
const n = (x) => x.toLocaleString("en-US");
console.log(`| binary | history, ${n(sizes.events)} audit events (ms) | string equality matching nothing, ${n(sizes.records)} records (ms) | default list page 1, ${n(sizes.records)} records (ms) | table rows due in 15 days (ms) | search in a table's column (ms) |`);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const bin of binaries) {
  const h = await withFerret(bin, history);
  const r = await withFerret(bin, records);
  console.log(`| ${bin} | ${h} | ${r.none} | ${r.list} | ${r.due} | ${r.search} |`);
}
