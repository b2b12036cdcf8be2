import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { getTemplate } from "@/lib/templates/get-template";
import { updateTemplateInfo } from "@/lib/templates/update-template-info";

type Params = { key: string };
// updateTemplateInfo parses its input itself; the wrapper reads it.
const body = z.unknown();

// GET /api/templates/[key] – a template's summary and its current published content
export const GET = withRoute<Params>(async ({ params, actor }) => getTemplate({ actor, templateKey: params.key }));

// PATCH /api/templates/[key] – rename or describe a template: { revision, name?, productLine?, description? }
export const PATCH = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => ({
  template: await updateTemplateInfo({ actor, templateKey: params.key, input: body }),
}));
