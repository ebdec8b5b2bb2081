import { describe, expect, it } from "vitest";
import { buildCalendarDays, monthGrid } from "../../app/modules/rooms/calendar";
import { summariseUtilisation } from "../../app/modules/rooms/utilisation";
import { slotOf } from "../../app/modules/rooms/policy";

const open = { open: "08:00", close: "22:00" };
const hours = [open, open, open, open, open, open, null];

describe("public calendar", () => {
  it("clips blocks to Berlin days and shows a multi-day blackout on each day", () => {
    const booked = { ...slotOf("2026-11-25", "18:00", "20:00"), state: "booked" as const };
    const blackout = { startsAt: "2026-11-25T23:00:00.000Z", endsAt: "2026-11-27T23:00:00.000Z", state: "blackout" as const };
    const days = buildCalendarDays("2026-11-23", 7, [booked, blackout], hours);
    expect(days.map((d) => d.day)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"]);
    expect(days[2].blocks).toEqual([{ from: "18:00", to: "20:00", state: "booked", allDay: false }]);
    expect(days[3].blocks).toEqual([{ from: "00:00", to: "24:00", state: "blackout", allDay: true }]);
    expect(days[4].blocks[0].allDay).toBe(true);
    expect(days[5].blocks).toEqual([]);
    expect(days[6].hours).toBeNull();
  });
  it("keeps local times on the day of the autumn change (25 hours long)", () => {
    const s = { ...slotOf("2026-10-25", "18:00", "20:00"), state: "requested" as const };
    const [day] = buildCalendarDays("2026-10-25", 1, [s], hours);
    expect(day.blocks).toEqual([{ from: "18:00", to: "20:00", state: "requested", allDay: false }]);
  });
  it("a month grid runs Monday to Sunday around the month", () => {
    expect(monthGrid("2026-11-21")).toEqual({ first: "2026-10-26", count: 42, monthStart: "2026-11-01" });
    expect(monthGrid("2027-02-10")).toEqual({ first: "2027-02-01", count: 28, monthStart: "2027-02-01" });
  });
});

describe("utilisation", () => {
  it("sums real hours and counts per weekday", () => {
    const u = summariseUtilisation([
      { starts_at: "2026-11-23T17:00:00.000Z", ends_at: "2026-11-23T19:00:00.000Z" },
      { starts_at: "2026-11-30T17:00:00.000Z", ends_at: "2026-11-30T18:30:00.000Z" },
      { starts_at: "2026-11-28T09:00:00.000Z", ends_at: "2026-11-28T12:00:00.000Z" },
    ]);
    expect(u.hours).toBe(6.5);
    expect(u.count).toBe(3);
    expect(u.byWeekday[0]).toEqual({ weekday: 1, count: 2, hours: 3.5 });
    expect(u.byWeekday[5]).toEqual({ weekday: 6, count: 1, hours: 3 });
  });
});
