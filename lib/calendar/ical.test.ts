import { describe, expect, it } from "vitest";
import { escapeText, foldLine, icalDateTime, writeCalendar } from "./ical";

const octets = (s: string) => Buffer.byteLength(s, "utf8");

/** Undoes folding as a client does: CRLF followed by one space joins the lines. */
const unfold = (s: string) => s.replace(/\r\n /g, "");

describe("iCalendar writer", () => {
  it("escapes backslash, semicolon, comma and line breaks, and drops control characters", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    expect(escapeText("x\u0000y\u0007z\tt")).toBe("xyz\tt");
    expect(escapeText("续保提醒 · 张三")).toBe("续保提醒 · 张三");
  });

  it("folds at 75 octets without splitting a Chinese (3-octet) character", () => {
    const line = `SUMMARY:${"续保提醒客户张三".repeat(20)}`;
    const folded = foldLine(line);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    for (const l of lines.slice(1)) expect(l.startsWith(" ")).toBe(true);
    // Every piece is whole UTF-8: decoding its bytes gives it back unchanged (no U+FFFD).
    for (const l of lines) expect(Buffer.from(l, "utf8").toString("utf8")).not.toContain("\uFFFD");
    expect(unfold(folded)).toBe(line);
    // "SUMMARY:" is 8 octets, then 22 characters of 3 octets fit (74), the 23rd would make 77.
    expect(octets(lines[0])).toBe(74);
  });

  it("folds ASCII at exactly 75 octets and leaves short lines alone", () => {
    const line = "X".repeat(200);
    const lines = foldLine(line).split("\r\n");
    expect(lines.map(octets)).toEqual([75, 75, 52]);
    expect(foldLine("SHORT:1")).toBe("SHORT:1");
    expect(foldLine("Y".repeat(75))).toBe("Y".repeat(75));
  });

  it("handles 4-octet characters (emoji) without splitting a surrogate pair", () => {
    const line = `DESCRIPTION:${"😀".repeat(40)}`;
    const lines = foldLine(line).split("\r\n");
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(unfold(foldLine(line))).toBe(line);
  });

  it("writes a VCALENDAR with CRLF line ends, DATE values for all-day events and DTSTAMP in UTC", () => {
    const now = new Date("2026-12-03T08:09:10.123Z");
    const body = writeCalendar({
      name: "Dossier 提醒",
      now,
      refresh: "PT1H",
      events: [{ uid: "customer-archive:abc:renewal:-:2026-12-31@dossier", date: "2026-12-31", summary: "续保提醒 · 张三", description: "保险到期日期 2026-12-31\n到期前 30 天", url: "https://x.example/t/a/r/1#section-policy" }],
    });
    expect(body.endsWith("\r\n")).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = unfold(body).split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines).toContain("X-WR-CALNAME:Dossier 提醒");
    expect(lines).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    expect(lines).toContain("X-PUBLISHED-TTL:PT1H");
    expect(lines).toContain("DTSTAMP:20261203T080910Z");
    expect(lines).toContain("DTSTART;VALUE=DATE:20261231");
    // DTEND is exclusive: the next day, across a year's end too.
    expect(lines).toContain("DTEND;VALUE=DATE:20270101");
    expect(lines).toContain("SUMMARY:续保提醒 · 张三");
    expect(lines).toContain("DESCRIPTION:保险到期日期 2026-12-31\\n到期前 30 天");
    expect(lines).toContain("UID:customer-archive:abc:renewal:-:2026-12-31@dossier");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(lines.at(-2)).toBe("END:VCALENDAR");
    expect(icalDateTime(now)).toBe("20261203T080910Z");
  });

  it("writes an empty calendar when there are no events", () => {
    const body = writeCalendar({ name: "Dossier 提醒", now: new Date(), events: [] });
    expect(body).toContain("BEGIN:VCALENDAR\r\n");
    expect(body).not.toContain("VEVENT");
  });
});
