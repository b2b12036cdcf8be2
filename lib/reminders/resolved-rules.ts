import type { ResolvedRule } from "../schema/reminder-rules";
import { rulesOfTemplate } from "../records/write/reminder-facts-hook";
import type { PublishedTemplate } from "../templates/types";

/**
 * The rules of a template that fit its current schema; the others are skipped, never thrown. The
 * same resolution the write pipeline keeps the records' reminder facts by (reminder-facts-hook.ts).
 */
export function resolvedRules(template: PublishedTemplate): ResolvedRule[] {
  return rulesOfTemplate(template);
}

/**
 * What a read of records needs for these rules (and the title field): the owner, each rule's date
 * field or table and the fields its conditions name — as a projection the database accepts
 * (overlapping paths, `a.b` beside `a`, are refused: the shortest is kept).
 */
export function rulesProjection(rules: ResolvedRule[], titleField?: string): Record<string, 1> {
  const paths = new Set<string>(["ownerId"]);
  for (const resolved of rules) {
    paths.add(`data.${resolved.table ?? resolved.date.path}`);
    for (const w of resolved.when) paths.add(`data.${w.rowRelative ? resolved.table : w.field.path}`);
  }
  if (titleField) paths.add(`data.${titleField}`);
  const sorted = [...paths].sort();
  return Object.fromEntries(sorted.filter((p) => !sorted.some((q) => q !== p && p.startsWith(`${q}.`))).map((p) => [p, 1]));
}
