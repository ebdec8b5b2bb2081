import { addDaysToDay, addMonthsToDay, berlinDay, berlinTime, berlinToInstant, weekdayOfDay } from "~/utils/dates";

/**
 * Pure room rules: whether a slot may be requested or confirmed. All wall-clock rules
 * (night rest, opening hours) are checked in Europe/Berlin local time; durations are real
 * elapsed minutes, so a slot across a DST change has its true length.
 */
export type OpeningHours = Array<{ open: string; close: string } | null>;

export type RoomRules = {
  capacity: number;
  openingHours: OpeningHours;
  nightRestStart: string;
  nightRestEnd: string;
  minMinutes: number;
  maxMinutes: number;
  bufferMinutes: number;
  leadDays: number;
  horizonMonths: number;
};

export type Interval = { startsAt: string; endsAt: string };
export type Violation = { key: string; values?: Record<string, string | number> };

export const MAX_SERIES_OCCURRENCES = 52;

const MINUTE = 60_000;
const rule = (key: string, values?: Violation["values"]): Violation => ({ key: `rooms:rules.${key}`, values });

export function parseOpeningHours(json: string): OpeningHours {
  try {
    const v = JSON.parse(json);
    if (Array.isArray(v) && v.length === 7) return v.map((d) => (d && typeof d.open === "string" && typeof d.close === "string" ? { open: d.open, close: d.close } : null));
  } catch {
    /* fall through: a broken value means "closed" rather than "always open" */
  }
  return [null, null, null, null, null, null, null];
}

export function overlaps(a: Interval, b: Interval, bufferMinutes = 0): boolean {
  const buf = bufferMinutes * MINUTE;
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) + buf && Date.parse(b.startsAt) < Date.parse(a.endsAt) + buf;
}

