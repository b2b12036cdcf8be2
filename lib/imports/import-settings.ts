import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import type { PublishedTemplate } from "../templates/types";
import type { Locale } from "../i18n/locale";
import { convertCell } from "./convert-cells";
import type { ImportMode } from "./evaluate-group";
import { importTargets, titleUnit, type ImportTarget } from "./targets";

/** An import's choices as stored: per column a field path or null, the key field and the mode. */
export interface ImportChoices {
  mapping: (string | null)[];
  keyField: string | null;
  mode: ImportMode;
  constants?: Record<string, string>;
  /** Table sheets are joined to the records by this column (its index and title): it must hold the record key. */
  join?: { column: number; title: string } | null;
  /** The columns' titles: a unit of amount in one (保险金额（万元）) scales its numbers. */
  titles?: string[];
}

/** The choices resolved against the template: per column its target, and the key's target. */
export interface ResolvedChoices {
  targets: ImportTarget[];
  columns: (ImportTarget | null)[];
  keyTarget: ImportTarget | null;
  mode: ImportMode;
  /** Values for fields no column fills, cleaned like a cell, by field path. */
  constants: Map<string, unknown>;
}

/** Stored fixed values ([{ path, value }]) as a map by field path. */
export const constantsOf = (stored: unknown): Record<string, string> =>
  Array.isArray(stored) ? Object.fromEntries((stored as { path: string; value: string }[]).map((c) => [c.path, c.value])) : {};

/** Fixed values by field path as stored. */
export const storedConstants = (constants: Record<string, string>) => Object.entries(constants).map(([path, value]) => ({ path, value }));

/** Fields that can be a record key: unique fields outside tables. */
export const keyCandidates = (targets: ImportTarget[]) => targets.filter((t) => !t.table && t.field.schema["x-unique"] === true);

/**
 * Checks an import's choices against the template's current version: every mapped field exists
 * and is mapped once, something is mapped, the key is a unique field that a column fills, and a
 * mode that updates has a key. Throws a 400 naming the first problem.
 */
export function resolveChoices(template: PublishedTemplate, choices: ImportChoices, locale: Locale = "zh"): ResolvedChoices {
  const targets = importTargets(template.fields);
  const byPath = new Map(targets.map((t) => [t.path, t]));
  const seen = new Set<string>();
  const columns = choices.mapping.map((path, i) => {
    if (path === null || path === undefined || path === "") return null;
    const target = byPath.get(path);
    if (!target) throw new DomainError("BAD_REQUEST", msg("imports.unknownTarget", { column: i + 1 }));
    if (seen.has(path)) throw new DomainError("BAD_REQUEST", msg("imports.targetTwice", { field: target.label }));
    seen.add(path);
    const unit = titleUnit(choices.titles?.[i] ?? "", target);
    return unit ? { ...target, unit } : target;
  });
  if (seen.size === 0) throw new DomainError("BAD_REQUEST", msg("imports.nothingMapped"));
  let keyTarget: ImportTarget | null = null;
  if (choices.keyField) {
    keyTarget = byPath.get(choices.keyField) ?? null;
    if (!keyTarget || !keyCandidates(targets).includes(keyTarget)) throw new DomainError("BAD_REQUEST", msg("imports.keyNotUnique", { field: keyTarget?.label ?? choices.keyField }));
    if (!seen.has(keyTarget.path)) throw new DomainError("BAD_REQUEST", msg("imports.keyNotMapped", { field: keyTarget.label }));
  } else if (choices.mode !== "create") throw new DomainError("BAD_REQUEST", msg("imports.keyRequired"));
  if (choices.join && (!keyTarget || columns[choices.join.column] !== keyTarget)) throw new DomainError("BAD_REQUEST", msg("imports.joinNeedsKey", { column: choices.join.title }));
  const constants = new Map<string, unknown>();
  for (const [path, text] of Object.entries(choices.constants ?? {})) {
    const target = byPath.get(path);
    if (!target || target.table) throw new DomainError("BAD_REQUEST", msg("imports.unknownConstant", { field: path }));
    if (seen.has(path) || text.trim() === "") continue;
    const { value, problem } = convertCell(text, target, locale);
    if (problem) throw new DomainError("BAD_REQUEST", msg("imports.badConstant", { field: target.label, message: problem }));
    if (value !== undefined) constants.set(path, value);
  }
  return { targets, columns, keyTarget, mode: choices.mode, constants };
}
