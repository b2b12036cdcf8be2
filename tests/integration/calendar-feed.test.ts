import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as feedRoute } from "@/app/api/calendar/[token]/route";
import { createCalendarLink, getCalendarLink, revokeCalendarLink } from "@/lib/calendar/calendar-link";
import { hashBearerToken } from "@/lib/shared/bearer-token";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { CalendarTokenModel } from "@/lib/db/models/calendar-token";
import { UserModel } from "@/lib/db/models/user";
import { createRecord } from "@/lib/records/create-record";
import { addDays, officeToday } from "@/lib/reminders/office-date";
import type { Actor } from "@/lib/auth/roles";
import { Cleanup, customerData, expectDomainError, makeActor, residentId, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
const today = officeToday();

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(async () => {
  await CalendarTokenModel.deleteMany({ userId: { $in: cleanup.users } });
  await cleanup.run();
});

async function fetchFeed(token: string): Promise<Response> {
  const req = new NextRequest(`http://dossier.test/api/calendar/${token}.ics`);
  return feedRoute(req, { params: Promise.resolve({ token: `${token}.ics` }) });
}

async function renewalFor(actor: Actor, name: string, idNumber: string, mobile: string) {
  const record = await createRecord({ answer: "full", actor, templateKey: key, input: customerData({ basic: { name, idNumber, mobile }, policy: { endDate: addDays(today, 30) } }) });
  cleanup.records.push(record.id);
  return record;
}

describe("personal calendar feed", () => {
  it("serves the agent's own reminders as iCalendar, without ID or phone numbers, and stores only the token's hash", async () => {
    const agent = await makeActor("agent", cleanup);
    const other = await makeActor("agent", cleanup);
    const idNumber = residentId("19800101", 3);
    const mobile = "13912345678";
    const mine = await renewalFor(agent, "李四", idNumber, mobile);
    const theirs = await renewalFor(other, "王五", residentId("19810202", 5), "13700001111");

    const link = await createCalendarLink(agent);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await CalendarTokenModel.find({ userId: agent.id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]._id).toBe(hashBearerToken(link.token));
    expect(JSON.stringify(stored)).not.toContain(link.token);
    expect(await getCalendarLink(agent)).toEqual({ createdAt: link.createdAt, lastUsedAt: null, names: false });

    const res = await fetchFeed(link.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = await res.text();
    const unfolded = body.replace(/\r\n /g, "");
    expect(unfolded).toContain("BEGIN:VCALENDAR\r\n");
    expect(unfolded).toContain("X-WR-CALNAME:Dossier 提醒");
    expect(unfolded).toContain(`UID:${key}:${mine.id}:renewal:-:${addDays(today, 30)}@dossier`);
    // The customer's name is masked unless the link was made with names (a calendar syncs to a cloud).
    expect(unfolded).toContain("SUMMARY:续保提醒 · 李*");
    expect(unfolded).not.toContain("李四");
    expect(unfolded).toContain(`DTSTART;VALUE=DATE:${addDays(today, 30).replaceAll("-", "")}`);
    expect(unfolded).toContain(`URL:http://dossier.test/t/${key}/r/${mine.id}#section-policy`);
    // Another agent's customer is not in it; personal numbers never are.
    expect(unfolded).not.toContain(theirs.id);
    expect(unfolded).not.toContain("王五");
    expect(unfolded).not.toContain(idNumber);
    expect(unfolded).not.toContain(mobile);
    expect((await getCalendarLink(agent))?.lastUsedAt).not.toBeNull();

    const audit = await AuditEventModel.find({ entity: "user", entityId: agent.id, action: { $in: ["calendar.create", "calendar.revoke"] } }).lean();
    expect(audit.map((a) => a.action)).toEqual(["calendar.create"]);
    expect(audit[0].meta).toEqual({ names: false });

    // Made anew with names: the same reminder carries the name in full, still no numbers.
    const named = await createCalendarLink(agent, { names: true });
    expect(named.names).toBe(true);
    const withNames = (await (await fetchFeed(named.token)).text()).replace(/\r\n /g, "");
    expect(withNames).toContain("SUMMARY:续保提醒 · 李四");
    expect(withNames).not.toContain(idNumber);
    expect((await fetchFeed(link.token)).status).toBe(404);
  });

  it("a revoked or replaced link, a made-up one and an inactive user's answer 404 with no body", async () => {
    const agent = await makeActor("agent", cleanup);
    const first = await createCalendarLink(agent);
    const second = await createCalendarLink(agent);
    expect(await CalendarTokenModel.countDocuments({ userId: agent.id })).toBe(1);
    expect((await fetchFeed(first.token)).status).toBe(404);
    expect((await fetchFeed(second.token)).status).toBe(200);
    expect((await fetchFeed("x".repeat(43))).status).toBe(404);
    expect((await fetchFeed("not-a-token")).status).toBe(404);

    await UserModel.updateOne({ _id: agent.id }, { $set: { active: false } });
    const inactive = await fetchFeed(second.token);
    expect(inactive.status).toBe(404);
    expect(await inactive.text()).toBe("");
    await UserModel.updateOne({ _id: agent.id }, { $set: { active: true } });

    await revokeCalendarLink(agent);
    expect(await getCalendarLink(agent)).toBeNull();
    expect((await fetchFeed(second.token)).status).toBe(404);
    const actions = (await AuditEventModel.find({ entity: "user", entityId: agent.id, action: /^calendar\./ }).sort({ at: 1 }).lean()).map((a) => a.action);
    expect(actions.filter((a) => a === "calendar.create")).toHaveLength(2);
    expect(actions.filter((a) => a === "calendar.revoke")).toHaveLength(2);
  });

  it("viewers, who have no reminders, get no link", async () => {
    const viewer = await makeActor("viewer", cleanup);
    await expectDomainError(createCalendarLink(viewer), "FORBIDDEN");
  });
});
