import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { setTemplateArchived } from "@/lib/templates/set-template-archived";
import { zodKey } from "@/lib/validation/parse-input";

type Params = { key: string };
const body = z.object({ archived: z.boolean({ message: zodKey("templates.archivedBoolean") }) }).strict();

// POST /api/templates/[key]/archive – archive or restore a template: { archived }
export const POST = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => ({
  template: await setTemplateArchived({ actor, templateKey: params.key, archived: body.archived }),
}));
