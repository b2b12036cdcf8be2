import { readJson, withRoute } from "@/lib/api/with-route";
import { discardDraft } from "@/lib/templates/discard-draft";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";

type Params = { key: string };

// GET /api/templates/[key]/draft – what the designer edits: the draft (or current version) as content and model
export const GET = withRoute<Params>(async ({ params, actor }) => getTemplateForEdit({ actor, templateKey: params.key }));

// PUT /api/templates/[key]/draft – save the draft: { revision, model } or { revision, content }
export const PUT = withRoute<Params>(async ({ req, params, actor, locale }) => saveDraft({ actor, templateKey: params.key, input: await readJson(req), locale }));

// DELETE /api/templates/[key]/draft?revision=N – throw the draft away
export const DELETE = withRoute<Params>(async ({ req, params, actor }) =>
  discardDraft({ actor, templateKey: params.key, input: { revision: Number(req.nextUrl.searchParams.get("revision")) } }),
);
