import { describe, expect, it } from "vitest";
import { deadlineSeverity, deadlineState, dueDay, receiptDay } from "./deadline";

describe("the deadline of a data subject's request (Art. 12 (3) DSGVO)", () => {
  it("is one month after receipt, on the same date", () => {
    expect(dueDay("2026-03-15")).toBe("2026-04-15");
    expect(dueDay("2026-12-05")).toBe("2027-01-05");
  });

  it("ends on the month's last day where the next month has no such date", () => {
    expect(dueDay("2027-01-31")).toBe("2027-02-28");
    expect(dueDay("2028-01-31")).toBe("2028-02-29"); // leap year
    expect(dueDay("2026-01-29")).toBe("2026-02-28");
    expect(dueDay("2026-03-31")).toBe("2026-04-30");
    expect(dueDay("2026-02-28")).toBe("2026-03-28");
  });

  it("extended: three months from receipt (two further months), with the same month-end rule", () => {
    expect(dueDay("2026-03-15", true)).toBe("2026-06-15");
    expect(dueDay("2027-01-31", true)).toBe("2027-04-30");
    expect(dueDay("2026-11-30", true)).toBe("2027-02-28");
    expect(dueDay("2027-11-30", true)).toBe("2028-02-29");
  });

  it("does not shift across the DST changes", () => {
    // Receipt on the days clocks change in Berlin (29 March and 25 October 2026).
    expect(dueDay("2026-03-29")).toBe("2026-04-29");
    expect(dueDay("2026-02-28")).toBe("2026-03-28");
    expect(dueDay("2026-10-25")).toBe("2026-11-25");
    expect(dueDay("2026-09-25")).toBe("2026-10-25");
  });

  it("the day of receipt is the Berlin day of the moment it arrived (fixed clock)", () => {
    // 00:30 in Berlin on 1 July (summer time) is still 30 June in UTC.
    expect(receiptDay(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    // 00:30 in Berlin on 1 February (winter time).
    expect(receiptDay(new Date("2026-01-31T23:30:00Z"))).toBe("2026-02-01");
    // The night the clocks go forward and back.
    expect(receiptDay(new Date("2026-03-29T00:30:00Z"))).toBe("2026-03-29");
    expect(receiptDay(new Date("2026-10-24T22:30:00Z"))).toBe("2026-10-25");
    expect(receiptDay(new Date("2026-10-24T21:59:00Z"))).toBe("2026-10-24");
    // Received late on 31 January Berlin time: due 28 February.
    expect(dueDay(receiptDay(new Date("2027-01-31T22:59:00Z")))).toBe("2027-02-28");
  });

  it("states and severities on a fixed day", () => {
    expect(deadlineState({ dueOn: "2026-12-20", closed: false, today: "2026-12-05" })).toEqual({ state: "open", daysLeft: 15 });
    expect(deadlineState({ dueOn: "2026-12-12", closed: false, today: "2026-12-05" })).toEqual({ state: "dueSoon", daysLeft: 7 });
    expect(deadlineState({ dueOn: "2026-12-05", closed: false, today: "2026-12-05" })).toEqual({ state: "dueToday", daysLeft: 0 });
    expect(deadlineState({ dueOn: "2026-12-04", closed: false, today: "2026-12-05" })).toEqual({ state: "overdue", daysLeft: -1 });
    expect(deadlineState({ dueOn: "2026-12-04", closed: true, today: "2026-12-05" }).state).toBe("closed");
    // Across the autumn clock change the count is in calendar days.
    expect(deadlineState({ dueOn: "2026-10-26", closed: false, today: "2026-10-24" }).daysLeft).toBe(2);
    expect(deadlineSeverity("overdue")).toBe("urgent");
    expect(deadlineSeverity("dueToday")).toBe("urgent");
    expect(deadlineSeverity("dueSoon")).toBe("normal");
    expect(deadlineSeverity("open")).toBe("info");
  });

  it("refuses what is not a calendar day", () => {
    expect(() => dueDay("31.01.2027")).toThrow();
  });
});
