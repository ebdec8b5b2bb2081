import { TZDate } from "@date-fns/tz";
import { addDays, addMinutes, format, isValid, parseISO } from "date-fns";
import { ar, de, enGB, faIR, ru, tr, uk } from "date-fns/locale";

/**
 * The one date module. People see Europe/Berlin; the database stores UTC ISO strings
 * (instants) or `YYYY-MM-DD` (calendar days in Berlin).
 */
export const TIME_ZONE = "Europe/Berlin";

// Persian: the Gregorian calendar (appointments and letters here use it) with Persian month names.
const LOCALES = { de, en: enGB, ar, uk, fa: faIR, tr, ru } as const;
type Lang = keyof typeof LOCALES;
const localeOf = (lang: string) => LOCALES[(lang in LOCALES ? lang : "de") as Lang];

/**
 * Digits as `Intl` writes them by default for a language: Persian uses the extended Arabic-Indic
 * digits (۰–۹, `arabext`); every other UI language Western digits (Arabic too, since CLDR 42).
 * A fixed table, not a lookup at run time: server and browser must render the same text.
 */
const DIGITS: Partial<Record<string, string>> = { fa: "۰۱۲۳۴۵۶۷۸۹" };
export function localDigits(text: string, lang: string): string {
  const digits = DIGITS[lang];
  return digits ? text.replace(/[0-9]/g, (c) => digits[Number(c)]) : text;
}
// Times on the 24-hour clock in Persian, as `Intl` gives them (date-fns' fa-IR would say "6:30 ب.ظ.").
const timePattern = (lang: string) => (lang === "fa" ? "HH:mm" : "p");

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

/**
 * Fast path for hot loops (calendars, feeds): Europe/Berlin follows the EU rule since 1996
 * (CEST from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC).
 * Outside 1997–2099 the general time-zone code is used.
 */
function lastSundayUtc(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0, 1);
  return last - new Date(last).getUTCDay() * 86_400_000;
}
const dstCache = new Map<number, [number, number]>();
function berlinOffsetMs(ms: number): number | null {
  const year = new Date(ms).getUTCFullYear();
  if (year < 1997 || year > 2099) return null;
  let dst = dstCache.get(year);
  if (!dst) {
    dst = [lastSundayUtc(year, 2), lastSundayUtc(year, 9)];
    dstCache.set(year, dst);
  }
  return ms >= dst[0] && ms < dst[1] ? 7_200_000 : 3_600_000;
}
const pad = (n: number) => String(n).padStart(2, "0");
function wallClock(instant: Date | string): Date | null {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  const off = berlinOffsetMs(ms);
  return off === null ? null : new Date(ms + off);
}

/** The Berlin calendar day of an instant, `YYYY-MM-DD`. */
export function berlinDay(instant: Date | string): string {
  const w = wallClock(instant);
  if (w) return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
  const d = typeof instant === "string" ? parseISO(instant) : instant;
  return format(new TZDate(d, TIME_ZONE), "yyyy-MM-dd");
}

/** Berlin wall-clock date and time of an instant for iCalendar, `YYYYMMDDTHHMMSS`. */
export function berlinIcsLocal(instant: Date | string): string {
  const w = wallClock(instant);
  if (w) return `${w.getUTCFullYear()}${pad(w.getUTCMonth() + 1)}${pad(w.getUTCDate())}T${pad(w.getUTCHours())}${pad(w.getUTCMinutes())}${pad(w.getUTCSeconds())}`;
  const d = typeof instant === "string" ? parseISO(instant) : instant;
  return format(new TZDate(d, TIME_ZONE), "yyyyMMdd'T'HHmmss");
}

/** The instant of a Berlin wall-clock time (`2026-03-29`, `02:30` resolves as date-fns-tz does across DST). */
export function berlinToInstant(day: string, time = "00:00"): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  if (y >= 1997 && y <= 2099) {
    // Fast path, same answers as TZDate: a wall time in the spring gap or the autumn
    // repeat resolves with the winter offset.
    const wall = Date.UTC(y, m - 1, d, hh, mm);
    const winter = wall - 3_600_000;
    const summer = wall - 7_200_000;
    const summerFits = berlinOffsetMs(summer) === 7_200_000;
    const winterFits = berlinOffsetMs(winter) === 3_600_000;
    return new Date(summerFits && !winterFits ? summer : winter);
  }
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, TIME_ZONE).getTime());
}

export function isValidDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && isValid(parseISO(day)) && format(parseISO(day), "yyyy-MM-dd") === day;
}

/**
 * Formatting for people never throws on stored data: a value that is not a valid day or instant
 * (free text such as "2026-02-30", an old row, a typo) is shown as it is.
 */
function isValidInstant(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}

