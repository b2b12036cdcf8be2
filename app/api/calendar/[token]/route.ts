import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/with-route";
import { calendarFeed } from "@/lib/calendar/calendar-feed";
import { hashCalendarToken } from "@/lib/calendar/calendar-token";
import { SlidingWindowLimit } from "@/lib/shared/sliding-window-limit";

const limit = new SlidingWindowLimit(60, 3_600_000);

// The token is the credential: no cache may keep the answer, no page may pass the address on.
const PRIVATE = { "cache-control": "private, no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" };

// GET /api/calendar/<token>.ics – a user's reminders as an iCalendar feed (public: calendar apps have no session)
export async function GET(req: NextRequest, context: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const token = (await context.params).token.replace(/\.ics$/, "");
    const wait = limit.take(hashCalendarToken(token));
    if (wait > 0) return new Response(null, { status: 429, headers: { ...PRIVATE, "retry-after": String(wait) } });
    const body = await calendarFeed({ token, origin: req.nextUrl.origin });
    // Unknown, revoked, or its user deactivated: the same bare 404.
    if (body === null) return new Response(null, { status: 404, headers: PRIVATE });
    return new Response(body, { headers: { ...PRIVATE, "content-type": "text/calendar; charset=utf-8", "content-disposition": 'inline; filename="dossier.ics"' } });
  } catch (err) {
    return errorResponse(err);
  }
}
