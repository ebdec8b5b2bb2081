import { describe, expect, it } from "vitest";
import { addDaysIso, addDaysToDay, addYearsToDay, berlinDay, berlinToInstant, daysBetween, formatDate, formatDateTime, formatDayLong, formatMonth, formatSlot, isValidDay } from "../../app/utils/dates";

describe("berlinDay", () => {
  it("uses CET (UTC+1) in winter", () => {
    expect(berlinDay("2026-01-15T22:59:59Z")).toBe("2026-01-15");
    expect(berlinDay("2026-01-15T23:00:00Z")).toBe("2026-01-16");
  });

  it("uses CEST (UTC+2) in summer", () => {
    expect(berlinDay("2026-07-01T21:59:59Z")).toBe("2026-07-01");
    expect(berlinDay("2026-07-01T22:00:00Z")).toBe("2026-07-02");
  });

  it("gets midnight right on the days the clocks change", () => {
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST.
    expect(berlinDay("2026-03-28T22:59:00Z")).toBe("2026-03-28");
    expect(berlinDay("2026-03-28T23:30:00Z")).toBe("2026-03-29");
    expect(berlinDay("2026-03-29T00:30:00Z")).toBe("2026-03-29");
    expect(berlinDay("2026-03-29T21:59:00Z")).toBe("2026-03-29");
    expect(berlinDay("2026-03-29T22:00:00Z")).toBe("2026-03-30");
    // 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET.
    expect(berlinDay("2026-10-24T21:59:00Z")).toBe("2026-10-24");
    expect(berlinDay("2026-10-24T22:00:00Z")).toBe("2026-10-25");
    expect(berlinDay("2026-10-25T22:59:00Z")).toBe("2026-10-25");
    expect(berlinDay("2026-10-25T23:00:00Z")).toBe("2026-10-26");
  });

  it("accepts a Date as well as an ISO string", () => {
    expect(berlinDay(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29");
  });
});

describe("berlinToInstant", () => {
  it("maps Berlin wall-clock time to UTC on both sides of the change", () => {
    expect(berlinToInstant("2026-03-28", "12:00").toISOString()).toBe("2026-03-28T11:00:00.000Z");
    expect(berlinToInstant("2026-03-30", "12:00").toISOString()).toBe("2026-03-30T10:00:00.000Z");
    expect(berlinToInstant("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });
});

describe("formatting", () => {
  it("formats a calendar day in the reader's language", () => {
    expect(formatDate("2026-03-29", "de")).toBe("29.03.2026");
    expect(formatDate("2026-03-29", "en")).toBe("29/03/2026");
    expect(formatDate("2026-03-29", "xx")).toBe("29.03.2026"); // unknown language: German
    expect(formatDate(null, "de")).toBe("");
  });

  it("formats an instant as its Berlin day", () => {
    expect(formatDate("2026-03-28T23:30:00.000Z", "de")).toBe("29.03.2026");
    expect(formatDateTime("2026-07-01T22:15:00.000Z", "de")).toMatch(/^02\.07\.2026.*00:15/);
    expect(formatDateTime(undefined, "de")).toBe("");
  });

  it("adds days to an instant", () => {
    expect(addDaysIso("2026-02-28T12:00:00.000Z", 1)).toBe("2026-03-01T12:00:00.000Z");
  });
});

describe("isValidDay", () => {
  it.each(["2026-02-28", "2028-02-29"])("accepts %s", (d) => expect(isValidDay(d)).toBe(true));
  it.each(["2026-02-29", "2026-02-30", "2026-13-01", "31.12.2026", "2026-1-1", "", "2026-01-01T00:00"])("rejects %s", (d) =>
    expect(isValidDay(d)).toBe(false),
  );
});

describe("daysBetween (calendar days)", () => {
  it("counts whole days across the clock changes, leap days and years, both ways", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2025-12-02", "2026-12-02")).toBe(365);
    expect(daysBetween("2026-12-02", "2025-12-02")).toBe(-365);
    expect(daysBetween("2026-05-10", "2026-05-10")).toBe(0);
  });
  it("is the inverse of addDaysToDay", () => {
    for (const n of [-400, -31, -1, 0, 1, 59, 366, 1000]) expect(daysBetween("2026-03-29", addDaysToDay("2026-03-29", n))).toBe(n);
  });
});

describe("addYearsToDay", () => {
  it("keeps the day, clamps 29 February, goes both ways", () => {
    expect(addYearsToDay("2026-04-01", 5)).toBe("2031-04-01");
    expect(addYearsToDay("2028-02-29", 5)).toBe("2033-02-28");
    expect(addYearsToDay("2028-02-29", 4)).toBe("2032-02-29");
    expect(addYearsToDay("2026-12-31", -10)).toBe("2016-12-31");
  });
});

describe("formatting never throws on stored values that are not dates", () => {
  it.each(["2026-02-30", "2026-13-01", "0000-00-00", "abc", "2026-02-30T25:00:00Z", "9999-99-99T00:00:00Z"])("%s is shown as it is", (value) => {
    for (const lang of ["de", "ar"]) {
      expect(formatDate(value, lang)).toBe(value);
      expect(() => formatDateTime(value, lang)).not.toThrow();
      expect(() => formatDayLong(value, lang)).not.toThrow();
      expect(() => formatMonth(value, lang)).not.toThrow();
      expect(() => formatSlot(value, value, lang)).not.toThrow();
    }
    expect(formatDayLong("2026-02-30", "de")).toBe("2026-02-30");
  });
  it("valid values are still formatted", () => {
    expect(formatDate("2026-12-18", "de")).toBe("18.12.2026");
    expect(formatDateTime("2026-12-18T17:00:00Z", "de")).toBe("18.12.2026 18:00");
  });
});
