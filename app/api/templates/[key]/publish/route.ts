import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { publishDraft } from "@/lib/migrations/publish-draft";

type Params = { key: string };
// publishDraft parses its input itself; the wrapper reads it.
const body = z.unknown();

// POST /api/templates/[key]/publish – publish the draft as the next version: { revision, note? }
export const POST = withRoute<Params, typeof body>({ body }, async ({ body, params, actor, locale }) => publishDraft({ actor, templateKey: params.key, input: body, locale }));
