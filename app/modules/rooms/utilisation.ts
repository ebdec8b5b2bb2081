import { berlinDay, weekdayOfDay } from "~/utils/dates";

export type Utilisation = {
  hours: number;
  count: number;
  byWeekday: Array<{ weekday: number; count: number; hours: number }>;
};

/** Pure: hours booked, number of bookings and the same per weekday (Berlin days, real durations). */
export function summariseUtilisation(bookings: Array<{ starts_at: string; ends_at: string }>): Utilisation {
  const byWeekday = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, count: 0, hours: 0 }));
  let minutes = 0;
  for (const b of bookings) {
    const m = (Date.parse(b.ends_at) - Date.parse(b.starts_at)) / 60_000;
    minutes += m;
    const w = byWeekday[weekdayOfDay(berlinDay(b.starts_at)) - 1];
    w.count++;
    w.hours += m / 60;
  }
  const round = (h: number) => Math.round(h * 10) / 10;
  return { hours: round(minutes / 60), count: bookings.length, byWeekday: byWeekday.map((w) => ({ ...w, hours: round(w.hours) })) };
}
