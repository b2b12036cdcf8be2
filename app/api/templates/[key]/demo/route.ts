import { readJsonObject, withRoute } from "@/lib/api/with-route";
import { loadDemoBody } from "@/lib/demo/demo-input";
import { loadDemoData } from "@/lib/demo/load-demo-data";
import { parseInput } from "@/lib/validation/parse-input";

// POST /api/templates/[key]/demo – fill a template with synthetic records: { count? }
export const POST = withRoute<{ key: string }>(async ({ req, params, actor, locale }) => {
  const { count } = parseInput(loadDemoBody, await readJsonObject(req, { allowEmpty: true }));
  const result = await loadDemoData({ actor, templateKey: params.key, count, locale });
  return Response.json(result, { status: 201 });
});
