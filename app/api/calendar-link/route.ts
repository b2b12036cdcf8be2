import { withRoute } from "@/lib/api/with-route";
import { createCalendarLink, getCalendarLink, revokeCalendarLink } from "@/lib/calendar/calendar-link";

// GET /api/calendar-link – whether the signed-in user has a calendar feed link (never the token)
export const GET = withRoute(async ({ actor }) => ({ link: await getCalendarLink(actor) }));

// POST /api/calendar-link – a new feed link, replacing any old one; the token is in this answer only
export const POST = withRoute(async ({ actor }) => createCalendarLink(actor));

// DELETE /api/calendar-link – revoke the feed link: the feed answers 404 from now on
export const DELETE = withRoute(async ({ actor }) => {
  await revokeCalendarLink(actor);
  return { ok: true };
});
