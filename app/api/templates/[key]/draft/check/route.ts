import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { checkDesign } from "@/lib/templates/check-design";

type Params = { key: string };
// checkDesign parses its input itself; the wrapper reads it.
const body = z.unknown();

// POST /api/templates/[key]/draft/check – the designer's checks and preview validators for unsaved content: { content }
export const POST = withRoute<Params, typeof body>({ body }, async ({ body, params, actor, locale }) => checkDesign({ actor, templateKey: params.key, input: body, locale }));
