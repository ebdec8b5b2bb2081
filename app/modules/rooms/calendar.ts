import { addDaysToDay, berlinTime, berlinToInstant, weekdayOfDay } from "~/utils/dates";
import type { OpeningHours } from "./policy";

export type BlockState = "requested" | "booked" | "blackout";
export type CalendarDay = {
  day: string;
  weekday: number;
  hours: { open: string; close: string } | null;
  blocks: Array<{ from: string; to: string; state: BlockState; allDay: boolean }>;
};

/**
 * Pure: the public calendar's days from `first` for `count` days, each with its opening
 * hours and the blocks clipped to that day in Berlin time (a blackout over several days
 * appears on each). Only times and states — never who or why.
 */
export function buildCalendarDays(
  first: string,
  count: number,
  blocks: Array<{ startsAt: string; endsAt: string; state: BlockState }>,
  openingHours: OpeningHours,
): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let i = 0; i < count; i++) {
    const day = addDaysToDay(first, i);
    const start = berlinToInstant(day).getTime();
    const end = berlinToInstant(addDaysToDay(day, 1)).getTime();
    const weekday = weekdayOfDay(day);
    const own = blocks
      .filter((b) => Date.parse(b.startsAt) < end && Date.parse(b.endsAt) > start)
      .map((b) => {
        const s = Math.max(Date.parse(b.startsAt), start);
        const e = Math.min(Date.parse(b.endsAt), end);
        const allDay = s === start && e === end;
        return { from: berlinTime(new Date(s)), to: e === end ? "24:00" : berlinTime(new Date(e)), state: b.state, allDay };
      });
    days.push({ day, weekday, hours: openingHours[weekday - 1] ?? null, blocks: own });
  }
  return days;
}

/** First and last day of the weeks that show a month (Monday to Sunday). */
export function monthGrid(monthDay: string): { first: string; count: number; monthStart: string } {
  const monthStart = `${monthDay.slice(0, 7)}-01`;
  const first = addDaysToDay(monthStart, 1 - weekdayOfDay(monthStart));
  const [y, m] = monthStart.split("-").map(Number);
  const lastOfMonth = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const last = addDaysToDay(lastOfMonth, 7 - weekdayOfDay(lastOfMonth));
  const count = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
  return { first, count, monthStart };
}
