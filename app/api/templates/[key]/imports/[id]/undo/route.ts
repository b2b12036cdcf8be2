import { withRoute } from "@/lib/api/with-route";
import { undoImport } from "@/lib/imports/undo-import";

type Params = { key: string; id: string };

// POST /api/templates/[key]/imports/[id]/undo – undo the whole import: its new records to the recycle bin, its updates set back where nobody edited since
export const POST = withRoute<Params>(async ({ params, actor, locale }) => ({ import: await undoImport({ actor, templateKey: params.key, id: params.id, locale }) }));
