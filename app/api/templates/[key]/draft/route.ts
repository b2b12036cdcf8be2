import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { discardDraft } from "@/lib/templates/discard-draft";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";

type Params = { key: string };
// saveDraft and discardDraft parse their input themselves; the wrapper reads it. A missing
// ?revision= reads as 0, which discardDraft refuses as it always has.
const body = z.unknown();
const discardQuery = z.object({ revision: z.string().optional().transform((raw) => (raw === undefined ? 0 : Number(raw))) });

// GET /api/templates/[key]/draft – what the designer edits: the draft (or current version) as content and model
export const GET = withRoute<Params>(async ({ params, actor }) => getTemplateForEdit({ actor, templateKey: params.key }));

// PUT /api/templates/[key]/draft – save the draft: { revision, model } or { revision, content }
export const PUT = withRoute<Params, typeof body>({ body }, async ({ body, params, actor, locale }) => saveDraft({ actor, templateKey: params.key, input: body, locale }));

// DELETE /api/templates/[key]/draft?revision=N – throw the draft away
export const DELETE = withRoute<Params, undefined, typeof discardQuery>({ query: discardQuery }, async ({ query, params, actor }) =>
  discardDraft({ actor, templateKey: params.key, input: { revision: query.revision } }),
);
