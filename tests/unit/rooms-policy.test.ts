import { describe, expect, it } from "vitest";
import { checkSlot, expandSeries, MAX_SERIES_OCCURRENCES, slotOf, type RoomRules } from "../../app/modules/rooms/policy";
import { berlinTime } from "../../app/utils/dates";

const open = { open: "08:00", close: "22:00" };
const rules: RoomRules = {
  capacity: 40,
  openingHours: [open, open, open, open, open, open, null],
  nightRestStart: "22:00",
  nightRestEnd: "06:00",
  minMinutes: 60,
  maxMinutes: 480,
  bufferMinutes: 30,
  leadDays: 2,
  horizonMonths: 6,
};
const now = new Date("2026-11-21T10:00:00Z"); // Saturday
const keys = (v: Array<{ key: string }>) => v.map((x) => x.key.replace("rooms:rules.", ""));
const check = (slot: { startsAt: string; endsAt: string }, extra: Partial<Parameters<typeof checkSlot>[2]> = {}) =>
  checkSlot(rules, slot, { now, confirmed: [], blackouts: [], ...extra });

describe("room rules", () => {
  it("accepts a valid slot", () => {
    expect(check(slotOf("2026-11-25", "18:00", "20:00"), { attendees: 20 })).toEqual([]);
  });
  it("refuses end before start and zero length, and nothing else", () => {
    expect(keys(check(slotOf("2026-11-25", "20:00", "18:00")))).toEqual(["endBeforeStart"]);
    expect(keys(check(slotOf("2026-11-25", "18:00", "18:00")))).toEqual(["zeroLength"]);
  });
  it("refuses the past and too short notice", () => {
    expect(keys(check(slotOf("2026-11-20", "18:00", "20:00")))).toContain("past");
    expect(keys(check(slotOf("2026-11-23", "08:00", "09:00")))).toEqual(["leadTime"]);
  });
  it("refuses beyond the horizon", () => {
    expect(keys(check(slotOf("2027-06-01", "18:00", "20:00")))).toEqual(["beyondHorizon"]);
    expect(check(slotOf("2027-05-20", "18:00", "20:00"))).toEqual([]);
  });
  it("checks length limits", () => {
    expect(keys(check(slotOf("2026-11-25", "18:00", "18:30")))).toEqual(["tooShort"]);
    expect(keys(check(slotOf("2026-11-25", "08:00", "17:00")))).toEqual(["tooLong"]);
  });
  it("checks the night rest in local time", () => {
    expect(keys(check(slotOf("2026-11-25", "20:00", "22:30")))).toEqual(["endsAfterNightRest", "outsideOpeningHours"]);
    expect(check(slotOf("2026-11-25", "20:00", "22:00"))).toEqual([]);
    // 21:00 UTC is 22:00 in winter but 23:00 in summer.
    expect(keys(check({ startsAt: "2027-04-14T18:00:00Z", endsAt: "2027-04-14T21:00:00Z" }, { now: new Date("2027-04-01T10:00:00Z") }))).toContain("endsAfterNightRest");
    expect(check({ startsAt: "2026-11-25T18:00:00Z", endsAt: "2026-11-25T21:00:00Z" })).toEqual([]);
  });
  it("checks opening hours and closed days", () => {
    expect(keys(check(slotOf("2026-11-29", "10:00", "12:00")))).toEqual(["closedOnDay"]);
    expect(keys(check(slotOf("2026-11-25", "07:00", "09:00")))).toEqual(["outsideOpeningHours"]);
  });
  it("checks capacity", () => {
    const v = check(slotOf("2026-11-25", "18:00", "20:00"), { attendees: 41 });
    expect(v).toEqual([{ key: "rooms:rules.capacityExceeded", values: { capacity: 40 } }]);
  });
  it("names the confirmed booking a slot overlaps, in local time", () => {
    const confirmed = [slotOf("2026-11-25", "18:00", "20:00")];
    const v = check(slotOf("2026-11-25", "19:00", "21:00"), { confirmed });
    expect(v).toEqual([{ key: "rooms:rules.overlapsConfirmed", values: { from: "18:00", to: "20:00", day: "2026-11-25" } }]);
  });
  it("keeps the cleaning buffer between bookings", () => {
    const confirmed = [slotOf("2026-11-25", "18:00", "20:00")];
    expect(keys(check(slotOf("2026-11-25", "20:15", "21:30"), { confirmed }))).toEqual(["withinBuffer"]);
    expect(check(slotOf("2026-11-25", "20:30", "21:30"), { confirmed })).toEqual([]);
    expect(keys(check(slotOf("2026-11-25", "15:00", "17:45"), { confirmed }))).toEqual(["withinBuffer"]);
  });
  it("refuses slots inside a blackout", () => {
    const blackouts = [{ startsAt: "2026-12-20T23:00:00Z", endsAt: "2027-01-06T23:00:00Z", reason: "Winterpause" }];
    expect(keys(check(slotOf("2026-12-28", "10:00", "12:00"), { blackouts }))).toEqual(["inBlackout"]);
  });
});

describe("daylight saving time", () => {
  it("a slot over the spring change has its true length and local times", () => {
    // 2027-03-28 is the last Sunday of March: 02:00 → 03:00.
    const s = slotOf("2027-03-28", "01:00", "04:00");
    expect((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 3600_000).toBe(2);
    expect(berlinTime(s.startsAt)).toBe("01:00");
    expect(berlinTime(s.endsAt)).toBe("04:00");
  });
  it("a slot over the autumn change has its true length", () => {
    // 2026-10-25 is the last Sunday of October: 03:00 → 02:00.
    const s = slotOf("2026-10-25", "01:00", "04:00");
    expect((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 3600_000).toBe(4);
  });
  it("18:00 stays 18:00 local in a weekly series across the change", () => {
    const r = expandSeries({ day: "2027-03-17", startTime: "18:00", endTime: "20:00", frequency: "weekly", count: 4 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dates.map((d) => berlinTime(d.startsAt))).toEqual(["18:00", "18:00", "18:00", "18:00"]);
    expect(r.dates.map((d) => d.startsAt.slice(11, 16))).toEqual(["17:00", "17:00", "16:00", "16:00"]);
  });
});

describe("recurring series", () => {
  it("expands weekly and every two weeks, until a date or n times", () => {
    const w = expandSeries({ day: "2026-12-02", startTime: "18:00", endTime: "20:00", frequency: "weekly", until: "2026-12-23" });
    expect(w.ok && w.dates.map((d) => d.day)).toEqual(["2026-12-02", "2026-12-09", "2026-12-16", "2026-12-23"]);
    const b = expandSeries({ day: "2026-12-02", startTime: "18:00", endTime: "20:00", frequency: "biweekly", count: 3 });
    expect(b.ok && b.dates.map((d) => d.day)).toEqual(["2026-12-02", "2026-12-16", "2026-12-30"]);
  });
  it("refuses a ten-year series clearly", () => {
    const r = expandSeries({ day: "2026-12-02", startTime: "18:00", endTime: "20:00", frequency: "weekly", until: "2036-12-02" });
    expect(r).toEqual({ ok: false, error: { key: "rooms:rules.seriesTooLong", values: { max: MAX_SERIES_OCCURRENCES } } });
  });
  it("allows exactly the maximum", () => {
    const r = expandSeries({ day: "2026-12-02", startTime: "18:00", endTime: "20:00", frequency: "weekly", count: MAX_SERIES_OCCURRENCES });
    expect(r.ok && r.dates.length).toBe(MAX_SERIES_OCCURRENCES);
  });
});
