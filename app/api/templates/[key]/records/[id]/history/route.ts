import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { recordHistoryPage } from "@/lib/records/record-history";
import { zodKey } from "@/lib/validation/parse-input";

type Params = { key: string; id: string };
const bad = { message: zodKey("api.badHistoryQuery") };
const query = z.object({
  kind: z.enum(["changes", "reveals", "all"], bad).default("all"),
  page: z
    .string()
    .regex(/^\d{1,5}$/, bad)
    .transform(Number)
    .refine((n) => n >= 1, bad)
    .default(1),
});

// GET /api/templates/[key]/records/[id]/history?kind=changes|reveals|all&page=N – who changed or saw what, newest first, 50 a page
export const GET = withRoute<Params, undefined, typeof query>({ query }, async ({ query, params, actor }) => {
  const { entries, page, hasMore } = await recordHistoryPage({ actor, templateKey: params.key, recordId: params.id, kind: query.kind, page: query.page, size: 50 });
  return { history: entries, page, hasMore };
});
