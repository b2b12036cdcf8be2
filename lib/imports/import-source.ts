import type { ImportDoc } from "../db/models/import";
import { constantsOf, type ImportChoices } from "./import-settings";
import type { TableSource } from "./read-table";
import type { SheetJoin } from "./sheet-joins";

/** How an import reads its stored file: the sheet or encoding and separator, the header row, and the table sheets joined to the sheet. */
export function importSource(imp: Pick<ImportDoc, "filePath" | "format" | "sheet" | "encoding" | "delimiter" | "headerRow" | "joins" | "joinKey">): TableSource {
  const joins = Array.isArray(imp.joins) ? (imp.joins as SheetJoin[]) : [];
  return {
    path: imp.filePath,
    format: imp.format as TableSource["format"],
    sheet: imp.sheet,
    encoding: imp.encoding as TableSource["encoding"],
    // Imports from before separators were detected read with a comma; before the header row was kept, it is chosen again.
    delimiter: (imp.delimiter ?? ",") as TableSource["delimiter"],
    headerRow: imp.headerRow ?? null,
    ...(joins.length && typeof imp.joinKey === "number" ? { joins, joinKey: imp.joinKey } : {}),
  };
}

/** An import's choices as stored, as resolveChoices takes them. */
export function importChoices(imp: Pick<ImportDoc, "mapping" | "keyField" | "mode" | "constants" | "joins" | "joinKey" | "headers">): ImportChoices {
  const joined = Array.isArray(imp.joins) && imp.joins.length > 0 && typeof imp.joinKey === "number";
  return {
    mapping: imp.mapping as (string | null)[],
    keyField: imp.keyField ?? null,
    mode: imp.mode as ImportChoices["mode"],
    constants: constantsOf(imp.constants),
    join: joined ? { column: imp.joinKey!, title: imp.headers[imp.joinKey!] ?? "" } : null,
    titles: imp.headers,
  };
}
