import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Types } from "mongoose";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { ImportModel, type ImportDoc } from "../db/models/import";
import { env } from "../env";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import { assertTakesNewRecords } from "../records/write/new-record";
import type { Locale } from "../i18n/locale";
import type { ImportView } from "./import-view";
import { viewImport } from "./load-import";
import { readLayout } from "./read-layout";
import { assertSafeXlsx, sniffDelimiter, sniffEncoding, sniffFormat, workbookSheets } from "./read-table";
import type { CsvDelimiter } from "./detect-delimiter";
import type { CsvEncoding } from "./detect-encoding";

/** The folder uploads are kept in until their import is deleted. */
export const importsDir = () => path.resolve(env.dataDir, "imports");


/** Streams the upload to disk, refusing it once it passes the size limit (nothing is kept then). */
async function saveUpload(body: ReadableStream<Uint8Array>, file: string): Promise<number> {
  const max = env.importMaxMb * 1024 * 1024;
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max) done(new DomainError("BAD_REQUEST", msg("imports.tooLarge", { max: env.importMaxMb })));
      else done(null, chunk);
    },
  });
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await pipeline(Readable.fromWeb(body as never), limit, createWriteStream(file));
  } catch (err) {
    await rm(file, { force: true });
    throw err;
  }
  return size;
}

/**
 * Receives a spreadsheet for import into a template: stores the file (streamed, size-capped),
 * tells .xlsx from CSV (or tab-separated .txt) by its bytes, refuses old .xls, encrypted and
 * bomb-like files with what to do, lists the sheets, detects a CSV's encoding and separator, finds
 * the header row (the one naming the template's fields best, kept), reads the column titles and
 * first rows, and proposes a mapping — the one used last time for the same titles, else by title,
 * alias and table column. A workbook exported "a sheet per table" is read as one table (see
 * readLayout). A file with a header and no rows is refused (unless another sheet may hold them).
 * Nothing is checked or written yet.
 */
export async function createImport(params: { actor: Actor | null; templateKey: string; fileName: string; body: ReadableStream<Uint8Array>; locale?: Locale }): Promise<ImportView> {
  const { actor, locale = "zh" } = params;
  assertCan(actor, "record.create");
  const template = await getPublishedTemplate(actor, params.templateKey);
  assertTakesNewRecords(template, locale);
  await connectDb();
  const id = String(new Types.ObjectId());
  const fileName = (params.fileName || "import").replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200);
  if (/\.xls$/i.test(fileName)) {
    await params.body.cancel().catch(() => undefined);
    throw new DomainError("BAD_REQUEST", msg("imports.oldXlsOrEncrypted"));
  }
  const filePath = path.join(importsDir(), `${id}.upload`);
  const size = await saveUpload(params.body, filePath);
  try {
    const format = await sniffFormat(filePath, fileName);
    let sheets: string[] = [];
    let hiddenSheets: string[] = [];
    let encoding: CsvEncoding | null = null;
    let delimiter: CsvDelimiter | null = null;
    if (format === "xlsx") {
      await assertSafeXlsx(filePath);
      const listed = await workbookSheets(filePath);
      sheets = listed.map((s) => s.name);
      hiddenSheets = listed.filter((s) => s.hidden).map((s) => s.name);
    } else {
      encoding = await sniffEncoding(filePath);
      delimiter = await sniffDelimiter(filePath, encoding);
    }
    // The first sheet the user sees: a hidden first one holds the lists behind dropdowns (下拉选项).
    let sheet = sheets.find((s) => !hiddenSheets.includes(s)) ?? sheets[0] ?? null;
    let layout = await readLayout({ template, source: { path: filePath, format, sheet, encoding, delimiter }, sheets, joinSheets: true });
    // A first sheet whose header matches almost no field (填表说明 before the data): the visible
    // sheet that matches most is chosen instead — the check said "没有任何列对应到字段" (tester round 7).
    const mapped = (l: typeof layout) => l.proposed.mapping.filter(Boolean).length;
    if (format === "xlsx" && mapped(layout) < 2) {
      for (const other of sheets.filter((s) => s !== sheet && !hiddenSheets.includes(s)).slice(0, 10)) {
        const tried = await readLayout({ template, source: { path: filePath, format, sheet: other, encoding, delimiter }, sheets, joinSheets: true }).catch((err: unknown) => {
          if (err instanceof DomainError && err.status === 400) return null;
          throw err;
        });
        if (tried && mapped(tried) > mapped(layout)) [sheet, layout] = [other, tried];
      }
    }
    const { headerRow, headers, sample, hiddenColumns, joins, joinKey, proposed } = layout;
    // Nothing to import, said now rather than by a check that ends with no rows. A workbook with
    // more sheets may hold its data on another one (the first tab is often 填写说明), chosen next.
    if (sample.length === 0 && sheets.length <= 1) throw new DomainError("BAD_REQUEST", msg("imports.noDataRows"));
    const doc = await ImportModel.create({
      _id: id,
      templateKey: template.key,
      fileName,
      filePath,
      format,
      size,
      sheets,
      hiddenSheets,
      sheet,
      joins,
      joinKey,
      encoding,
      detectedEncoding: encoding,
      delimiter,
      detectedDelimiter: delimiter,
      headerRow,
      headers,
      hiddenColumns,
      sample: sample.map((cells) => ({ cells })),
      ...proposed,
      createdBy: actor!.id,
      createdByName: actor!.name,
    });
    return viewImport(doc.toObject() as ImportDoc, template, actor);
  } catch (err) {
    await rm(filePath, { force: true });
    throw err;
  }
}
