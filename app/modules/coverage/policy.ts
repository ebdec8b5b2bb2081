import type { LegalForm } from "@db/schema";
import { addDaysToDay, addMonthsToDay, addYearsToDay, daysBetween } from "~/utils/dates";

/**
 * Pure rules of insurance cover, § 72a certificates and the Ehrenamtskarte NRW.
 * Days are `YYYY-MM-DD` (Berlin calendar days); every bound is inclusive.
 * Texts are translation keys of the `coverage` namespace with values.
 */

export type OrganiserFacts = {
  id: number;
  name: string;
  legalForm: LegalForm;
  insurer: string | null;
  policyNumber: string | null;
  policyValidUntil: string | null;
};

export type CoverBasis =
  | { kind: "city" }
  | { kind: "association"; insurer: string; policyNumber: string; validUntil: string }
  | { kind: "initiative" }
  | { kind: "none" };

/** The basis of cover follows from the organiser's legal form (domain.md, "Volunteers and insurance cover"). */
export function basisOfCover(org: OrganiserFacts): CoverBasis {
  switch (org.legalForm) {
    case "city":
      return { kind: "city" };
    case "registered_association":
      if (org.insurer && org.policyNumber && org.policyValidUntil) {
        return { kind: "association", insurer: org.insurer, policyNumber: org.policyNumber, validUntil: org.policyValidUntil };
      }
      return { kind: "none" };
    case "initiative":
      return { kind: "initiative" };
    default:
      return { kind: "none" };
  }
}

export type Text = { key: string; values?: Record<string, string> };

/** Plain-words explanation of a basis: a list of sentences (translation keys). */
export function describeBasis(basis: CoverBasis): Text[] {
  switch (basis.kind) {
    case "city":
      return [{ key: "basis.city.accident" }, { key: "basis.city.liability" }];
    case "association":
      return [
        { key: "basis.association.liability", values: { insurer: basis.insurer, policyNumber: basis.policyNumber, validUntil: basis.validUntil } },
        { key: "basis.association.accident" },
      ];
    case "initiative":
      return [{ key: "basis.initiative.liability" }, { key: "basis.initiative.accident" }];
    default:
      return [{ key: "basis.none" }];
  }
}

export type AssignmentFacts = {
  id: number;
  activity: string;
  startDay: string;
  endDay: string | null;
  closedOn: string | null;
  organiser: OrganiserFacts;
};

/** The last day an assignment documents cover for: the earlier of end day and closing day (null: open end). */
export function lastCoveredDay(a: Pick<AssignmentFacts, "endDay" | "closedOn">): string | null {
  if (a.endDay && a.closedOn) return a.endDay < a.closedOn ? a.endDay : a.closedOn;
  return a.endDay ?? a.closedOn;
}

/** Is the assignment running on `day` (ignoring the organiser's policy)? */
export function isRunningOn(a: Pick<AssignmentFacts, "startDay" | "endDay" | "closedOn">, day: string): boolean {
  const last = lastCoveredDay(a);
  return a.startDay <= day && (last === null || day <= last);
}

/** How an assignment stands on `today`, for lists: closed (whenever), running, planned or ended. */
export function assignmentState(a: Pick<AssignmentFacts, "startDay" | "endDay" | "closedOn">, today: string): "closed" | "running" | "planned" | "ended" {
  if (a.closedOn) return "closed";
  if (isRunningOn(a, today)) return "running";
  return a.startDay > today ? "planned" : "ended";
}

/** Was the assignment closed before its start day, so it never ran? */
export function neverStarted(a: Pick<AssignmentFacts, "startDay" | "closedOn">): boolean {
  return a.closedOn !== null && a.closedOn < a.startDay;
}

/** Is the assignment running on `day` or still to come (not ended before `day`, not closed before its start)? */
export function isCurrentOrUpcoming(a: Pick<AssignmentFacts, "startDay" | "endDay" | "closedOn">, day: string): boolean {
  if (neverStarted(a)) return false;
  const last = lastCoveredDay(a);
  return last === null || day <= last;
}

