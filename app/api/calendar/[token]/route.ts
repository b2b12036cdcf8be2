import { withRoute } from "@/lib/api/with-route";
import { calendarFeed } from "@/lib/calendar/calendar-feed";
import { hashBearerToken } from "@/lib/shared/bearer-token";
import { SlidingWindowLimit } from "@/lib/shared/sliding-window-limit";

const limit = new SlidingWindowLimit(60, 3_600_000);

type Params = { token: string };
const tokenOf = (params: Params) => params.token.replace(/\.ics$/, "");

// GET /api/calendar/<token>.ics – a user's reminders as an iCalendar feed (public: calendar apps have no session; the token is the credential)
export const GET = withRoute<Params>({ caller: "public", rateLimit: [{ limit, key: ({ params }) => hashBearerToken(tokenOf(params)) }] }, async ({ req, params }) => {
  const body = await calendarFeed({ token: tokenOf(params), origin: req.nextUrl.origin });
  // Unknown, revoked, or its user deactivated: the same bare 404. The wrapper adds no-store and no-referrer.
  if (body === null) return new Response(null, { status: 404 });
  return new Response(body, { headers: { "content-type": "text/calendar; charset=utf-8", "content-disposition": 'inline; filename="dossier.ics"' } });
});
