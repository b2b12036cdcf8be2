import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { createCalendarLink, getCalendarLink, revokeCalendarLink } from "@/lib/calendar/calendar-link";

// GET /api/calendar-link – whether the signed-in user has a calendar feed link (never the token)
export const GET = withRoute(async ({ actor }) => ({ link: await getCalendarLink(actor) }));

const createBody = z.object({ names: z.boolean().optional() }).strict();

// POST /api/calendar-link – a new feed link, replacing any old one; the token is in this answer only.
// Body (optional): { names: true } for customers' names in full in the events.
export const POST = withRoute({ body: createBody, allowEmpty: true }, async ({ actor, body }) => createCalendarLink(actor, body));

// DELETE /api/calendar-link – revoke the feed link: the feed answers 404 from now on
export const DELETE = withRoute(async ({ actor }) => {
  await revokeCalendarLink(actor);
  return { ok: true };
});
