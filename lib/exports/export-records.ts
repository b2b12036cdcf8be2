import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import mongoose from "mongoose";
import { writeAuditEvent } from "../audit/write-audit-event";
import { writeAuditEvents } from "../audit/write-audit-events";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import { dictionaries } from "../i18n/dictionaries";
import type { Locale } from "../i18n/locale";
import { msg, translate } from "../i18n/messages";
import { maskerFor } from "../records/record-masking";
import { resolveScope } from "../records/resolve-scope";
import { buildMongoQuery } from "../records/build-mongo-query";
import { listPermissions } from "../records/list-permissions";
import { ListQueryError, parseListQuery } from "../records/list-query";
import { getByPath } from "../schema/fields";
import { getPublishedTemplate } from "../templates/get-published-template";
import { CSV_BOM, csvLine } from "./csv-rows";
import { exportCell, knownTimeZone, localTime, type CellOptions, type OutCell } from "./export-cell";
import { exportLayout, type ExportColumn, type ExportColumns, type ExportSheet, type ExportTables } from "./export-layout";
import { toWebStream } from "../shared/web-stream";
import { sheetRows, WRITE_CHUNK } from "./xlsx-rows";

/** The export's own parameters; every other one is the list's (filters, search, sort). */
const EXPORT_PARAMS = ["format", "columns", "tables", "personal", "tz", "ids"] as const;
/** Most rows one can tick on a list page is its largest page size; a little room above that. */
const MAX_IDS = 1000;
/** Records read and written per step: an audit batch for personal data, then their rows. */
const BATCH = 500;

export interface ExportOptions {
  format: "xlsx" | "csv";
  columns: ExportColumns;
  tables: ExportTables;
  personal: boolean;
  timeZone: string;
  ids: string[] | null;
}

type Doc = { _id: unknown; data?: Record<string, unknown>; createdAt: Date; updatedAt: Date; createdByName?: string; ownerName?: string | null; verification?: string; ownerId?: string };

/** Reads and checks the export's own parameters (unknown values are refused, not guessed). */
export function parseExportOptions(params: URLSearchParams): ExportOptions {
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) throw new DomainError("BAD_REQUEST", msg("exports.badOption", { name, allowed: allowed.join(" / ") }));
    return raw as T;
  };
  const format = pick("format", ["xlsx", "csv"] as const, "xlsx");
  const columns = pick("columns", ["list", "all"] as const, "list");
  const tables = pick("tables", ["flat", "sheets"] as const, "flat");
  if (format === "csv" && tables === "sheets") throw new DomainError("BAD_REQUEST", msg("exports.sheetsNeedXlsx"));
  const personal = pick("personal", ["0", "1"] as const, "0") === "1";
  const rawIds = params.get("ids");
  let ids: string[] | null = null;
  if (rawIds !== null) {
    ids = [...new Set(rawIds.split(",").filter(Boolean))];
    if (ids.length === 0 || ids.length > MAX_IDS || ids.some((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id))) throw new DomainError("BAD_REQUEST", msg("exports.badIds", { max: MAX_IDS }));
  }
  return { format, columns, tables, personal, timeZone: knownTimeZone(params.get("tz")), ids };
}

/**
 * A template's records as an .xlsx or .csv download: the list view the parameters describe (its
 * filters, search and sort, under the same read rules as the list) or the ticked records.
 * Personal data is masked unless the reader may reveal it and asks for it; then every exported
 * record gets a reveal event in its history, written before its row leaves the server. Every
 * export is an audit event. The file is written while records are read from a cursor, so neither
 * the records nor the file are ever held whole in memory.
 */
