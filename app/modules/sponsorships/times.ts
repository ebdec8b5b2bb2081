import type { AvailabilitySlot } from "@db/schema";

/**
 * The times a request prefers or a sponsor offers, as one integer (migration 0034): bit
 * (weekday − 1) * 3 + slot, ISO weekday 1 = Monday … 7 = Sunday, slot 0 = morning, 1 = afternoon,
 * 2 = evening (the slots of the volunteer's availability). Pure, shared with the forms.
 */
export const TIME_SLOTS = ["morning", "afternoon", "evening"] as const satisfies readonly AvailabilitySlot[];
export const TIME_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The form value of one time: `3-evening` (Wednesday evening). */
export type TimeCode = `${(typeof TIME_WEEKDAYS)[number]}-${(typeof TIME_SLOTS)[number]}`;
export const TIME_CODES: readonly TimeCode[] = TIME_WEEKDAYS.flatMap((d) => TIME_SLOTS.map((s) => `${d}-${s}` as TimeCode));

const bitOf = (weekday: number, slot: AvailabilitySlot) => (weekday - 1) * 3 + TIME_SLOTS.indexOf(slot as (typeof TIME_SLOTS)[number]);

export function isTimeCode(v: string): v is TimeCode {
  return (TIME_CODES as readonly string[]).includes(v);
}

/** Form values → mask (unknown values are left to the schema, which refuses them). */
export function timesToMask(codes: readonly string[]): number {
  let mask = 0;
  for (const c of codes) {
    if (!isTimeCode(c)) continue;
    const [d, s] = c.split("-");
    mask |= 1 << bitOf(Number(d), s as AvailabilitySlot);
  }
  return mask;
}

/** Mask → form values, in week order. */
export function maskToTimes(mask: number): TimeCode[] {
  return TIME_CODES.filter((_, i) => (mask & (1 << i)) !== 0);
}

/** The volunteer's availability rows → mask (to prefill the sponsor profile). */
export function availabilityToMask(rows: ReadonlyArray<{ weekday: number; slot: AvailabilitySlot }>): number {
  return timesToMask(rows.map((r) => `${r.weekday}-${r.slot}`));
}

/** How many of the 21 times two masks share. */
export function sharedTimes(a: number, b: number): number {
  let x = a & b;
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}
