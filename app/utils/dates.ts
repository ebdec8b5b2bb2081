import { TZDate } from "@date-fns/tz";
import { addDays, addMinutes, addMonths, addYears, differenceInCalendarDays, format, isValid, parseISO } from "date-fns";
import { ar, de, enGB, uk } from "date-fns/locale";

/**
 * The one date module. People see Europe/Berlin; the database stores UTC ISO strings
 * (instants) or `YYYY-MM-DD` (calendar days in Berlin).
 */
export const TIME_ZONE = "Europe/Berlin";

const LOCALES = { de, en: enGB, ar, uk } as const;
type Lang = keyof typeof LOCALES;
const localeOf = (lang: string) => LOCALES[(lang in LOCALES ? lang : "de") as Lang];

export function toIso(date: Date): string {
  return date.toISOString();
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

export function addMinutesIso(iso: string, minutes: number): string {
  return addMinutes(parseISO(iso), minutes).toISOString();
}

export function addDaysIso(iso: string, days: number): string {
  return addDays(parseISO(iso), days).toISOString();
}

/** The Berlin calendar day of an instant, `YYYY-MM-DD`. */
export function berlinDay(instant: Date | string): string {
  const d = typeof instant === "string" ? parseISO(instant) : instant;
  return format(new TZDate(d, TIME_ZONE), "yyyy-MM-dd");
}

/** The instant of a Berlin wall-clock time (`2026-03-29`, `02:30` resolves as date-fns-tz does across DST). */
export function berlinToInstant(day: string, time = "00:00"): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, TIME_ZONE).getTime());
}

export function isValidDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && isValid(parseISO(day)) && format(parseISO(day), "yyyy-MM-dd") === day;
}

/** Formats an instant for people, in Berlin time and the reader's language. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return "";
  return format(new TZDate(parseISO(iso), TIME_ZONE), "P p", { locale: localeOf(lang) });
}

/** Formats a calendar day (`YYYY-MM-DD`) or the Berlin day of an instant. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return "";
  const d = value.length === 10 ? parseISO(value) : new TZDate(parseISO(value), TIME_ZONE);
  return format(d, "P", { locale: localeOf(lang) });
}

/** Calendar-day arithmetic on `YYYY-MM-DD` (no time zone involved: a day is a day). */
export function addDaysToDay(day: string, days: number): string {
  return format(addDays(parseISO(day), days), "yyyy-MM-dd");
}

/** Adds months; the 31st becomes the last day of a shorter month (2026-01-31 + 1 → 2026-02-28). */
export function addMonthsToDay(day: string, months: number): string {
  return format(addMonths(parseISO(day), months), "yyyy-MM-dd");
}

export function addYearsToDay(day: string, years: number): string {
  return format(addYears(parseISO(day), years), "yyyy-MM-dd");
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}
