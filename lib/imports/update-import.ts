import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/roles";
import { ImportModel, type ImportDoc } from "../db/models/import";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { parseInput } from "../validation/parse-input";
import { CSV_DELIMITERS } from "./detect-delimiter";
import { CSV_ENCODINGS } from "./detect-encoding";
import { storedConstants } from "./import-settings";
import type { ImportView } from "./import-view";
import { loadImport, viewImport } from "./load-import";
import { readLayout } from "./read-layout";

/** How far down the user may put the header (a title block above a table is a few rows). */
const HEADER_ROW_MAX = 100;

const settingsInput = z
  .object({
    sheet: z.string().max(200).optional(),
    joinSheets: z.boolean().optional(),
    encoding: z.enum(CSV_ENCODINGS).optional(),
    delimiter: z.enum(CSV_DELIMITERS).optional(),
    headerRow: z.number().int().min(1).max(HEADER_ROW_MAX).optional(),
    mapping: z.array(z.string().max(300).nullable()).max(300).optional(),
    keyField: z.string().max(300).nullable().optional(),
    mode: z.enum(["create", "upsert", "update"]).optional(),
    constants: z.record(z.string().max(300), z.string().max(1000)).optional(),
  })
  .strict();

/**
 * Changes how an import reads its file (sheet, encoding, separator, header row, whether table
 * sheets are read with the sheet: the titles and first rows are read again and the mapping
 * proposed again) or what it does (mapping, key, mode). Any change discards the
 * last check: the run needs a check of exactly these settings. Refused once the import has run.
 */
export async function updateImport(params: { actor: Actor | null; templateKey: string; id: string; input: unknown }): Promise<ImportView> {
  const { doc, template } = await loadImport(params);
  const input = parseInput(settingsInput, params.input);
  if (doc.runJobId) throw new DomainError("CONFLICT", msg("imports.alreadyRun"));
  const set: Partial<ImportDoc> = { checkJobId: null };
  const sheet = input.sheet ?? doc.sheet;
  const encoding = input.encoding ?? doc.encoding;
  const delimiter = input.delimiter ?? doc.delimiter ?? null;
  if (input.sheet !== undefined && !doc.sheets.includes(input.sheet)) throw new DomainError("BAD_REQUEST", msg("imports.noSheet", { sheet: input.sheet }));
  if ((input.encoding !== undefined || input.delimiter !== undefined) && doc.format !== "csv") throw new DomainError("BAD_REQUEST", msg("imports.badEncoding"));
  const joinSheets = input.joinSheets ?? doc.joinSheets ?? true;
  const pickedRow = input.headerRow !== undefined && input.headerRow !== doc.headerRow;
  if (sheet !== doc.sheet || encoding !== doc.encoding || delimiter !== (doc.delimiter ?? null) || joinSheets !== (doc.joinSheets ?? true) || pickedRow) {
    // The row the user picks now, or picked before on this sheet (read again in another encoding, with
    // another separator or joining); else (another sheet, or never picked) the header is chosen again.
    const keptRow = sheet === doc.sheet && doc.headerRowPicked && doc.headerRow ? doc.headerRow : null;
    const headerRowPicked = input.headerRow !== undefined || keptRow !== null;
    const source = { path: doc.filePath, format: doc.format as "xlsx" | "csv", sheet, encoding: encoding as never, delimiter: (delimiter ?? ",") as never, headerRow: input.headerRow ?? keptRow };
    const { headerRow, headers, sample, hiddenColumns, joins, joinKey, proposed } = await readLayout({ template, source, sheets: doc.sheets, joinSheets });
    Object.assign(set, { sheet, encoding, delimiter, headerRow, headerRowPicked, joinSheets, joins, joinKey, headers, hiddenColumns, sample: sample.map((cells) => ({ cells })) });
    // Another header: what an upload of this sheet would have proposed (mapping, key, mode, fixed values).
    if (headers.join("\u0001") !== doc.headers.join("\u0001")) Object.assign(set, proposed);
  }
  if (input.headerRow !== undefined) set.headerRowPicked = true;
  const width = (set.headers ?? doc.headers).length;
  if (input.mapping) set.mapping = Array.from({ length: width }, (_, i) => input.mapping![i] ?? null);
  if (input.keyField !== undefined) set.keyField = input.keyField;
  if (input.mode) set.mode = input.mode;
  if (input.constants) set.constants = storedConstants(Object.fromEntries(Object.entries(input.constants).filter(([, v]) => v.trim() !== "")));
  const updated = (await ImportModel.findOneAndUpdate({ _id: doc._id, runJobId: null }, { $set: set }, { returnDocument: "after" }).lean()) as ImportDoc | null;
  if (!updated) throw new DomainError("CONFLICT", msg("imports.alreadyRun"));
  return viewImport(updated, template, params.actor);
}
