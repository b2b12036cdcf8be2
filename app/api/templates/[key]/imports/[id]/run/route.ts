import { withRoute } from "@/lib/api/with-route";
import { startImport } from "@/lib/imports/start-import";

type Params = { key: string; id: string };

// POST /api/templates/[key]/imports/[id]/run – start the import's run (after a finished check of the same settings) as a background job
export const POST = withRoute<Params>(async ({ params, actor, locale }) => ({
  import: await startImport({ actor, templateKey: params.key, id: params.id, phase: "run", locale }),
}));
