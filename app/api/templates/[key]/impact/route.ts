import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { analyzeImpact } from "@/lib/migrations/analyze-impact";

type Params = { key: string };

// POST /api/templates/[key]/impact – which records would fail: { content? } (the saved draft by default), ?limit=N
export const POST = withRoute<Params>(async ({ req, params, actor }) => {
  const body = await readJsonObject(req, { allowEmpty: true });
  const limit = Number(req.nextUrl.searchParams.get("limit") ?? "200") || 200;
  return analyzeImpact({ actor, templateKey: params.key, content: body.content, limit });
});
