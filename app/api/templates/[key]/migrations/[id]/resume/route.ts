import { withRoute } from "@/lib/api/with-route";
import { resumeMigration } from "@/lib/migrations/resume-migration";

type Params = { key: string; id: string };

// POST /api/templates/[key]/migrations/[id]/resume – continue a stopped migration from where it left off
export const POST = withRoute<Params>(async ({ params, actor }) => ({ migration: await resumeMigration({ actor, templateKey: params.key, jobId: params.id }) }));
