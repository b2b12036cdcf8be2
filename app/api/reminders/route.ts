import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { REMINDER_GROUPS } from "@/lib/reminders/types";
import { MAX_PAGE, PER_BLOCK, reminderBlockItems, WORKBENCH_HORIZON_DAYS, workbenchPage } from "@/lib/reminders/workbench-page";

// The services check who may see whose reminders.
const query = z.object({
  owner: z.string().optional(),
  group: z.enum(REMINDER_GROUPS).optional(),
  rule: z.string().max(200).optional(),
  after: z.string().max(300).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(PER_BLOCK),
});

// GET /api/reminders?owner=<userId> – the 工作台 as first shown (agents: their own customers'): every
// block's count and its first reminders. With &group=<group>&rule=<templateKey:ruleId>&offset=&limit=
// – 更多: that block's reminders from `offset` on (&after=<reminder id>: after that one while it is there).
export const GET = withRoute({ query }, async ({ query, actor }) =>
  query.group && query.rule
    ? reminderBlockItems({ actor, ownerId: query.owner, horizonDays: WORKBENCH_HORIZON_DAYS, group: query.group, ruleKey: query.rule, after: query.after, offset: query.offset, limit: query.limit })
    : workbenchPage({ actor, ownerId: query.owner, horizonDays: WORKBENCH_HORIZON_DAYS }),
);
