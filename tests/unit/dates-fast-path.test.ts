import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { describe, expect, it } from "vitest";
import { berlinDay, berlinIcsLocal, berlinTime, berlinToInstant } from "../../app/utils/dates";

describe("Berlin wall clock fast path", () => {
  it("matches the general time-zone code every 17 minutes over DST changes of several years", () => {
    const ref = (ms: number, f: string) => format(new TZDate(ms, "Europe/Berlin"), f);
    for (const [from, to] of [
      ["2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"],
      ["2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z"],
      ["2027-03-27T00:00:00Z", "2027-03-29T00:00:00Z"],
      ["2031-10-25T00:00:00Z", "2031-10-27T00:00:00Z"],
    ]) {
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += 17 * 60_000) {
        const d = new Date(ms);
        expect(berlinDay(d)).toBe(ref(ms, "yyyy-MM-dd"));
        expect(berlinTime(d)).toBe(ref(ms, "HH:mm"));
        expect(berlinIcsLocal(d)).toBe(ref(ms, "yyyyMMdd'T'HHmmss"));
      }
    }
  });
});

describe("Berlin wall clock to instant", () => {
  it("matches TZDate for every 10 minutes of the DST change days, gaps and repeats included", () => {
    for (const [y, m, d] of [[2026, 3, 29], [2026, 10, 25], [2027, 3, 28], [2027, 10, 31], [2026, 7, 1], [2026, 12, 31]]) {
      for (let min = 0; min < 24 * 60; min += 10) {
        const hh = Math.floor(min / 60);
        const mm = min % 60;
        const day = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const time = `${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}`;
        expect([day, time, berlinToInstant(day, time).toISOString()]).toEqual([day, time, new Date(new TZDate(y, m - 1, d, hh, mm, 0, "Europe/Berlin").getTime()).toISOString()]);
      }
    }
  });
});

describe("formatDate / formatDateTime (cached parts)", () => {
  it("give the same text as date-fns with TZDate in every language, across DST changes and midnight", async () => {
    const { formatDate, formatDateTime } = await import("../../app/utils/dates");
    const { ar, de, enGB, uk } = await import("date-fns/locale");
    const locales = { de, en: enGB, ar, uk } as const;
    for (const [from, to] of [
      ["2026-03-28T20:00:00Z", "2026-03-29T04:00:00Z"],
      ["2026-10-24T20:00:00Z", "2026-10-25T04:00:00Z"],
      ["2026-12-31T21:00:00Z", "2027-01-01T02:00:00Z"],
    ]) {
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += 13 * 60_000) {
        const iso = new Date(ms).toISOString();
        for (const [lang, locale] of Object.entries(locales)) {
          expect(formatDateTime(iso, lang)).toBe(format(new TZDate(ms, "Europe/Berlin"), "P p", { locale }));
          expect(formatDate(iso, lang)).toBe(format(new TZDate(ms, "Europe/Berlin"), "P", { locale }));
        }
      }
    }
    expect(formatDate("2026-02-28", "de")).toBe("28.02.2026");
    expect(formatDate("", "de")).toBe("");
    expect(formatDateTime(null, "de")).toBe("");
  });
});