/** Does the organiser give a basis of cover that is valid on `day`? */
export function basisValidOn(basis: CoverBasis, day: string): boolean {
  if (basis.kind === "none") return false;
  return basis.kind !== "association" || day <= basis.validUntil;
}

export type CoverReason =
  | { kind: "noAssignment" }
  | { kind: "otherActivity"; assignmentId: number; activity: string }
  | { kind: "startsOn"; assignmentId: number; date: string }
  | { kind: "endedOn"; assignmentId: number; date: string }
  | { kind: "closedOn"; assignmentId: number; date: string }
  | { kind: "policyExpired"; assignmentId: number; organisation: string; date: string }
  | { kind: "noBasis"; assignmentId: number; organisation: string };

export type CoverHit = { assignmentId: number; activity: string; organisation: string; basis: CoverBasis };
export type CoverAnswer = { covered: boolean; by: CoverHit[]; reasons: CoverReason[] };

const norm = (s: string) => s.normalize("NFKC").toLocaleLowerCase("de").replace(/\s+/g, " ").trim();

/** Does the assignment's activity match the asked-for one (case-insensitive containment)? */
export function matchesActivity(assignmentActivity: string, asked?: string | null): boolean {
  if (!asked || !asked.trim()) return true;
  const a = norm(assignmentActivity);
  const q = norm(asked);
  return a.includes(q) || q.includes(a);
}

/**
 * Was (or will) the volunteer be covered on `day`, optionally for `activity`?
 * Covered when at least one assignment runs on that day and its organiser gives a basis of
 * cover valid on that day. Otherwise every reason is listed, one per assignment.
 */
export function isCoveredOn(assignments: AssignmentFacts[], day: string, activity?: string | null): CoverAnswer {
  const by: CoverHit[] = [];
  const reasons: CoverReason[] = [];
  if (assignments.length === 0) return { covered: false, by, reasons: [{ kind: "noAssignment" }] };
  for (const a of [...assignments].sort((x, y) => x.startDay.localeCompare(y.startDay) || x.id - y.id)) {
    if (!matchesActivity(a.activity, activity)) {
      reasons.push({ kind: "otherActivity", assignmentId: a.id, activity: a.activity });
      continue;
    }
    const last = lastCoveredDay(a);
    if (day < a.startDay) {
      if (a.closedOn && a.closedOn < a.startDay) reasons.push({ kind: "closedOn", assignmentId: a.id, date: a.closedOn });
      else reasons.push({ kind: "startsOn", assignmentId: a.id, date: a.startDay });
      continue;
    }
    if (last !== null && day > last) {
      const closed = a.closedOn !== null && a.closedOn === last;
      reasons.push({ kind: closed ? "closedOn" : "endedOn", assignmentId: a.id, date: last });
      continue;
    }
    const basis = basisOfCover(a.organiser);
    if (!basisValidOn(basis, day)) {
      if (basis.kind === "association") reasons.push({ kind: "policyExpired", assignmentId: a.id, organisation: a.organiser.name, date: basis.validUntil });
      else reasons.push({ kind: "noBasis", assignmentId: a.id, organisation: a.organiser.name });
      continue;
    }
    by.push({ assignmentId: a.id, activity: a.activity, organisation: a.organiser.name, basis });
  }
  return by.length ? { covered: true, by, reasons: [] } : { covered: false, by, reasons };
}

