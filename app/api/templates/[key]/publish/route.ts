import { readJson, withRoute } from "@/lib/api/with-route";
import { publishDraft } from "@/lib/migrations/publish-draft";

type Params = { key: string };

// POST /api/templates/[key]/publish – publish the draft as the next version: { revision, note? }
export const POST = withRoute<Params>(async ({ req, params, actor, locale }) => publishDraft({ actor, templateKey: params.key, input: await readJson(req), locale }));
