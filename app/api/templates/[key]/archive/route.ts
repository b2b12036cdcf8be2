import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { setTemplateArchived } from "@/lib/templates/set-template-archived";

type Params = { key: string };
const body = z.object({ archived: z.boolean({ message: "archived 必须是 true 或 false" }) }).strict();

// POST /api/templates/[key]/archive – archive or restore a template: { archived }
export const POST = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => ({
  template: await setTemplateArchived({ actor, templateKey: params.key, archived: body.archived }),
}));
