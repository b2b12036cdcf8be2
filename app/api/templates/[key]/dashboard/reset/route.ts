import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { resetDashboard } from "@/lib/statistics/reset-dashboard";

type Params = { key: string };
// resetDashboard parses its input itself; the wrapper reads it.
const body = z.unknown();

// POST /api/templates/[key]/dashboard/reset – 恢复默认: { revision } (administrators)
export const POST = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => resetDashboard({ actor, templateKey: params.key, input: body }));
