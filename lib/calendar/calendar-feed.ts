import "server-only";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { CalendarTokenModel } from "../db/models/calendar-token";
import { UserModel } from "../db/models/user";
import { dictionaries, fmt } from "../i18n/dictionaries";
import { indexedReminderList } from "../reminders/workbench-page";
import type { ReminderItem } from "../reminders/types";
import type { Role } from "../shared/role";
import { hashBearerToken, isBearerToken } from "../shared/bearer-token";
import { maskValue } from "../schema/mask";
import type { PiiKind } from "../schema/types";
import { getPublishedTemplate } from "../templates/get-published-template";
import { feedTitle } from "./feed-title";
import { writeCalendar, type AllDayEvent } from "./ical";

/** The feed's window: open reminders due from this many days ago … */
export const FEED_LOOKBACK_DAYS = 30;
/** … to this many days ahead. */
export const FEED_HORIZON_DAYS = 90;

// The feed is read by calendar apps, not people signed in with a language: the office's (Chinese).
const w = dictionaries.zh.workbench;

function stageText(stage: number): string {
  if (stage < 0) return fmt(w.stage.before, { n: -stage });
  if (stage === 0) return w.stage.on;
  return fmt(w.stage.after, { n: stage });
}

/**
 * One reminder as an event. It carries only what the 工作台 shows — rule, record title, dates,
 * agent — because calendars sync to third-party clouds; the record itself is behind the link.
 */
function toEvent(item: ReminderItem, origin: string, everyone: boolean, title: string): AllDayEvent {
  const url = `${origin}/t/${encodeURIComponent(item.templateKey)}/r/${item.recordId}#section-${encodeURIComponent(item.section)}`;
  const lines = [
    item.templateName,
    `${item.dateLabel} ${item.date}${item.row !== null ? ` · ${fmt(w.row, { n: item.row + 1 })}` : ""} · ${stageText(item.stage)}`,
    ...(everyone ? [fmt(w.calendar.feedOwner, { name: item.ownerName })] : []),
    fmt(w.calendar.feedOpen, { url }),
  ];
  return {
    uid: `${item.id}@dossier`,
    date: item.dueDate,
    summary: title ? `${item.ruleTitle} · ${title}` : item.ruleTitle,
    description: lines.join("\n"),
    url,
  };
}

/**
 * Each reminder's record title as its event carries it: as the 工作台 shows it when the link was made
 * with names, otherwise with a personal-data title field (the archive's 客户姓名) masked as for
 * someone who may not see it — a calendar syncs to a third-party cloud. Titles with long digit
 * runs are left out either way (feedTitle).
 */
async function eventTitles(actor: Actor, items: ReminderItem[], names: boolean): Promise<string[]> {
  const kinds = new Map<string, PiiKind | undefined>();
  if (!names)
    for (const key of new Set(items.map((i) => i.templateKey))) {
      const template = await getPublishedTemplate(actor, key);
      const titleField = template.content.list.titleField;
      kinds.set(key, titleField ? template.fields.find((f) => f.path === titleField)?.pii : undefined);
    }
  return items.map((item) => {
    const kind = kinds.get(item.templateKey);
    return feedTitle(kind ? String(maskValue(kind, item.recordTitle) ?? "") : item.recordTitle);
  });
}

/**
 * The calendar behind a feed token: the owner's open reminders (as their 工作台 computes them) as
 * an iCalendar document, or null when the token is unknown or revoked or its user is inactive —
 * the route answers those alike, so a guess learns nothing. Marks the link used.
 */
export async function calendarFeed(params: { token: string; origin: string; now?: Date }): Promise<string | null> {
  if (!isBearerToken(params.token)) return null;
  const now = params.now ?? new Date();
  await connectDb();
  const hash = hashBearerToken(params.token);
  const link = await CalendarTokenModel.findById(hash, { userId: 1, names: 1 }).lean();
  if (!link) return null;
  const user = await UserModel.findById(link.userId, { name: 1, email: 1, role: 1, active: 1 }).lean();
  if (!user || !user.active) return null;
  const actor: Actor = { id: String(user._id), name: user.name, email: user.email, role: user.role as Role };
  const { items, everyone } = await indexedReminderList({ actor, now, lookbackDays: FEED_LOOKBACK_DAYS, horizonDays: FEED_HORIZON_DAYS });
  await CalendarTokenModel.updateOne({ _id: hash }, { $set: { lastUsedAt: now } });
  const titles = await eventTitles(actor, items, link.names === true);
  return writeCalendar({ name: w.calendar.feedName, now, refresh: "PT1H", events: items.map((i, n) => toEvent(i, params.origin, everyone, titles[n])) });
}
