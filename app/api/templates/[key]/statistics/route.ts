import { withRoute } from "@/lib/api/with-route";
import { getStatisticsPage, settleResults } from "@/lib/statistics/get-statistics-page";

type Params = { key: string };

// GET /api/templates/[key]/statistics?f.… – every widget of the dashboard computed with the list's filters
export const GET = withRoute<Params>(async ({ req, params, actor, locale }) => {
  const page = await getStatisticsPage({ actor, templateKey: params.key, searchParams: req.nextUrl.searchParams, locale });
  return { dashboard: page.dashboard, results: await settleResults(page.results), refused: page.refused };
});
