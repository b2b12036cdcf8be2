import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { CalendarTokenModel } from "../db/models/calendar-token";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { reminderReach } from "../reminders/reminder-scope";
import { hashBearerToken, newBearerToken } from "../shared/bearer-token";

/** What the 工作台 shows of a user's calendar link: never the token, which is shown once. */
export interface CalendarLinkStatus {
  createdAt: string;
  lastUsedAt: string | null;
  /** Whether its events carry customers' names in full (otherwise masked, e.g. 张**). */
  names: boolean;
}

async function assertHasReminders(actor: Actor | null): Promise<Actor> {
  if (!actor) throw new DomainError("UNAUTHENTICATED", msg("auth.signInFirst"));
  if ((await reminderReach(actor)) === "none") throw new DomainError("FORBIDDEN", msg("calendar.noReminders"));
  return actor;
}

/** The actor's calendar link, or null when they have none. */
export async function getCalendarLink(actor: Actor | null): Promise<CalendarLinkStatus | null> {
  actor = await assertHasReminders(actor);
  await connectDb();
  const doc = await CalendarTokenModel.findOne({ userId: actor.id }, { createdAt: 1, lastUsedAt: 1, names: 1 }).lean();
  return doc ? { createdAt: doc.createdAt.toISOString(), lastUsedAt: doc.lastUsedAt ? doc.lastUsedAt.toISOString() : null, names: doc.names === true } : null;
}

async function removeLinks(actor: Actor, reason: "revoke" | "replace"): Promise<void> {
  const old = await CalendarTokenModel.find({ userId: actor.id }, { _id: 1 }).lean();
  if (old.length === 0) return;
  await CalendarTokenModel.deleteMany({ _id: { $in: old.map((o) => o._id) } });
  for (const o of old)
    await writeAuditEvent({ id: `calendar:${o._id.slice(0, 16)}:revoke`, actor, action: "calendar.revoke", entity: "user", entityId: actor.id, meta: { reason } });
}

/**
 * Makes the actor a new calendar link, replacing any they had (the old one stops working). The
 * token is returned here only; the database keeps its hash. A calendar syncs to a third-party
 * cloud, so customers' names go into it only when the user asks for them (`names`); otherwise
 * they are masked as for someone without the right to see them.
 */
export async function createCalendarLink(actor: Actor | null, options: { names?: boolean } = {}): Promise<CalendarLinkStatus & { token: string }> {
  const names = options.names === true;
  actor = await assertHasReminders(actor);
  await connectDb();
  await removeLinks(actor, "replace");
  const token = newBearerToken();
  const hash = hashBearerToken(token);
  const createdAt = new Date();
  try {
    await CalendarTokenModel.create({ _id: hash, userId: actor.id, createdAt, lastUsedAt: null, names });
  } catch (err) {
    // Two clicks at once: the other request's link stands.
    if ((err as { code?: number }).code === 11000) throw new DomainError("CONFLICT", msg("calendar.busy"));
    throw err;
  }
  await writeAuditEvent({ id: `calendar:${hash.slice(0, 16)}:create`, actor, action: "calendar.create", entity: "user", entityId: actor.id, at: createdAt, meta: { names } });
  return { token, createdAt: createdAt.toISOString(), lastUsedAt: null, names };
}

/** Revokes the actor's calendar link: the feed answers 404 from now on. Revoking none is fine. */
export async function revokeCalendarLink(actor: Actor | null): Promise<void> {
  actor = await assertHasReminders(actor);
  await connectDb();
  await removeLinks(actor, "revoke");
}
