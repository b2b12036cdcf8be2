import { withRoute } from "@/lib/api/with-route";
import { loadDemoBody } from "@/lib/demo/demo-input";
import { loadDemoData } from "@/lib/demo/load-demo-data";

// POST /api/templates/[key]/demo – fill a template with synthetic records: { count? }
export const POST = withRoute<{ key: string }, typeof loadDemoBody>({ body: loadDemoBody, allowEmpty: true }, async ({ body, params, actor, locale }) => {
  const result = await loadDemoData({ actor, templateKey: params.key, count: body.count, locale });
  return Response.json(result, { status: 201 });
});
