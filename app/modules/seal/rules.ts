import type { SealApplicationStatus, SealCriterionKind } from "@db/schema";
import { addDaysToDay, addMonthsToDay, addYearsToDay } from "~/utils/dates";

/**
 * The seal's pure rules (issue #15, ADR 0033): the application's state machine, the award's
 * validity and renewal dates, and the jury's result (median per criterion, weighted total,
 * mandatory and "at least k of n" electives, quorum and majority). No database, no clock.
 */

// ── the application's state machine ───────────────────────────────────────────────────
export type SealEvent = "submit" | "accept" | "return" | "award" | "decline" | "send-back";

const TRANSITIONS: Record<SealEvent, { from: readonly SealApplicationStatus[]; to: SealApplicationStatus }> = {
  // the association submits its draft, or again after the office or the jury sent it back
  submit: { from: ["draft", "returned"], to: "submitted" },
  // the office's formal screening: complete → the jury; "more information needed" → back
  accept: { from: ["submitted"], to: "in_review" },
  return: { from: ["submitted"], to: "returned" },
  // the office's decision after the jury's review
  award: { from: ["in_review"], to: "awarded" },
  decline: { from: ["in_review"], to: "declined" },
  "send-back": { from: ["in_review"], to: "returned" },
};

/** The status after `event`, or null when the event does not apply in `status`. */
export function nextStatus(status: SealApplicationStatus, event: SealEvent): SealApplicationStatus | null {
  const t = TRANSITIONS[event];
  return t.from.includes(status) ? t.to : null;
}

/** Whether the association may still change its answers. */
export function isEditable(status: SealApplicationStatus): boolean {
  return status === "draft" || status === "returned";
}

/** An application still running (an organisation has at most one; a new one reuses the last answers). */
export function isOpen(status: SealApplicationStatus): boolean {
  return status !== "awarded" && status !== "declined";
}

// ── validity and renewal ──────────────────────────────────────────────────────────────
export const DEFAULT_VALIDITY_YEARS = 3;
export const RENEWAL_MONTHS_BEFORE = 2;

/** The last day an award is valid: `years` after the award day, the day before the anniversary. */
export function validUntil(awardedOn: string, years = DEFAULT_VALIDITY_YEARS): string {
  return addDaysToDay(addYearsToDay(awardedOn, years), -1);
}

/** From this day on the association is invited to renew (two months before the end). */
export function renewalDay(validUntilDay: string): string {
  return addMonthsToDay(validUntilDay, -RENEWAL_MONTHS_BEFORE);
}

export const INTERIM_MONTHS = 12;

/** From this day on the optional interim check of an award is due (twelve months after the award). */
export function interimDay(awardedOn: string): string {
  return addMonthsToDay(awardedOn, INTERIM_MONTHS);
}

export type AwardState = "valid" | "expired" | "revoked";

/** What an award is on `today`: revoked wins; valid through its last day inclusive. */
export function awardState(award: { valid_until: string; revoked_at: string | null }, today: string): AwardState {
  if (award.revoked_at) return "revoked";
  return today <= award.valid_until ? "valid" : "expired";
}

/** Whether the renewal invitation is due on `today` (not yet sent, valid, within two months of the end). */
export function renewalDue(award: { valid_until: string; revoked_at: string | null; renewal_reminded_at: string | null }, today: string): boolean {
  return !award.renewal_reminded_at && awardState(award, today) === "valid" && today >= renewalDay(award.valid_until);
}

// ── the jury's result ─────────────────────────────────────────────────────────────────
export const MAX_SCORE = 4;
/** A criterion counts as met when the jury's median reaches this maturity level. */
export const PASS_SCORE = 2;
/** At least this many jurors without a conflict must have submitted their review. */
export const QUORUM = 2;

export type ResultCriterion = { id: number; kind: SealCriterionKind; weight: number };
export type Review = { jurorId: string; recommendation: "award" | "decline"; scores: Record<number, number> };

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export type JuryResult = {
  perCriterion: Array<{ id: number; scores: number[]; median: number | null; met: boolean }>;
  /** Weighted mean of the medians as a percentage of the maximum (0–100, one decimal). */
  weightedTotal: number | null;
  mandatoryMet: boolean;
  electivesMet: number;
  electiveMin: number;
  criteriaMet: boolean;
  reviews: number;
  quorum: boolean;
  awardVotes: number;
  majority: boolean;
};

/** The jury's result from the submitted reviews (jurors with a declared conflict are left out before). */
export function juryResult(criteria: readonly ResultCriterion[], reviews: readonly Review[], electiveMin: number): JuryResult {
  const perCriterion = criteria.map((c) => {
    const scores = reviews.map((r) => r.scores[c.id]).filter((s): s is number => typeof s === "number");
    const m = median(scores);
    return { id: c.id, scores, median: m, met: m !== null && m >= PASS_SCORE };
  });
  let weighted = 0;
  let weights = 0;
  criteria.forEach((c, i) => {
    const m = perCriterion[i].median;
    if (m === null) return;
    weighted += c.weight * m;
    weights += c.weight;
  });
  const weightedTotal = weights ? Math.round((weighted / (weights * MAX_SCORE)) * 1000) / 10 : null;
  const mandatoryMet = criteria.every((c, i) => c.kind !== "mandatory" || perCriterion[i].met);
  const electivesMet = criteria.filter((c, i) => c.kind === "elective" && perCriterion[i].met).length;
  const awardVotes = reviews.filter((r) => r.recommendation === "award").length;
  return {
    perCriterion,
    weightedTotal,
    mandatoryMet,
    electivesMet,
    electiveMin,
    criteriaMet: mandatoryMet && electivesMet >= electiveMin,
    reviews: reviews.length,
    quorum: reviews.length >= QUORUM,
    awardVotes,
    majority: awardVotes * 2 > reviews.length,
  };
}

export type Decision = "award" | "decline" | "send-back";

/**
 * Whether the office may take `decision` on the jury's `result`: an award needs the quorum, the
 * criteria met and a jury majority for it; "no award" needs the quorum; sending back is always possible.
 */
export function decisionAllowed(decision: Decision, result: JuryResult): "ok" | "quorum" | "criteria" | "majority" {
  if (decision === "send-back") return "ok";
  if (!result.quorum) return "quorum";
  if (decision === "award") {
    if (!result.criteriaMet) return "criteria";
    if (!result.majority) return "majority";
  }
  return "ok";
}

/** The quick self-check: which criteria an association's ticks meet, and whether that would suffice. */
export function selfCheck(criteria: readonly { id: number; kind: SealCriterionKind }[], ticked: ReadonlySet<number>, electiveMin: number) {
  const missingMandatory = criteria.filter((c) => c.kind === "mandatory" && !ticked.has(c.id)).map((c) => c.id);
  const electives = criteria.filter((c) => c.kind === "elective" && ticked.has(c.id)).length;
  return { missingMandatory, electives, electiveMin, enough: missingMandatory.length === 0 && electives >= electiveMin };
}
