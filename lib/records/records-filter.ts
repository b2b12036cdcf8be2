import { roleCan, type Actor } from "../auth/roles";

/**
 * Which records of a template a read is about: the live list, the recycle bin, both, or what the
 * actor may open — live records, and deleted ones too for those who may restore them.
 */
export type TrashState = "live" | "trash" | "any" | "openable";

/**
 * The base filter of every read of a template's records — list, count, detail, history, reveal,
 * the impact analysis, a migration's batches — so that who may see which records is decided in
 * this one place. Today that is the template and the trash state; the actor's data scope (own /
 * team / all records, issue 11) narrows it here too. `actor` null is the system reading for itself
 * (impact analysis, migrations), which sees every record.
 *
 * A flat object of top-level equalities, so that a lookup by `_id` with it stays a pushed-down
 * point query on the embedded database (scripts/lib/ferretdb.mjs).
 */
export function recordsFilter(params: { actor: Actor | null; templateKey: string; trash: TrashState }): Record<string, unknown> {
  const filter: Record<string, unknown> = { templateKey: params.templateKey };
  const trash = params.trash === "openable" ? (params.actor && roleCan(params.actor.role, "record.restore") ? "any" : "live") : params.trash;
  if (trash === "live") filter.deletedAt = null;
  else if (trash === "trash") filter.deletedAt = { $ne: null };
  return filter;
}
