import "server-only";
import { createHash } from "node:crypto";
import { ImportMappingModel } from "../db/models/import";
import type { PublishedTemplate } from "../templates/types";
import type { ImportMode } from "./evaluate-group";
import { importTargets, suggestScopedMapping } from "./targets";

/** The key a mapping is remembered under: the template and the file's column titles. */
export const mappingKey = (templateKey: string, headers: string[]) => `${templateKey}:${createHash("sha256").update(headers.join("\u0001")).digest("hex").slice(0, 32)}`;

/**
 * What an import proposes for a sheet's header: the settings last used with exactly this header
 * in this template (remembered when a check starts) — or the columns matched by title and alias,
 * the first unique field a column fills as the record key, and then add-and-update. The same for
 * a file's first sheet at upload and for another sheet chosen after. `layout`: per column, the
 * table a joined table sheet's column fills (`scopes`), and the table the chosen sheet is named
 * after (`prefer`), whose columns its plain titles mean first (see suggestScopedMapping).
 */
export async function proposeSettings(
  template: PublishedTemplate,
  headers: string[],
  layout: { scopes?: (string | null)[]; prefer?: string | null } = {},
): Promise<{ mapping: (string | null)[]; keyField: string | null; mode: ImportMode; constants: { path: string; value: string }[] }> {
  const remembered = await ImportMappingModel.findById(mappingKey(template.key, headers)).lean();
  const targets = importTargets(template.fields);
  const known = new Set(targets.map((t) => t.path));
  const mapping = remembered && remembered.mapping.every((p) => p === null || known.has(p as string)) ? (remembered.mapping as (string | null)[]) : suggestScopedMapping(headers, targets, layout.scopes, layout.prefer);
  const keyField = remembered?.keyField ?? targets.find((t) => !t.table && t.field.schema["x-unique"] === true && mapping.includes(t.path))?.path ?? null;
  return {
    mapping,
    keyField,
    mode: (remembered?.mode ?? (keyField ? "upsert" : "create")) as ImportMode,
    constants: Array.isArray(remembered?.constants) ? (remembered.constants as { path: string; value: string }[]) : [],
  };
}