/** One reason as a translation key with values (dates still `YYYY-MM-DD`; the page formats them). */
export function describeReason(r: CoverReason): Text {
  switch (r.kind) {
    case "noAssignment":
      return { key: "reasons.noAssignment" };
    case "otherActivity":
      return { key: "reasons.otherActivity", values: { activity: r.activity } };
    case "startsOn":
      return { key: "reasons.startsOn", values: { date: r.date } };
    case "endedOn":
      return { key: "reasons.endedOn", values: { date: r.date } };
    case "closedOn":
      return { key: "reasons.closedOn", values: { date: r.date } };
    case "policyExpired":
      return { key: "reasons.policyExpired", values: { organisation: r.organisation, date: r.date } };
    case "noBasis":
      return { key: "reasons.noBasis", values: { organisation: r.organisation } };
  }
}

// ---------------------------------------------------------------- § 72a certificates

export type CertificateConfig = { maxAgeMonths: number; reinspectYears: number; deleteAfterMonths: number };

/** Why a certificate cannot be accepted at inspection on `inspectedOn`, or null if it can. */
export function certificateProblem(certificateDate: string, inspectedOn: string, maxAgeMonths: number): "inFuture" | "tooOld" | null {
  if (certificateDate > inspectedOn) return "inFuture";
  if (certificateDate < addMonthsToDay(inspectedOn, -maxAgeMonths)) return "tooOld";
  return null;
}

/** The day a new certificate must have been inspected by. */
export function reinspectionDueOn(certificateDate: string, reinspectYears: number): string {
  return addYearsToDay(certificateDate, reinspectYears);
}

type MinorsAssignment = Pick<AssignmentFacts, "startDay" | "endDay" | "closedOn">;

/**
 * The day the inspection record must be deleted (null: not yet known, an assignment with
 * minors runs without end). "At once" (the inspection day) if no assignment with minors
 * starts: none exists, or each was closed before its start day.
 */
export function certificateDeletionDay(inspectedOn: string, minorsAssignments: MinorsAssignment[], deleteAfterMonths: number): string | null {
  const started = minorsAssignments.filter((a) => !neverStarted(a));
  if (started.length === 0) return inspectedOn;
  let latest: string | null = null;
  for (const a of started) {
    const last = lastCoveredDay(a);
    if (last === null) return null;
    if (latest === null || last > latest) latest = last;
  }
  return addMonthsToDay(latest!, deleteAfterMonths);
}

export type CertificateStatus =
  | { state: "none" }
  | { state: "conviction"; inspectedOn: string }
  | { state: "valid"; dueOn: string; reminderFrom: string }
  | { state: "dueSoon"; dueOn: string }
  | { state: "overdue"; dueOn: string };

export function certificateStatus(
  latest: { certificateDate: string; inspectedOn: string; relevantConviction: boolean; inspected: boolean } | null,
  today: string,
  reinspectYears: number,
  reminderDays: number,
): CertificateStatus {
  if (!latest || !latest.inspected) return { state: "none" };
  if (latest.relevantConviction) return { state: "conviction", inspectedOn: latest.inspectedOn };
  const dueOn = reinspectionDueOn(latest.certificateDate, reinspectYears);
  if (today >= dueOn) return { state: "overdue", dueOn };
  const reminderFrom = addDaysToDay(dueOn, -reminderDays);
  if (today >= reminderFrom) return { state: "dueSoon", dueOn };
  return { state: "valid", dueOn, reminderFrom };
}

/** A certificate is needed on `day` while an assignment with minors runs or is still to come. */
export function certificateNeededOn(minorsAssignments: MinorsAssignment[], day: string): boolean {
  return minorsAssignments.some((a) => isCurrentOrUpcoming(a, day));
}

/** The office list's certificate states (filter and column). */
export const CERTIFICATE_STATES = ["notNeeded", "missing", "valid", "dueSoon", "expired"] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

/**
 * One word for the office: not needed (no assignment with minors now or to come), needed but
 * missing (none inspected), valid, re-inspection due soon, or expired or refused (overdue, or a
 * relevant conviction).
 */
export function certificateState(needed: boolean, status: CertificateStatus): CertificateState {
  if (!needed) return "notNeeded";
  switch (status.state) {
    case "none":
      return "missing";
    case "valid":
      return "valid";
    case "dueSoon":
      return "dueSoon";
    default:
      return "expired";
  }
}

