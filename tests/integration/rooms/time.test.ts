/**
 * Time through the commands and pages (issue 4): bookings on and across the DST changes (last
 * Sunday of March and of October) keep their local wall-clock times and have their true length;
 * the 22:00 rule is checked in local time; the calendar, the mails and the .ics show local times.
 * The clock is fixed (`now` passed to the commands), so the dates never fall out of the booking window.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { approveBooking } from "../../../app/modules/rooms/decide-booking.server";
import { changeSeriesTimes } from "../../../app/modules/rooms/manage-booking.server";
import { buildCalendarDays } from "../../../app/modules/rooms/calendar";
import { listCalendarBlocks } from "../../../app/modules/rooms/queries.server";
import { parseOpeningHours } from "../../../app/modules/rooms/policy";
import { requestBooking, type RequestResult } from "../../../app/modules/rooms/request-booking.server";
import type { RequestInput } from "../../../app/modules/rooms/schema";
import { getDb } from "../../../app/utils/db.server";
import { berlinTime, berlinToInstant } from "../../../app/utils/dates";
import { createTestRoom, createTestUser } from "../../factories";

let roomId: number;
let member: Actor;
let office: Actor;

beforeAll(async () => {
  // Open every day 06:00–22:00, no buffer, a year ahead: only the rules under test can refuse.
  ({ id: roomId } = await createTestRoom(getDb(), { openingHours: JSON.stringify(Array.from({ length: 7 }, () => ({ open: "06:00", close: "22:00" }))), horizonMonths: 12, bufferMinutes: 0 }));
  const u = await createTestUser(getDb(), { roles: ["volunteer"], email: "zeit@example.org", name: "Zeit Test" });
  member = { userId: u.id, email: u.email, name: "Zeit Test", locale: "de", emailVerified: true, roles: ["volunteer"], organisationIds: [] };
  const c = await createTestUser(getDb(), { roles: ["coordinator"] });
  office = { userId: c.id, email: c.email, name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
});

const NOW = new Date("2027-03-01T10:00:00Z");
const input = (o: Partial<RequestInput>): RequestInput => ({
  day: "2027-03-28",
  startTime: "18:00",
  endTime: "20:00",
  parts: [],
  purpose: "Sprachcafé",
  attendees: 10,
  responsibleAdult: "Zeit Test",
  repeat: "none",
  dates: [],
  intent: "request",
  rulesVersion: 1,
  acceptRules: "on",
  ...o,
});
const rows = (ids: number[]) => getDb().selectFrom("booking").select(["id", "starts_at", "ends_at", "status"]).where("id", "in", ids).orderBy("starts_at").execute();
const ok = (r: RequestResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.violations));
  return r.bookingIds;
};
const hours = (b: { starts_at: string; ends_at: string }) => (Date.parse(b.ends_at) - Date.parse(b.starts_at)) / 3600_000;

describe("daylight saving time", () => {
  it("a weekly 18:00 across the spring change stays 18:00 local, two real hours each", async () => {
    const ids = ok(await requestBooking(member, roomId, input({ day: "2027-03-21", repeat: "weekly", count: 3 }), NOW));
    const booked = await rows(ids);
    expect(booked.map((b) => b.starts_at)).toEqual(["2027-03-21T17:00:00.000Z", "2027-03-28T16:00:00.000Z", "2027-04-04T16:00:00.000Z"]);
    expect(booked.map((b) => berlinTime(b.starts_at))).toEqual(["18:00", "18:00", "18:00"]);
    expect(booked.map(hours)).toEqual([2, 2, 2]);
  });

  it("a slot over the spring change (01:00–04:00 local wall times) is two hours long", async () => {
    // Night rest off for this room only; the wall clock jumps from 02:00 to 03:00.
    const { id } = await createTestRoom(getDb(), { openingHours: JSON.stringify(Array.from({ length: 7 }, () => ({ open: "00:00", close: "23:59" }))), horizonMonths: 12, bufferMinutes: 0, maxMinutes: 600 });
    await getDb().updateTable("room").set({ night_rest_start: "23:59", night_rest_end: "00:00" }).where("id", "=", id).execute();
    const [b] = await rows(ok(await requestBooking(member, id, input({ day: "2027-03-28", startTime: "01:00", endTime: "04:00" }), NOW)));
    expect([b.starts_at, b.ends_at, hours(b)]).toEqual(["2027-03-28T00:00:00.000Z", "2027-03-28T02:00:00.000Z", 2]);
    const [a] = await rows(ok(await requestBooking(member, id, input({ day: "2027-10-31", startTime: "01:00", endTime: "04:00" }), new Date("2027-10-01T10:00:00Z"))));
    // The autumn change repeats 02:00–03:00: the same wall times are four hours.
    expect([a.starts_at, a.ends_at, hours(a)]).toEqual(["2027-10-30T23:00:00.000Z", "2027-10-31T03:00:00.000Z", 4]);
  });

  it("the 22:00 rule is checked in local time on both change days", async () => {
    for (const [day, now] of [["2027-03-28", NOW], ["2027-10-31", new Date("2027-10-01T10:00:00Z")]] as const) {
      const late = await requestBooking(member, roomId, input({ day, startTime: "20:00", endTime: "22:30" }), now);
      expect(late.ok).toBe(false);
      expect(JSON.stringify(!late.ok && late.violations)).toContain("rooms:rules.endsAfterNightRest");
      const fine = await requestBooking(member, roomId, input({ day, startTime: "20:00", endTime: "22:00" }), now);
      expect([day, fine.ok]).toEqual([day, true]);
    }
  });

  it("the calendar, the confirmation mail and its .ics show local times on the autumn change day", async () => {
    const autumn = new Date("2027-10-01T10:00:00Z");
    const [id] = ok(await requestBooking(member, roomId, input({ day: "2027-10-31", startTime: "10:00", endTime: "12:30" }), autumn));
    await approveBooking(office, id, autumn);
    const [b] = await rows([id]);
    expect([b.starts_at, hours(b)]).toEqual(["2027-10-31T09:00:00.000Z", 2.5]);
    const blocks = await listCalendarBlocks(roomId, berlinToInstant("2027-10-31").toISOString(), berlinToInstant("2027-11-01").toISOString());
    const room = await getDb().selectFrom("room").select("opening_hours").where("id", "=", roomId).executeTakeFirstOrThrow();
    const [day] = buildCalendarDays("2027-10-31", 1, blocks, parseOpeningHours(room.opening_hours));
    expect(day.blocks.filter((x) => x.state === "booked").map((x) => [x.from, x.to])).toContainEqual(["10:00", "12:30"]);
    const mail = await getDb().selectFrom("outbox").select(["text", "attachments"]).where("template", "=", "room-booking-confirmed").where("to_address", "=", "zeit@example.org").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(mail.text).toContain("10:00–12:30");
    const [ics] = JSON.parse(mail.attachments!);
    expect(ics.content).toContain("DTSTART;TZID=Europe/Berlin:20271031T100000");
    expect(ics.content).toContain("DTEND;TZID=Europe/Berlin:20271031T123000");
  });

  it("changing all future dates of a series across the change keeps each date's local time", async () => {
    const ids = ok(await requestBooking(member, roomId, input({ day: "2027-10-24", startTime: "09:00", endTime: "10:00", repeat: "weekly", count: 2 }), new Date("2027-10-01T10:00:00Z")));
    const r = await changeSeriesTimes(ids[0], { startTime: "16:00", endTime: "17:30" }, new Date("2027-10-01T10:00:00Z"));
    expect(r.ok).toBe(true);
    const booked = await rows(ids);
    expect(booked.map((b) => [b.starts_at, berlinTime(b.starts_at), hours(b)])).toEqual([
      ["2027-10-24T14:00:00.000Z", "16:00", 1.5],
      ["2027-10-31T15:00:00.000Z", "16:00", 1.5],
    ]);
  });
});

describe("bad times: a clear message, nothing written", () => {
  it("00:00 to 00:00 has no length; an end before the start is named", async () => {
    const count = async () => Number((await getDb().selectFrom("booking").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const [startTime, endTime, key] of [["00:00", "00:00", "rooms:rules.zeroLength"], ["19:00", "18:00", "rooms:rules.endBeforeStart"], ["18:00", "18:00", "rooms:rules.zeroLength"]]) {
      const r = await requestBooking(member, roomId, input({ startTime, endTime }), NOW);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.violations.map((v) => v.key)).toEqual([key]);
    }
    expect(await count()).toBe(before);
  });
});