/** Violations of the rules that concern the slot alone (no other bookings). */
export function checkSlotRules(rules: RoomRules, slot: Interval, now: Date, attendees?: number): Violation[] {
  const start = Date.parse(slot.startsAt);
  const end = Date.parse(slot.endsAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return [rule("invalidTime")];
  if (end < start) return [rule("endBeforeStart")];
  if (end === start) return [rule("zeroLength")];
  const out: Violation[] = [];
  if (start <= now.getTime()) out.push(rule("past"));
  else if (start < now.getTime() + rules.leadDays * 86_400_000) out.push(rule("leadTime", { days: rules.leadDays }));
  const horizonDay = addMonthsToDay(berlinDay(now), rules.horizonMonths);
  if (berlinDay(slot.startsAt) > horizonDay) out.push(rule("beyondHorizon", { months: rules.horizonMonths }));

  const minutes = Math.round((end - start) / MINUTE);
  if (minutes < rules.minMinutes) out.push(rule("tooShort", { minutes: rules.minMinutes }));
  if (minutes > rules.maxMinutes) out.push(rule("tooLong", { hours: Math.round((rules.maxMinutes / 60) * 10) / 10 }));

  const day = berlinDay(slot.startsAt);
  const endDay = berlinDay(slot.endsAt);
  const from = berlinTime(slot.startsAt);
  const to = berlinTime(slot.endsAt);
  // Night rest (§ 9 LImSchG NRW): nothing may end after its start or begin before its end, local time.
  if (endDay !== day || to > rules.nightRestStart) out.push(rule("endsAfterNightRest", { time: rules.nightRestStart }));
  if (from < rules.nightRestEnd) out.push(rule("startsInNightRest", { time: rules.nightRestEnd }));

  const hours = rules.openingHours[weekdayOfDay(day) - 1];
  if (!hours) out.push(rule("closedOnDay"));
  else if (from < hours.open || endDay !== day || to > hours.close) out.push(rule("outsideOpeningHours", { open: hours.open, close: hours.close }));

  if (attendees !== undefined && attendees > rules.capacity) out.push(rule("capacityExceeded", { capacity: rules.capacity }));
  return out;
}

/** Violations against confirmed bookings (with the cleaning buffer) and blackout periods. */
export function checkConflicts(
  rules: Pick<RoomRules, "bufferMinutes">,
  slot: Interval,
  confirmed: Interval[],
  blackouts: Array<Interval & { reason: string }>,
): Violation[] {
  const out: Violation[] = [];
  for (const b of blackouts) {
    if (overlaps(slot, b)) out.push(rule("inBlackout", { reason: b.reason, from: berlinDay(b.startsAt), to: berlinDay(b.endsAt) }));
  }
  for (const c of confirmed) {
    const values = { from: berlinTime(c.startsAt), to: berlinTime(c.endsAt), day: berlinDay(c.startsAt) };
    if (overlaps(slot, c)) out.push(rule("overlapsConfirmed", values));
    else if (overlaps(slot, c, rules.bufferMinutes)) out.push(rule("withinBuffer", { ...values, minutes: rules.bufferMinutes }));
  }
  return out;
}

export function checkSlot(
  rules: RoomRules,
  slot: Interval,
  ctx: { now: Date; attendees?: number; confirmed: Interval[]; blackouts: Array<Interval & { reason: string }> },
): Violation[] {
  const own = checkSlotRules(rules, slot, ctx.now, ctx.attendees);
  // A slot that is not even a time span has nothing to conflict with.
  if (own.some((v) => v.key === "rooms:rules.endBeforeStart" || v.key === "rooms:rules.zeroLength" || v.key === "rooms:rules.invalidTime")) return own;
  return [...own, ...checkConflicts(rules, slot, ctx.confirmed, ctx.blackouts)];
}

/** A wall-clock slot on a Berlin calendar day (`00:00` as end means midnight, i.e. the next day). */
export function slotOf(day: string, startTime: string, endTime: string): Interval {
  const start = berlinToInstant(day, startTime);
  const end = endTime === "00:00" && startTime !== "00:00" ? berlinToInstant(addDaysToDay(day, 1), "00:00") : berlinToInstant(day, endTime);
  return { startsAt: start.toISOString(), endsAt: end.toISOString() };
}

export type SeriesSpec = {
  day: string;
  startTime: string;
  endTime: string;
  frequency: "weekly" | "biweekly";
  until?: string;
  count?: number;
};

/**
 * The dates of a recurring request, each with its own Berlin wall-clock slot (so 18:00
 * stays 18:00 across DST). Refuses more than `MAX_SERIES_OCCURRENCES` dates or no end.
 */
export function expandSeries(spec: SeriesSpec): { ok: true; dates: Array<Interval & { day: string }> } | { ok: false; error: Violation } {
  if (!spec.until && !spec.count) return { ok: false, error: rule("seriesNeedsEnd") };
  const step = spec.frequency === "weekly" ? 7 : 14;
  const dates: Array<Interval & { day: string }> = [];
  for (let i = 0; ; i++) {
    const day = addDaysToDay(spec.day, i * step);
    if (spec.until && day > spec.until) break;
    if (spec.count && i >= spec.count) break;
    if (dates.length >= MAX_SERIES_OCCURRENCES) return { ok: false, error: rule("seriesTooLong", { max: MAX_SERIES_OCCURRENCES }) };
    dates.push({ day, ...slotOf(day, spec.startTime, spec.endTime) });
  }
  if (!dates.length) return { ok: false, error: rule("seriesEmpty") };
  return { ok: true, dates };
}

/** Status transitions: who may move a booking where. */
export const ACTIVE_STATUSES = ["unconfirmed", "requested", "confirmed"] as const;
export function isActive(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/** A date can still be changed or cancelled by its requester: active and not yet begun. */
export const isOpenDate = (status: string, startsAt: string, now: string) => ["unconfirmed", "requested", "confirmed"].includes(status) && startsAt > now;
