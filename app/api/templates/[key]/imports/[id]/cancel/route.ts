import { withRoute } from "@/lib/api/with-route";
import { cancelImport } from "@/lib/imports/cancel-import";

type Params = { key: string; id: string };

// POST /api/templates/[key]/imports/[id]/cancel – stop the running check or run after its current batch
export const POST = withRoute<Params>(async ({ params, actor }) => ({ import: await cancelImport({ actor, templateKey: params.key, id: params.id }) }));