// ---------------------------------------------------------------- hours, Ehrenamtskarte NRW

export type EhrenamtskarteConfig = { hoursPerYear: number; hoursPerWeek: number; minWeeks?: number };
export type Eligibility = {
  eligible: boolean;
  byYear: boolean;
  byWeek: boolean;
  hoursLast12Months: number;
  weeks: number;
  averagePerWeek: number;
  windowStart: string;
};

/**
 * Ehrenamtskarte NRW: at least `hoursPerYear` confirmed hours in the last 12 months, or on
 * average at least `hoursPerWeek` per week since the first confirmed entry of that window
 * (counted only once that span is at least `minWeeks` weeks, so one long day is not "a week").
 */
export function ehrenamtskarteEligibility(entries: Array<{ day: string; hours: number }>, today: string, cfg: EhrenamtskarteConfig): Eligibility {
  const windowStart = ehrenamtskarteWindowStart(today);
  const inWindow = entries.filter((e) => e.day >= windowStart && e.day <= today);
  const hours = inWindow.reduce((s, e) => s + e.hours, 0);
  const first = inWindow.reduce<string | null>((m, e) => (m === null || e.day < m ? e.day : m), null);
  return eligibilityFromTotals({ hours, firstDay: first }, today, cfg);
}

/** The first day of the 12-month window ending `today`. */
export function ehrenamtskarteWindowStart(today: string): string {
  return addDaysToDay(addMonthsToDay(today, -12), 1);
}

/**
 * The same rule from totals of the window (confirmed hours from `ehrenamtskarteWindowStart(today)`
 * to `today`, and the first day with hours in it), so a database can add the hours up. For many
 * volunteers at once, pass the window's start (it only depends on `today`).
 */
export function eligibilityFromTotals(
  totals: { hours: number; firstDay: string | null },
  today: string,
  cfg: EhrenamtskarteConfig,
  windowStart = ehrenamtskarteWindowStart(today),
): Eligibility {
  const hours = roundHours(totals.hours);
  const first = totals.firstDay;
  const weeks = first ? Math.max(1, Math.ceil((daysBetween(first, today) + 1) / 7)) : 0;
  const average = weeks ? roundHours(hours / weeks) : 0;
  const byYear = hours >= cfg.hoursPerYear;
  const byWeek = weeks >= (cfg.minWeeks ?? 12) && average >= cfg.hoursPerWeek;
  return { eligible: byYear || byWeek, byYear, byWeek, hoursLast12Months: hours, weeks, averagePerWeek: average, windowStart };
}

export const roundHours = (h: number) => Math.round(h * 100) / 100;

/** Totals of hours per calendar year, newest year first. */
export function totalsPerYear(entries: Array<{ day: string; hours: number }>): Array<{ year: string; hours: number }> {
  const m = new Map<string, number>();
  for (const e of entries) m.set(e.day.slice(0, 4), (m.get(e.day.slice(0, 4)) ?? 0) + e.hours);
  return [...m.entries()].sort((a, b) => b[0].localeCompare(a[0])).map(([year, h]) => ({ year, hours: roundHours(h) }));
}

// ---------------------------------------------------------------- evidence after an erasure request

/**
 * How long the name of a volunteer who asked for erasure stays on their assignments as insurance
 * evidence: `retentionYears` after the last day any of them documents cover (they are all closed
 * by the erasure, so each has a last day). Null: no assignment, nothing to keep.
 */
export function evidenceKeptUntil(assignments: Array<Pick<AssignmentFacts, "startDay" | "endDay" | "closedOn">>, retentionYears: number): string | null {
  let latest: string | null = null;
  for (const a of assignments) {
    const last = lastCoveredDay(a) ?? a.startDay;
    if (latest === null || last > latest) latest = last;
  }
  return latest === null ? null : addYearsToDay(latest, retentionYears);
}
