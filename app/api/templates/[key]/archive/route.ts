import { readJson, withRoute } from "@/lib/api/with-route";
import { setTemplateArchived } from "@/lib/templates/set-template-archived";
import { parseInput } from "@/lib/validation/parse-input";
import { z } from "zod";

type Params = { key: string };
const body = z.object({ archived: z.boolean({ message: "archived 必须是 true 或 false" }) }).strict();

// POST /api/templates/[key]/archive – archive or restore a template: { archived }
export const POST = withRoute<Params>(async ({ req, params, actor }) => {
  const { archived } = parseInput(body, await readJson(req));
  return { template: await setTemplateArchived({ actor, templateKey: params.key, archived }) };
});
