/**
 * Pure rules of the handover: time windows, the volunteers' availability slots they touch,
 * and which transitions a match may take.
 */
export const HANDOVER_MODES = ["donor", "office", "transport"] as const;
export type HandoverModeName = (typeof HANDOVER_MODES)[number];

/** The availability grid of volunteers: morning 06–12, afternoon 12–17, evening 17–22. */
export const SLOT_HOURS = { morning: [6, 12], afternoon: [12, 17], evening: [17, 22] } as const;
export type Slot = keyof typeof SLOT_HOURS;

const minutes = (hhmm: string) => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

export function isTime(v: string): boolean {
  return !Number.isNaN(minutes(v));
}

/** A window is valid when it starts before it ends and lasts at most 8 hours. */
export function isValidWindow(from: string, to: string): boolean {
  const a = minutes(from);
  const b = minutes(to);
  return !Number.isNaN(a) && !Number.isNaN(b) && a < b && b - a <= 8 * 60;
}

/** The slots a window overlaps (a window 11:30–12:30 touches morning and afternoon). */
export function slotsOf(from: string, to: string): Slot[] {
  const a = minutes(from);
  const b = minutes(to);
  return (Object.keys(SLOT_HOURS) as Slot[]).filter((s) => a < SLOT_HOURS[s][1] * 60 && b > SLOT_HOURS[s][0] * 60);
}

/** ISO weekday (Monday 1 … Sunday 7) of a calendar day. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
