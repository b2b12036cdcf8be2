import type { Locale } from "../i18n/locale";
import { translate } from "../i18n/messages";
import { isBlank, type Cell } from "./cells";
import type { GroupOutcome } from "./evaluate-group";
import type { ScannedGroup } from "./scan-groups";
import type { ImportTarget } from "./targets";

/** What the reasons of this module need to name a row's columns. */
export interface GroupingReasonContext {
  columns: (ImportTarget | null)[];
  keyTarget: ImportTarget | null;
  /** Per column, the title in the file. */
  titles: string[];
  locale: Locale;
}

const listed = (locale: Locale, titles: string[]) => titles.join(translate(locale, "format.listSeparator"));

/**
 * Refuses a record made of table cells alone (a payment row after a blank row, under the header,
 * or a totals row), and a totals row whatever its cells (one summing 保险金额 too): it continues no
 * record, so whose payment it is the sheet does not say — never guessed, and said in those words
 * rather than as the record's missing fields. Each row's reason names that row's own filled
 * columns. Null for any other record, and for a mapping with no record columns (every row is then
 * only table cells).
 */
export function refuseOrphan(group: ScannedGroup, ctx: GroupingReasonContext): GroupOutcome | null {
  // A value the row's cells imply (a switch, see convertRow) is no record cell of the row.
  if (!group.totals && group.rows.some((r) => [...r.fields.keys()].some((path) => !r.implied.has(path)))) return null;
  const recordColumns = ctx.columns.flatMap((t, i) => (t && !t.table ? [i] : []));
  if (recordColumns.length === 0) return null;
  const named = ctx.keyTarget ? ctx.columns.indexOf(ctx.keyTarget) : recordColumns[0];
  const reasonOf = (cells: Cell[] | undefined) => {
    const filled = (cells ?? []).flatMap((c, i) => (ctx.columns[i] && !isBlank(c) ? [i] : []));
    return translate(ctx.locale, group.totals ? "imports.totalsRow" : "imports.orphanRow", {
      columns: listed(ctx.locale, filled.map((i) => ctx.titles[i] ?? "")),
      field: ctx.titles[named] ?? "",
    });
  };
  return { verdict: "reject", rows: group.rows.map((r) => ({ row: r.row, verdict: "reject", reason: reasonOf(group.cells.get(r.row)), column: named })) };
}

/**
 * A refused record whose first row left record cells blank right under a record with values there
 * (cells merged over two customers' policies: the reader gets the value on the first row only, and
 * the streaming reader does not know the merges) — the first row's reason, when it concerns one of
 * those cells or no column at all (a required section missing), also says which cells are blank
 * and to unmerge them. Other outcomes unchanged.
 */
export function withBlankUnderHint(outcome: GroupOutcome, group: ScannedGroup, ctx: GroupingReasonContext): GroupOutcome {
  if (outcome.verdict !== "reject" || !group.blankUnder?.length) return outcome;
  const first = group.rows[0].row;
  const blank = group.blankUnder;
  const sentBack = new Set(group.rows.map((r) => translate(ctx.locale, "imports.rejectedWithRow", { other: r.row })));
  const hint = translate(ctx.locale, "imports.blankUnderMerged", { columns: listed(ctx.locale, blank.map((i) => ctx.titles[i] ?? "")) });
  return {
    ...outcome,
    rows: outcome.rows.map((v) =>
      v.row === first && (v.column === undefined || blank.includes(v.column)) && v.reason && !sentBack.has(v.reason)
        ? { ...v, column: v.column ?? blank[0], reason: `${v.reason}${translate(ctx.locale, "format.clauseSeparator")}${hint}` }
        : v,
    ),
  };
}
