import { shortHash } from "../shared/short-hash";
import { getByPath } from "./fields";
import { isIsoDay } from "./iso-day";
import type { ResolvedRule } from "./reminder-rules";
import { isVisible } from "./visibility";

/**
 * Per-record scalars for the reminder rules on table columns (缴费记录 rows 未缴费, 沟通记录 rows to
 * follow up, 理赔记录 rows 待审核), stored on the record document beside `data` by the write
 * pipeline in the same update as the data. A condition through an array cannot use an index on
 * the embedded database, so without them every record in scope is read; with them a table rule is
 * a range on two flat paths (`facts.r.<slot>.min`/`.max`), which an index answers.
 *
 * `key` names the rules the facts were computed for: a record whose key differs from the current
 * rules' (written before the facts existed, or before a version changed the rules) is asked the
 * old way until a backfill gives it fresh facts.
 */
export interface ReminderFacts {
  key: string;
  /**
   * Per table rule (slot `r<i>`, see factSlot): the earliest and latest date of its rows whose
   * conditions hold; null when none. Every slot is present, so a value that moves to another
   * rule's slot changes the stored document position by position (FerretDB 1.24 skips a `$set`
   * whose values only changed keys; see ensure-data-written.ts).
   */
  r: Record<string, { min: string; max: string } | null>;
}

/** Bump when what the facts mean changes: every stored key then differs from the current one. */
const FACTS_FORMAT = "f1";

/**
 * The slot of the i-th table rule (in the order of tableRules). Rule ids may hold "-", which a
 * path the embedded database indexes may not; the key pins which rule each slot holds.
 */
export const factSlot = (i: number) => `r${i}`;

/** The rules facts are kept for: those whose date is a table's column. */
export function tableRules(rules: ResolvedRule[]): ResolvedRule[] {
  return rules.filter((r) => r.table);
}

/**
 * The key of a set of rules' facts: what decides which rows count and which column is read — the
 * table, the date column and the conditions, in slot order. Offsets, titles and outcomes do not
 * change the facts (the query's range and evaluateRule apply them), so editing them keeps the key.
 */
export function factsKey(rules: ResolvedRule[]): string {
  const parts = tableRules(rules).map((r) => [r.rule.id, r.table, r.date.path, r.when.map((w) => [w.field.path, w.rowRelative, w.cond])]);
  return `${FACTS_FORMAT}-${shortHash(JSON.stringify(parts))}`;
}

/**
 * The facts of one record's data for a template's rules: for each table rule, the earliest and
 * latest valid date among the rows that are objects and whose conditions hold (as evaluateRule
 * decides them, row and record conditions alike). Empty or invalid dates and tables that are not
 * lists count for nothing; a rule without such rows has null. Never throws on odd data.
 */
export function reminderFacts(rules: ResolvedRule[], data: unknown): ReminderFacts {
  const out: ReminderFacts = { key: factsKey(rules), r: {} };
  tableRules(rules).forEach((resolved, i) => {
    const table = resolved.table!.split(".");
    const rows = getByPath(data, table);
    out.r[factSlot(i)] = null;
    if (!Array.isArray(rows)) return;
    const column = resolved.date.segments.slice(table.length);
    let min: string | null = null;
    let max: string | null = null;
    for (const row of rows) {
      if (!row || typeof row !== "object") continue;
      if (!resolved.when.every(({ cond, rowRelative }) => isVisible(cond, rowRelative ? row : data, data))) continue;
      const value = getByPath(row, column);
      if (!isIsoDay(value)) continue;
      if (min === null || value < min) min = value;
      if (max === null || value > max) max = value;
    }
    if (min !== null && max !== null) out.r[factSlot(i)] = { min, max };
  });
  return out;
}

/**
 * The records whose facts are not those of `key` (none stored, or computed for other rules), as
 * three disjoint conditions — missing, before, after — each a range an index on `facts.key`
 * answers (a `$ne` would read every record). Asked one by one.
 */
export function staleFacts(key: string): Record<string, unknown>[] {
  return [{ "facts.key": null }, { "facts.key": { $lt: key } }, { "facts.key": { $gt: key } }];
}
