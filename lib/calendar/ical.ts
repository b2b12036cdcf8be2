/**
 * A small iCalendar (RFC 5545) writer: just what a subscribed calendar of all-day events needs.
 * Pure, so that folding and escaping are unit-tested without a server.
 */

/** One all-day event. `date` is the day ("YYYY-MM-DD"); the event ends the next day (DTEND is exclusive). */
export interface AllDayEvent {
  uid: string;
  date: string;
  summary: string;
  description?: string;
  url?: string;
}

export interface CalendarInput {
  /** PRODID's product part and X-WR-CALNAME. */
  name: string;
  events: AllDayEvent[];
  /** DTSTAMP of every event: when the feed was written. */
  now: Date;
  /** How often clients should fetch again (an ISO 8601 duration such as PT1H). */
  refresh?: string;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks; drops other control characters. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line at 75 octets (CRLF and one space before each continuation, which counts
 * toward the next line's 75), never inside a UTF-8 character: Chinese text is 3 octets a character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = utf8Octets(ch.codePointAt(0)!);
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** "YYYY-MM-DD" → "YYYYMMDD" (a DATE value). */
export function icalDate(day: string): string {
  return day.replaceAll("-", "");
}

/** A UTC DATE-TIME value: 20261203T080000Z. */
export function icalDateTime(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A whole VCALENDAR, folded, with CRLF line ends (the last line too). */
export function writeCalendar(input: CalendarInput): string {
  const stamp = icalDateTime(input.now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//Dossier//${escapeText(input.name)}//ZH`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(input.name)}`,
  ];
  if (input.refresh) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${input.refresh}`, `X-PUBLISHED-TTL:${input.refresh}`);
  for (const e of input.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icalDate(e.date)}`,
      `DTEND;VALUE=DATE:${icalDate(nextDay(e.date))}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    // URL is a URI value, not TEXT: no escaping (commas and semicolons are legal in it).
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