export async function exportRecords(params: { actor: Actor | null; templateKey: string; searchParams: URLSearchParams; locale: Locale }): Promise<{
  stream: ReadableStream<Uint8Array>;
  fileName: string;
  contentType: string;
  count: number;
  /** Settles when the writing has ended: the whole file written, or stopped because the download went away. */
  finished: Promise<void>;
}> {
  const { actor, templateKey, locale } = params;
  assertCan(actor, "record.read");
  const options = parseExportOptions(params.searchParams);
  const template = await getPublishedTemplate(actor, templateKey);
  const { personalData } = listPermissions(actor);
  if (options.personal && !personalData) throw new DomainError("FORBIDDEN", msg("exports.personalForbidden"));
  const listParams = new URLSearchParams([...params.searchParams].filter(([k]) => !(EXPORT_PARAMS as readonly string[]).includes(k)));
  let query;
  try {
    query = parseListQuery(template.fields, template.content.list, listParams, { strict: true, locale, personalData });
  } catch (err) {
    if (err instanceof ListQueryError) throw new DomainError("BAD_REQUEST", err.message);
    throw err;
  }
  if (query.trash) assertCan(actor, "record.restore");
  await connectDb();
  const { filter, sort, emptyLast } = buildMongoQuery(templateKey, template.fields, query, { personalData, actor, scope: await resolveScope(actor, template) });
  if (options.ids) filter.$and.push({ _id: { $in: options.ids } });
  const count = await RecordModel.countDocuments(filter);

  const sheets = exportLayout({
    fields: template.fields,
    list: template.content.list,
    templateName: template.name,
    columns: options.columns,
    tables: options.format === "csv" ? "flat" : options.tables,
    metaTitle: (id) => (id === "@id" ? translate(locale, "exports.recordId") : (dictionaries[locale].list.meta[id] ?? id)),
  });
  const exportId = randomUUID();
  await writeAuditEvent({
    id: `export:${exportId}`,
    actor,
    action: "records.export",
    entity: "template",
    entityId: templateKey,
    templateKey,
    meta: {
      format: options.format,
      columns: options.columns,
      tables: options.tables,
      personal: options.personal,
      count,
      query: listParams.toString(),
      ...(options.ids ? { ids: options.ids.length } : {}),
    },
  });

  const cellOptions: CellOptions = { personal: options.personal, format: options.format, yes: translate(locale, "exports.yes"), no: translate(locale, "exports.no"), timeZone: options.timeZone };
  const piiLabels = [...new Set(sheets.flatMap((s) => s.columns.filter((c) => c.pii).map((c) => c.header)))];
  const reveal = options.personal && piiLabels.length > 0;
  const verification = (v: string | undefined) => (v ? (dictionaries[locale].list.verification[v] ?? v) : null);
  const metaValue = (doc: Doc, id: string): OutCell => {
    switch (id) {
      case "@createdAt":
        return localTime(doc.createdAt, options.timeZone);
      case "@updatedAt":
        return localTime(doc.updatedAt, options.timeZone);
      case "@owner":
        return doc.ownerName ?? doc.createdByName ?? null;
      case "@verification":
        return verification(doc.verification);
      case "@id":
        return String(doc._id);
      default:
        return null;
    }
  };
  // Per record, once: how its personal data is masked for this reader, and its tables' rows (the
  // flattened sheet asks a table's rows once per column of every row otherwise).
  const tablePaths = new Map(sheets.flatMap((sh) => [sh.table, ...sh.columns.map((c) => c.table)]).filter((t): t is string => !!t).map((t) => [t, t.split(".")]));
  const recordOf = (doc: Doc) => {
    const options: CellOptions = { ...cellOptions, mask: maskerFor(actor, doc.ownerId) };
    const rows = new Map<string, Record<string, unknown>[]>();
    for (const [table, segments] of tablePaths) {
      const r = getByPath(doc.data, segments);
      rows.set(table, Array.isArray(r) ? (r as Record<string, unknown>[]) : []);
    }
    return { doc, options, rows };
  };
  type RecordCells = ReturnType<typeof recordOf>;
  /**
   * Per sheet, once: how each column's cell is read — a record property, a record field, or the
   * i-th row of a table — and which tables give the sheet its rows. A record's own cells are read
   * once for all its rows (a flattened record repeats them on each of its table rows).
   */
  const planOf = (sheet: ExportSheet) => {
    const cells = sheet.columns.map((c): { table: string | null; read: (rec: RecordCells, i: number) => OutCell } => {
      if (c.id.startsWith("@")) return { table: null, read: (rec) => metaValue(rec.doc, c.id) };
      if (c.table) {
        const table = c.table;
        return { table, read: (rec, i) => exportCell(getByPath(rec.rows.get(table)![i] ?? null, c.segments), c, rec.options) };
      }
      return { table: null, read: (rec) => exportCell(getByPath(rec.doc.data, c.segments), c, rec.options) };
    });
    const tables = sheet.table ? [sheet.table] : [...new Set(cells.flatMap((c) => (c.table ? [c.table] : [])))];
    return { cells, tables, own: !sheet.table };
  };
  type SheetPlan = ReturnType<typeof planOf>;

  /** The spreadsheet rows of one record on one sheet: one per row of its tables (a table's sheet: none without rows; the record's sheet: at least one). */
  const rowsOf = (rec: RecordCells, plan: SheetPlan): OutCell[][] => {
    const height = Math.max(plan.own ? 1 : 0, ...plan.tables.map((t) => rec.rows.get(t)!.length));
    if (height === 0) return [];
    const base = plan.cells.map((c) => (c.table ? null : c.read(rec, 0)));
    const out: OutCell[][] = [];
    for (let i = 0; i < height; i++) out.push(plan.cells.map((c, k) => (c.table ? c.read(rec, i) : base[k])));
    return out;
  };

  /**
   * Records in the list's order, a batch at a time (empty values last, as the list sorts them).
   * The database is asked for the next batch as soon as one is handed out, so it reads and encodes
   * that batch while this one is written: the driver's own cursor only asks once its buffer is empty,
   * which left the database idle while Node wrote and Node idle while the database read (a read of
   * 20,000 records beside 0.15 ms of work per record: 2,900/s in turns, 4,500/s overlapped; run 33).
   */
  async function* batches(projection: Record<string, 1>): AsyncGenerator<Doc[]> {
    const passes = emptyLast
      ? [
          { f: { $and: [...filter.$and, emptyLast.valued] }, s: sort },
          { f: { $and: [...filter.$and, emptyLast.empty] }, s: { _id: 1 as const } },
        ]
      : [{ f: filter, s: sort }];
    for (const pass of passes) {
      // The filter cast as RecordModel.find would cast it; then the driver's cursor, unwrapped.
      // Raw: a batch's documents are decoded here after the next one is asked for (the driver
      // decodes them as they are taken from its buffer, which held the request back meanwhile).
      const cursor = RecordModel.collection.find(RecordModel.find(pass.f).cast(RecordModel), { projection, sort: pass.s as Record<string, 1 | -1>, batchSize: BATCH, raw: true });
      // A failed read ahead is answered where `more` is awaited; until then it must not count as unhandled.
      const ask = () => {
        const p = cursor.hasNext();
        p.catch(() => undefined);
        return p;
      };
      let more = ask();
      try {
        while (await more) {
          const raw = cursor.readBufferedDocuments() as unknown as Uint8Array[];
          more = ask();
          // The driver sends that request a few turns of the event loop later (a connection is
          // checked out first): let it go out before this batch keeps Node busy.
          for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
          const docs = raw.map((bytes) => mongoose.mongo.BSON.deserialize(bytes) as Doc);
          yield docs;
        }
      } finally {
        // A consumer that stops early (a closed download) leaves a request in flight: let it end
        // first, drop what it brought and close the cursor (the database's too).
        await more.catch(() => false);
        cursor.readBufferedDocuments();
        await cursor.close();
      }
    }
  }

  const projectionFor = (sheet: ExportSheet): Record<string, 1> => {
    const p: Record<string, 1> = { createdAt: 1, updatedAt: 1, createdByName: 1, ownerName: 1, verification: 1, ownerId: 1 };
    for (const c of sheet.columns) if (!c.id.startsWith("@")) p[`data.${c.table ?? c.segments.join(".")}`] = 1;
    return p;
  };

  /** Before their rows leave: a reveal event in the history of each record whose personal data is exported in full. */
  const auditReveal = async (docs: Doc[]) => {
    if (!reveal) return;
    await writeAuditEvents(
      docs.map((d) => ({
        id: `reveal:${String(d._id)}:export:${exportId}`,
        actor,
        action: "record.reveal",
        entity: "record" as const,
        entityId: String(d._id),
        templateKey,
        meta: { path: "*export", label: piiLabels.join("、"), exportId },
      })),
    );
  };

  const out = new PassThrough();
  /**
   * Waits while the reader is behind. A download that goes away (the browser closes it: the web
   * stream is cancelled and `out` destroyed, with or without an error) ends the writing: `drain`
   * then throws `Stopped`, the cursor is closed and nothing more is read — `once(out, "drain")`
   * alone waited forever there, holding the database's cursor open.
   */
  const drain = async () => {
    if (!out.destroyed && out.writableNeedDrain)
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off("drain", done);
          out.off("close", done);
          resolve();
        };
        out.on("drain", done);
        out.on("close", done);
      });
    if (out.destroyed) throw new Stopped();
  };
  /** The end of a writing that stopped early; nothing to report (the reader left). */
  const ended = (err: unknown) => {
    if (!(err instanceof Stopped)) out.destroy(err as Error);
  };
  const stamp = localTime(new Date(), options.timeZone).replace(/[-: ]/g, "").slice(0, 12);
  const base = `${template.name}-${stamp.slice(0, 8)}-${stamp.slice(8)}`;

  if (options.format === "csv") {
    const sheet = sheets[0];
    const plan = planOf(sheet);
    const finished = (async () => {
      try {
        // The lines as csv-stringify wrote them (csv-rows.ts), a chunk at a time (WRITE_CHUNK).
        out.write(CSV_BOM + csvLine(sheet.columns.map((c) => c.header)));
        for await (const docs of batches(projectionFor(sheet))) {
          // Once per batch, before its reveal is audited: the reader has taken the rows before it.
          await drain();
          await auditReveal(docs);
          let lines = "";
          for (const doc of docs)
            for (const row of rowsOf(recordOf(doc), plan)) {
              lines += csvLine(row);
              if (lines.length >= WRITE_CHUNK) {
                // A download gone mid-batch: nothing more is made for it.
                if (out.destroyed) throw new Stopped();
                out.write(lines);
                lines = "";
              }
            }
          if (lines) out.write(lines);
        }
        out.end();
      } catch (err) {
        ended(err);
      }
    })();
    return { stream: toWebStream(out), fileName: `${base}.csv`, contentType: "text/csv; charset=utf-8", count, finished };
  }

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const finished = (async () => {
    // One read of the records for every sheet: the first sheet is written as they come; the
    // others (a sheet per table) wait in files on disk, a row per line, until the zip reaches
    // them — neither the records nor a sheet is held in memory, and every sheet shows the same
    // state of each record.
    let spool: string | null = null;
    let files: WriteStream[] = [];
    try {
      if (sheets.length > 1) spool = await fs.mkdtemp(path.join(os.tmpdir(), "dossier-export-"));
      const addSheet = (sheet: ExportSheet) => {
        const ws = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
        const styles = sheet.columns.map((c): Partial<ExcelJS.Style> => (c.kind === "date" ? { numFmt: "yyyy-mm-dd" } : c.kind === "datetime" ? { numFmt: "yyyy-mm-dd hh:mm" } : {}));
        ws.columns = sheet.columns.map((c, i) => ({ width: columnWidth(c), style: styles[i] }));
        const header = ws.addRow(sheet.columns.map((c) => c.header));
        header.font = { bold: true };
        header.commit();
        // The data rows as exceljs writes them, without its objects per cell (xlsx-rows.ts). Each
        // cell carries its column's style: only date and date-time columns hold dates, and they carry their format.
        const rows = sheetRows(workbook, ws, styles, 2);
        return {
          plan: planOf(sheet),
          add: rows.add,
          commit() {
            rows.flush();
            ws.commit();
          },
        };
      };
      const [first, ...rest] = sheets;
      const sheet1 = addSheet(first);
      const restPlans = rest.map(planOf);
      files = rest.map((_, i) => createWriteStream(path.join(spool!, `${i}.jsonl`)));
      // Every sheet's paths; overlapping ones (a.b beside a) are refused by the database: the shortest stays.
      const paths = [...new Set(sheets.flatMap((sh) => Object.keys(projectionFor(sh))))].sort();
      const projection = Object.fromEntries(paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(`${q}.`))).map((p) => [p, 1 as const]));
      for await (const docs of batches(projection)) {
        // Once per batch, before its reveal is audited: the reader has taken the rows before it.
        await drain();
        await auditReveal(docs);
        // The table sheets' lines of a batch go to their files a chunk at a time (WRITE_CHUNK).
        const lines = restPlans.map(() => "");
        for (const doc of docs) {
          const rec = recordOf(doc);
          for (const row of rowsOf(rec, sheet1.plan)) sheet1.add(row);
          restPlans.forEach((plan, i) => {
            for (const row of rowsOf(rec, plan)) {
              lines[i] += `${JSON.stringify(row.map(spooled))}\n`;
              if (lines[i].length >= WRITE_CHUNK) {
                files[i].write(lines[i]);
                lines[i] = "";
              }
            }
          });
        }
        lines.forEach((text, i) => text && files[i].write(text));
        for (const f of files) if (f.writableNeedDrain) await once(f, "drain");
      }
      sheet1.commit();
      await Promise.all(files.map((f) => new Promise<void>((resolve, reject) => f.end((err?: Error | null) => (err ? reject(err) : resolve())))));
      for (const [i, sheet] of rest.entries()) {
        const tableSheet = addSheet(sheet);
        let n = 0;
        const input = createReadStream(path.join(spool!, `${i}.jsonl`));
        try {
          for await (const line of createInterface({ input, crlfDelay: Infinity })) {
            if (!line) continue;
            tableSheet.add((JSON.parse(line) as SpooledCell[]).map(unspooled));
            if (++n % BATCH === 0) await drain();
          }
        } finally {
          // Leaving the lines early closes the reader of lines, not the file.
          input.destroy();
        }
        tableSheet.commit();
      }
      await workbook.commit();
    } catch (err) {
      ended(err);
    } finally {
      // A writing stopped early leaves its spool files open: close them before they are removed.
      for (const f of files) f.destroy();
      if (spool) await fs.rm(spool, { recursive: true, force: true }).catch(() => undefined);
    }
  })();
  return { stream: toWebStream(out), fileName: `${base}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", count, finished };
}

/** Thrown inside the writing when the download has gone away. */
class Stopped extends Error {}

/** A cell as a line of a spooled sheet holds it: dates as `{ d: <ms> }`, so they come back as dates. */
type SpooledCell = string | number | null | { d: number };
const spooled = (v: OutCell): SpooledCell => (v instanceof Date ? { d: v.getTime() } : v);
const unspooled = (v: SpooledCell): OutCell => (v !== null && typeof v === "object" ? new Date(v.d) : v);

/** A readable width per kind of column, in characters. */
function columnWidth(c: ExportColumn): number {
  switch (c.kind) {
    case "idNumber":
      return 22;
    case "date":
      return 12;
    case "datetime":
      return 17;
    case "textarea":
    case "address":
      return 36;
    case "mobile":
    case "phone":
      return 15;
    default:
      return Math.min(30, Math.max(10, c.header.length * 2 + 2));
  }
}
