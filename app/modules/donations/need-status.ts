/**
 * The status rule of a need (pure): units promised by reservations and units already handed
 * over count towards its quantity.
 *
 * - `open` while units are still missing (also when some are reserved: "2 of 4 reserved"),
 *   so the need keeps getting candidates for the rest;
 * - `matched` when reservations and handovers cover the whole quantity;
 * - `fulfilled` when every unit was handed over.
 * `cancelled` is set by the office (or by a withdrawn consent) and is never computed here.
 */
export type NeedCoverage = { quantity: number; reserved: number; handedOver: number };
export type ComputedNeedStatus = "open" | "matched" | "fulfilled";

export function needStatusFor(c: NeedCoverage): ComputedNeedStatus {
  if (c.handedOver >= c.quantity) return "fulfilled";
  if (c.reserved + c.handedOver >= c.quantity) return "matched";
  return "open";
}

/** Units a need still lacks (never negative). */
export function stillNeeded(n: { quantity: number; quantity_covered: number }): number {
  return Math.max(0, n.quantity - n.quantity_covered);
}
