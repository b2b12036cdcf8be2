import mongoose from "mongoose";
import { foldMonths } from "../../../lib/statistics/fold-months";
import { prng, type Db } from "./ferretdb-instance";

// The data, widget shapes and comparison of the $unwind pushdown's differential suites
// (database-unwind-pushdown.test.ts: the statement over json_each; database-unwind-rows.test.ts:
// the row copy kept by triggers).

export type Doc = Record<string, unknown>;

const STATUS = ["已缴费", "未缴费", "逾期", "Ärger 🙂", ""];

/** Amounts with cents: at most two decimals (a double), or whole (an int). */
export const centsAmount = (r: () => number) => (r() < 0.3 ? Math.floor(r() * 6000) * 10 : Math.floor(r() * 6_000_000) / 100);

export function makeDocs(n: number, seed: number, amount?: (r: () => number) => unknown): Doc[] {
  const r = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const { Long } = mongoose.mongo;
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const data: Doc = { type: pick(["寿险", "车险", "财产险"]) };
    const u = r();
    if (u < 0.1) {
      // no table
    } else if (u < 0.15) data.payments = null;
    else if (u < 0.22) data.payments = [];
    else {
      data.payments = Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
        const row: Doc = {};
        if (r() < 0.9) row.status = r() < 0.05 ? null : pick(STATUS);
        if (r() < 0.9) row.date = r() < 0.05 ? null : `202${Math.floor(r() * 3)}-0${1 + Math.floor(r() * 9)}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`;
        if (r() < 0.9) row.amount = r() < 0.05 ? null : amount ? amount(r) : r() < 0.1 ? Long.fromNumber(3_000_000_000 + Math.floor(r() * 100)) : Math.floor(r() * 6000) * 10;
        return row;
      });
    }
    docs.push({
      _id: new mongoose.Types.ObjectId(`${seed.toString(16)}${i.toString(16)}`.padStart(24, "0")),
      templateKey: r() < 0.85 ? "archive" : "other",
      deletedAt: r() < 0.05 ? new Date(Date.UTC(2025, 0, 1)) : null,
      data,
    });
  }
  return docs;
}

export const base = (more: Doc[] = [], trash = false): Doc => ({ $and: [{ templateKey: "archive" }, { deletedAt: trash ? { $ne: null } : null }, ...more] });

/** The widget shapes build-widget-pipeline.ts sends over a table (FerretDB keeps only the row, at `payments`). */
export function pipelines(): [string, Doc[]][] {
  const month = { $in: Array.from({ length: 31 }, (_, i) => `2021-03-${String(i + 1).padStart(2, "0")}`) };
  return [
    ["sum by date, paid rows", [{ $match: base() }, { $unwind: "$data.payments" }, { $match: { "payments.status": { $in: ["已缴费"] } } }, { $group: { _id: "$payments.date", value: { $sum: "$payments.amount" } } }]],
    // What the app sends: the list's filter keeps records with such a row, then the rows.
    ["record and row filter on the same column", [{ $match: base([{ "data.payments.status": { $in: ["已缴费"] } }]) }, { $unwind: "$data.payments" }, { $match: { "payments.status": { $in: ["已缴费"] } } }, { $group: { _id: "$payments.date", value: { $sum: "$payments.amount" } } }]],
    ["record filter on another value than the row's", [{ $match: base([{ "data.payments.status": { $in: ["逾期"] } }]) }, { $unwind: "$data.payments" }, { $match: { "payments.status": { $in: ["已缴费"] } } }, { $group: { _id: "$payments.date", value: { $sum: 1 } } }]],
    ["count by status", [{ $match: base() }, { $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: 1 } } }]],
    ["sum by status", [{ $match: base() }, { $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: "$payments.amount" } } }]],
    ["number card count (null key)", [{ $match: base() }, { $unwind: "$data.payments" }, { $match: { "payments.status": { $in: ["逾期", "Ärger 🙂"] } } }, { $group: { _id: null, value: { $sum: 1 } } }]],
    ["number card sum (null key)", [{ $match: base([{ "data.type": "寿险" }]) }, { $unwind: "$data.payments" }, { $group: { _id: null, value: { $sum: "$payments.amount" } } }]],
    ["equality and a month on the row", [{ $match: base() }, { $unwind: "$data.payments" }, { $match: { $and: [{ "payments.status": "已缴费" }, { "payments.date": month }] } }, { $group: { _id: "$payments.date", value: { $sum: "$payments.amount" } } }]],
    ["empty status", [{ $match: base() }, { $unwind: "$data.payments" }, { $match: { "payments.status": "" } }, { $group: { _id: "$payments.date", value: { $sum: 1 } } }]],
    ["trash", [{ $match: base([], true) }, { $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: "$payments.amount" } } }]],
    ["nothing matches", [{ $match: base([{ "data.type": "无" }]) }, { $unwind: "$data.payments" }, { $group: { _id: null, value: { $sum: 1 } } }]],
    ["no first $match", [{ $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: 1 } } }]],
  ];
}

/** Cents, as the app rounds every figure it shows (lib/statistics/shape-widget-result.ts). */
export const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The groups with their BSON types, a double rounded to cents, and the figures the app draws from
 * them: each month (days folded) and the total. Whole numbers compare exactly.
 */
export async function run(db: Db, coll: string, pipeline: Doc[]) {
  const out = await db.collection(coll).aggregate(pipeline, { promoteValues: false }).toArray();
  const typed = (v: unknown) => {
    const type = v === null || v === undefined ? "null" : ((v as { _bsontype?: string })._bsontype ?? typeof v);
    return `${type === "Double" ? round((v as { value: number }).value) : JSON.stringify(v)}:${type}`;
  };
  const groups = out.map((g) => Object.entries(g).map(([k, v]) => `${k}=${typed(v)}`).join(" ")).sort();
  const plain = out.map((g) => ({ _id: g._id, value: Number(g.value) }));
  const months = foldMonths(plain).map((m) => `${m.month}=${round(m.value)}`);
  return [...groups, ...months, `total=${round(plain.reduce((s, g) => s + g.value, 0))}`];
}

