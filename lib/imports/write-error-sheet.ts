import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Actor } from "../auth/roles";
import { ImportRowModel } from "../db/models/import";
import type { Locale } from "../i18n/locale";
import { translate } from "../i18n/messages";
import { loadImport } from "./load-import";
import type { ImportPhase } from "./import-job";
import { importSource } from "./import-source";
import { ROW_SPAN, rowLabel } from "./sheet-joins";
import { toWebStream } from "../shared/web-stream";

/**
 * The rows an import's check or run did not take, as an .xlsx to fix and import again: the
 * file's own columns with the original cells, then the reason and the original row number.
 * Cells are written as text cells (never formulas), exactly as they were. Written as a stream from a cursor, so a large error sheet is never held in memory.
 */
export async function errorSheet(params: { actor: Actor | null; templateKey: string; id: string; phase: ImportPhase; locale: Locale }): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
  const { doc } = await loadImport(params);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(doc.sheet ?? "Sheet1");
  const reasonTitle = translate(params.locale, "imports.reasonColumn");
  const header = sheet.addRow([...doc.headers, reasonTitle, translate(params.locale, "imports.rowColumn")]);
  header.font = { bold: true };
  header.commit();
  // A joined table sheet's row is named by its sheet ("缴费记录!12"); the records' sheet's by its number.
  const joins = importSource(doc).joins ?? [];
  const rowOf = (row: number) => (row < ROW_SPAN ? row : rowLabel(row, joins));
  void (async () => {
    try {
      const cursor = ImportRowModel.find({ importId: doc._id, phase: params.phase }).sort({ row: 1 }).lean().cursor();
      for await (const row of cursor) {
        const cells = doc.headers.map((_, i) => row.cells[i] ?? "");
        const r = sheet.addRow([...cells, row.reason, rowOf(row.row)]);
        r.getCell(doc.headers.length + 1).font = { color: { argb: "FFB91C1C" } };
        r.commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  const base = doc.fileName.replace(/\.[^.]+$/, "");
  return { stream: toWebStream(out), fileName: `${base}-${reasonTitle}.xlsx` };
}
