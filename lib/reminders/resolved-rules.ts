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
