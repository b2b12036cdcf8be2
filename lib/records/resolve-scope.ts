import "server-only";
import type { Actor } from "../auth/roles";
import { scopeOf } from "../schema/scopes";
import type { TemplateContent } from "../schema/types";
import { teamMemberIds } from "../users/team-member-ids";
import { EVERY_RECORD, type RecordScope } from "./records-filter";

/**
 * The owners whose records an actor reads and writes in a template, from the version's data scope
 * for the actor's role (lib/schema/scopes.ts): every record, the actor's own, or their team's
 * (team members are read once per request). Passed to recordsFilter by every read and write;
 * the system (actor null) sees every record.
 */
export async function resolveScope(actor: Actor | null, template: { content: Pick<TemplateContent, "scopes"> }): Promise<RecordScope> {
  if (!actor) return EVERY_RECORD;
  switch (scopeOf(template.content, actor.role)) {
    case "own":
      return { ownerIds: [actor.id] };
    case "team":
      return { ownerIds: await teamMemberIds(actor.id) };
    default:
      return EVERY_RECORD;
  }
}
