import "server-only";
import { roleCan, type Actor } from "../auth/roles";
import { scopeOf } from "../schema/scopes";
import { getPublishedTemplate } from "../templates/get-published-template";
import { listTemplates } from "../templates/list-templates";

/**
 * How far an actor's reminders reach. Whose records they are is the records' data scope
 * (recordsFilter): an agent with scope "own" has their own customers' reminders, a reviewer with
 * "team" their team's. Here only: viewers act on nothing, so they have none ("none"); "everyone"
 * when every published template lets the role see all records (one shared book: the 工作台 offers
 * the agent filter and the badge's count is shared), else "scoped" (the actor's own part of it).
 */
export async function reminderReach(actor: Actor): Promise<"none" | "everyone" | "scoped"> {
  if (!roleCan(actor.role, "record.update")) return "none";
  const templates = (await listTemplates(actor, { includeArchived: true })).filter((t) => t.currentVersion >= 1);
  for (const t of templates) if (scopeOf((await getPublishedTemplate(actor, t.key)).content, actor.role) !== "all") return "scoped";
  return "everyone";
}
