import { readJson, withRoute } from "@/lib/api/with-route";
import { resetDashboard } from "@/lib/statistics/reset-dashboard";

type Params = { key: string };

// POST /api/templates/[key]/dashboard/reset – 恢复默认: { revision } (administrators)
export const POST = withRoute<Params>(async ({ req, params, actor }) => resetDashboard({ actor, templateKey: params.key, input: await readJson(req) }));
