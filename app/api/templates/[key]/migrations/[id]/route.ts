import { withRoute } from "@/lib/api/with-route";
import { getMigration } from "@/lib/migrations/get-migration";

type Params = { key: string; id: string };

// GET /api/templates/[key]/migrations/[id] – a migration's progress
export const GET = withRoute<Params>(async ({ params, actor }) => ({ migration: await getMigration({ actor, templateKey: params.key, jobId: params.id }) }));
