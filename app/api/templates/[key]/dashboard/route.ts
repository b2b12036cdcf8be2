import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { loadDashboard } from "@/lib/statistics/load-dashboard";
import { saveDashboard } from "@/lib/statistics/save-dashboard";

type Params = { key: string };
// saveDashboard parses its input itself; the wrapper reads it.
const body = z.unknown();

// GET /api/templates/[key]/dashboard – the template's statistics dashboard (saved, or the shipped default)
export const GET = withRoute<Params>(async ({ params, actor }) => loadDashboard({ actor, templateKey: params.key }));

// PUT /api/templates/[key]/dashboard – save the widgets: { revision, widgets } (administrators)
export const PUT = withRoute<Params, typeof body>({ body }, async ({ body, params, actor }) => saveDashboard({ actor, templateKey: params.key, input: body }));
