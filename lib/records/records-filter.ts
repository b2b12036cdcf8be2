import { roleCan, type Actor } from "../auth/roles";

/**
 * Which records of a template a read is about: the live list, the recycle bin, both, or what the
 * actor may open — live records, and deleted ones too for those who may restore them.
 */
export type TrashState = "live" | "trash" | "any" | "openable";

/**
 * The owners whose records a reader may read and write in one template (see resolveScope):
 * `null` for every record, else the owner ids (the reader alone for "own", their team for "team").
 */
export interface RecordScope {
  ownerIds: readonly string[] | null;
}

/** The scope of the system reading for itself (impact analysis, migrations) and of "all". */
export const EVERY_RECORD: RecordScope = Object.freeze({ ownerIds: null });

/**
 * The base filter of every read of a template's records — list, count, detail, history, reveal,
 * export, reminders, the verification queue, a write's load, the impact analysis, a migration's
 * batches — so that who may see which records is decided in this one place: the template, the
 * trash state and the reader's data scope (own / team / all records, issue 11), resolved before
 * by resolveScope. A record outside the scope is as absent as one that does not exist (404).
 * `actor` null is the system reading for itself, which passes EVERY_RECORD.
 *
 * A flat object of top-level conditions (equality, `$in` of owner ids), so that a lookup by `_id`
 * with it stays a pushed-down point query on the embedded database (scripts/lib/ferretdb.mjs).
 */
export function recordsFilter(params: { actor: Actor | null; templateKey: string; trash: TrashState; scope: RecordScope }): Record<string, unknown> {
  const filter: Record<string, unknown> = { templateKey: params.templateKey };
  const trash = params.trash === "openable" ? (params.actor && roleCan(params.actor.role, "record.restore") ? "any" : "live") : params.trash;
  if (trash === "live") filter.deletedAt = null;
  else if (trash === "trash") filter.deletedAt = { $ne: null };
  const owners = params.scope.ownerIds;
  if (owners) filter.ownerId = owners.length === 1 ? owners[0] : { $in: [...owners] };
  return filter;
}

/**
 * Whether a record read by `_id` alone passes a filter of recordsFilter: a batch of writes reads
 * its records with one `$in` on `_id` (with the filter beside an `$in`, the embedded database
 * walks the template's whole list index instead) and holds each to the same filter here.
 */
export function matchesRecordsFilter(filter: Record<string, unknown>, doc: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, want]) => {
    const have = doc[key] ?? null;
    if (want === null || typeof want !== "object") return have === want;
    const ops = Object.entries(want);
    if (ops.length !== 1) throw new Error(`matchesRecordsFilter: ${key} is not a condition recordsFilter makes`);
    const [op, value] = ops[0];
    if (op === "$ne" && value === null) return have !== null;
    if (op === "$in" && Array.isArray(value)) return value.includes(have);
    throw new Error(`matchesRecordsFilter: ${key} is not a condition recordsFilter makes`);
  });
}