/** Formats an instant for people, in Berlin time and the reader's language. */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return "";
  if (!isValidInstant(iso)) return iso;
  const w = wallClock(iso);
  // "P p" is the day, a space and the time: both parts are cached (lists format hundreds per page).
  if (w) return `${formatDate(berlinDay(iso), lang)} ${formatTime(w.getUTCHours(), w.getUTCMinutes(), lang)}`;
  if (!isValid(parseISO(iso))) return iso;
  return localDigits(format(new TZDate(parseISO(iso), TIME_ZONE), `P ${timePattern(lang)}`, { locale: localeOf(lang) }), lang);
}

// Formatted days and times per language: date-fns' format costs tens of µs per call, and the same
// days recur on every page. Bounded; cleared when full.
const formatted = new Map<string, string>();
function cached(key: string, make: () => string): string {
  let s = formatted.get(key);
  if (s === undefined) {
    s = make();
    if (formatted.size >= 20_000) formatted.clear();
    formatted.set(key, s);
  }
  return s;
}

function formatTime(hours: number, minutes: number, lang: string): string {
  // 1 January has no DST change anywhere: the local Date shows exactly these wall-clock fields.
  return cached(`t${lang}${hours}:${minutes}`, () => localDigits(format(new Date(2000, 0, 1, hours, minutes), timePattern(lang), { locale: localeOf(lang) }), lang));
}

/** Formats a calendar day (`YYYY-MM-DD`) or the Berlin day of an instant. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return "";
  if (value.length !== 10 && !isValidInstant(value)) return value;
  const day = value.length === 10 ? value : berlinDay(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return isValid(parseISO(value)) ? localDigits(format(new TZDate(parseISO(value), TIME_ZONE), "P", { locale: localeOf(lang) }), lang) : value;
  return cached(`d${lang}${day}`, () => (isValidDay(day) ? localDigits(format(parseISO(day), "P", { locale: localeOf(lang) }), lang) : day));
}

/** Berlin wall-clock time of an instant, `HH:mm`. */
export function berlinTime(instant: Date | string): string {
  const w = wallClock(instant);
  if (w) return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
  const d = typeof instant === "string" ? parseISO(instant) : instant;
  return format(new TZDate(d, TIME_ZONE), "HH:mm");
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a Berlin calendar day `YYYY-MM-DD`. */
export function weekdayOfDay(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** A calendar day plus `n` days (pure calendar arithmetic, no time zone involved). */
export function addDaysToDay(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** A calendar day plus `n` months, clamped to the month's last day. */
export function addMonthsToDay(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The Monday of the week a calendar day belongs to. */
export function mondayOf(day: string): string {
  return addDaysToDay(day, 1 - weekdayOfDay(day));
}

/** Formats a calendar day with its weekday, e.g. "Mo., 23.11.2026", in the reader's language. */
export function formatDayLong(day: string, lang: string): string {
  const d = parseISO(day);
  return isValid(d) ? localDigits(format(d, lang === "fa" ? "EEEE، P" : "EEEE, P", { locale: localeOf(lang) }), lang) : day;
}

/** Month name and year of a calendar day, e.g. "November 2026". */
export function formatMonth(day: string, lang: string): string {
  const d = parseISO(day);
  return isValid(d) ? localDigits(format(d, "LLLL yyyy", { locale: localeOf(lang) }), lang) : day;
}

/** Short weekday name of an ISO weekday (1 = Monday). */
export function weekdayName(isoWeekday: number, lang: string, width: "short" | "long" = "short"): string {
  // 2024-01-01 was a Monday.
  return format(parseISO(`2024-01-0${isoWeekday}`), width === "short" ? "EEE" : "EEEE", { locale: localeOf(lang) });
}

/** A slot for people: "Mittwoch, 25.11.2026, 18:00–20:00" (Berlin time, reader's language). */
export function formatSlot(startsAt: string, endsAt: string, lang: string): string {
  if (!isValidInstant(startsAt) || !isValidInstant(endsAt)) return `${startsAt}–${endsAt}`;
  const day = berlinDay(startsAt);
  const endDay = berlinDay(endsAt);
  const end = endDay === day ? berlinTime(endsAt) : `${formatDate(endDay, lang)} ${berlinTime(endsAt)}`;
  // The time range is isolated left-to-right (U+2066 … U+2069), so it reads right inside Arabic text.
  return `${formatDayLong(day, lang)}, \u2066${localDigits(`${berlinTime(startsAt)}–${end}`, lang)}\u2069`;
}

/** A calendar day plus `years` years; 29 February becomes 28 February in other years. */
export function addYearsToDay(day: string, years: number): string {
  return addMonthsToDay(day, years * 12);
}

/** Whole days from calendar day `from` to `to` (negative when `to` is earlier); pure calendar arithmetic like `addDaysToDay`. */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split("-").map(Number);
  const [y2, m2, d2] = to.split("-").map(Number);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Today as a Berlin calendar day (`now` injectable for tests). */
export function todayOf(now = new Date()): string {
  return berlinDay(now);
}
