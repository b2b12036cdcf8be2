import { withRoute } from "@/lib/api/with-route";
import { startImport } from "@/lib/imports/start-import";

type Params = { key: string; id: string };

// POST /api/templates/[key]/imports/[id]/check – start the import's check (dry run: a verdict for every row, nothing written) as a background job
export const POST = withRoute<Params>(async ({ params, actor, locale }) => ({
  import: await startImport({ actor, templateKey: params.key, id: params.id, phase: "check", locale }),
}));
