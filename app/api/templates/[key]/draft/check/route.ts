import { readJson, withRoute } from "@/lib/api/with-route";
import { checkDesign } from "@/lib/templates/check-design";

type Params = { key: string };

// POST /api/templates/[key]/draft/check – the designer's checks and preview validators for unsaved content: { content }
export const POST = withRoute<Params>(async ({ req, params, actor, locale }) => checkDesign({ actor, templateKey: params.key, input: await readJson(req), locale }));
