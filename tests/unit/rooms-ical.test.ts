import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine } from "../../app/modules/rooms/ical";

describe("iCalendar writer", () => {
  const ics = buildCalendar({
    name: "Gruppenraum Niersweg",
    now: new Date("2026-11-21T12:00:00Z"),
    events: [
      { uid: "booking-1@ehrenamt-hub", startsAt: "2027-03-28T00:00:00.000Z", endsAt: "2027-03-28T03:00:00.000Z", summary: "Gebucht", status: "CONFIRMED" },
      { uid: "booking-2@ehrenamt-hub", startsAt: "2026-11-25T17:00:00.000Z", endsAt: "2026-11-25T19:00:00.000Z", summary: "Sprachcafé; Treff, \"offen\"\nfür alle – ".repeat(4) },
    ],
  });
  it("uses CRLF everywhere and ends with one", () => {
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
  it("writes local Berlin times with a VTIMEZONE, across the spring change", () => {
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin");
    expect(ics).toContain("DTSTART;TZID=Europe/Berlin:20270328T010000");
    expect(ics).toContain("DTEND;TZID=Europe/Berlin:20270328T050000");
    expect(ics).toContain("DTSTART;TZID=Europe/Berlin:20261125T180000");
    expect(ics).toContain("DTSTAMP:20261121T120000Z");
  });
  it("folds long lines at 75 octets without splitting characters", () => {
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain(`SUMMARY:${escapeText("Sprachcafé; Treff, \"offen\"\nfür alle – ".repeat(4))}`);
    const folded = foldLine("é".repeat(100));
    expect(folded.split("\r\n ").join("")).toBe("é".repeat(100));
  });
  it("escapes text", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
  });
});
