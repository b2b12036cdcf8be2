import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { analyzeImpact } from "@/lib/migrations/analyze-impact";

type Params = { key: string };
// analyzeImpact checks the content itself. A limit that is no number (or 0) means the default 200.
const body = z.object({ content: z.unknown().optional() });
const query = z.object({ limit: z.string().optional().transform((raw) => Number(raw ?? "200") || 200) });

// POST /api/templates/[key]/impact – which records would fail: { content? } (the saved draft by default), ?limit=N
export const POST = withRoute<Params, typeof body, typeof query>({ body, allowEmpty: true, query }, async ({ body, query, params, actor }) =>
  analyzeImpact({ actor, templateKey: params.key, content: body.content, limit: query.limit }),
);
