import { addDaysToDay, addMonthsToDay, daysBetween } from "~/utils/dates";

/**
 * The lifecycle of a tandem after the match, as pure rules (no database, no clock: `today` is
 * always passed in, a Berlin day `YYYY-MM-DD`). The commands (`tandem-steps.server.ts`) ask these
 * rules what is allowed and due; the daily job asks them who is silent.
 *
 * first_meeting → (first meeting held: date, place, moderator) → trial → (trial check-in:
 * continue | adjust | end) → active → (check-in every `checkInMonths`: continue | end) → ended.
 * From every state but `ended` the office may end the tandem (date + reason code); ending may put
 * the request back into the queue with priority (re-match).
 */

export const TANDEM_STATUSES = ["first_meeting", "trial", "active", "ended"] as const;
export type TandemStatus = (typeof TANDEM_STATUSES)[number];

export const MODERATORS = ["office", "association"] as const;
export type Moderator = (typeof MODERATORS)[number];

export const END_REASONS = ["goal_reached", "moved_away", "no_time", "did_not_fit", "other"] as const;
export type EndReason = (typeof END_REASONS)[number];
/** Written by the system when the household withdraws its sponsorship consent (never typed by staff). */
export const CONSENT_END_REASON = "consent_withdrawn" as const;
export type StoredEndReason = EndReason | typeof CONSENT_END_REASON;

export const TRIAL_DECISIONS = ["continue", "adjust", "end"] as const;
export type TrialDecision = (typeof TRIAL_DECISIONS)[number];
export const CHECK_IN_DECISIONS = ["continue", "end"] as const;
export type CheckInDecision = (typeof CHECK_IN_DECISIONS)[number];

export const MEETING_KINDS = ["meeting", "phone", "video", "authority", "doctor", "school", "leisure", "other"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const TOPIC_TAGS = ["authorities", "german", "school", "housing", "work", "health", "leisure"] as const;
export type TopicTag = (typeof TOPIC_TAGS)[number];

/** Every change written to a tandem's history. */
export const EVENT_KINDS = [
  "first_meeting",
  "trial_continued",
  "trial_adjusted",
  "check_in",
  "ended",
  "rematch",
  "silence_nudge",
  "silence_office",
  "meeting_logged",
  "meeting_confirmed",
  "consent_withdrawn",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The programme's settings the rules need (defaults where the programme says nothing). */
export type ProgrammeRules = { trialWeeks: number; trialMeetings: number; checkInMonths: number; silenceDays: number; certificateMeetings: number };
export const DEFAULT_RULES: ProgrammeRules = { trialWeeks: 6, trialMeetings: 3, checkInMonths: 3, silenceDays: 28, certificateMeetings: 5 };

export function rulesOf(p: Partial<Record<keyof ProgrammeRules, number | null | undefined>>): ProgrammeRules {
  const pick = (k: keyof ProgrammeRules) => {
    const v = p[k];
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : DEFAULT_RULES[k];
  };
  return { trialWeeks: pick("trialWeeks"), trialMeetings: pick("trialMeetings"), checkInMonths: pick("checkInMonths"), silenceDays: pick("silenceDays"), certificateMeetings: pick("certificateMeetings") };
}

/** What the rules know of one tandem. Days are `YYYY-MM-DD`. */
export type TandemFacts = {
  status: TandemStatus;
  /** The day the first meeting took place (the trial's start) */
  firstMeetingOn: string | null;
  /** The day the current trial started (the first meeting, or the day it was adjusted) */
  trialStartedOn: string | null;
  activeSince: string | null;
  lastCheckInOn: string | null;
  endedOn: string | null;
  /** Meetings on or after `trialStartedOn` */
  meetingsInTrial: number;
  /** The newest meeting's day (logged by the sponsor), if any */
  lastMeetingOn: string | null;
  /** The silence the sponsor was nudged for, by its reference day (never twice for one silence) */
  nudgedForDay: string | null;
  /** The silence the office was told of, by its reference day */
  escalatedForDay: string | null;
};

export type Step = "first_meeting" | "trial_check_in" | "check_in" | "end";

/** The steps the office may take in a state. */
export function allowedSteps(status: TandemStatus): Step[] {
  switch (status) {
    case "first_meeting":
      return ["first_meeting", "end"];
    case "trial":
      return ["trial_check_in", "end"];
    case "active":
      return ["check_in", "end"];
    case "ended":
      return [];
  }
}

export const canTake = (status: TandemStatus, step: Step) => allowedSteps(status).includes(step);

/** The sponsor logs meetings while the tandem runs (from the first meeting until it ended). */
export const canLogMeetings = (status: TandemStatus) => status === "trial" || status === "active";

/** The trial's end by time: `trialWeeks` after it started. */
export function trialEndsOn(f: Pick<TandemFacts, "trialStartedOn">, r: ProgrammeRules): string | null {
  return f.trialStartedOn ? addDaysToDay(f.trialStartedOn, r.trialWeeks * 7) : null;
}

/** The trial check-in is due when the trial time is over or the trial's meetings took place, whichever comes first. */
export function trialCheckInDue(f: TandemFacts, r: ProgrammeRules, today: string): boolean {
  if (f.status !== "trial" || !f.trialStartedOn) return false;
  return today >= trialEndsOn(f, r)! || f.meetingsInTrial >= r.trialMeetings;
}

/** The next regular check-in of an active tandem: `checkInMonths` after the last one (or after it became active). */
export function nextCheckInOn(f: Pick<TandemFacts, "status" | "activeSince" | "lastCheckInOn">, r: ProgrammeRules): string | null {
  if (f.status !== "active") return null;
  const from = f.lastCheckInOn && (!f.activeSince || f.lastCheckInOn > f.activeSince) ? f.lastCheckInOn : f.activeSince;
  return from ? addMonthsToDay(from, r.checkInMonths) : null;
}

export function checkInDue(f: TandemFacts, r: ProgrammeRules, today: string): boolean {
  const next = nextCheckInOn(f, r);
  return !!next && today >= next;
}

/**
 * The day a silence is counted from: the newest meeting, or (none yet since) the start of the
 * current trial / activity. Null when the tandem does not run (first meeting pending, ended).
 */
export function silenceReferenceDay(f: TandemFacts): string | null {
  if (f.status !== "trial" && f.status !== "active") return null;
  const starts = [f.lastMeetingOn, f.trialStartedOn, f.firstMeetingOn].filter((d): d is string => !!d);
  return starts.length ? starts.reduce((a, b) => (a > b ? a : b)) : null;
}

export type SilenceAction = { kind: "nudge" | "office"; referenceDay: string; silentSinceDays: number } | null;

/**
 * What the daily job does for one tandem today: after `silenceDays` without a meeting a friendly
 * nudge to the sponsor (once per silence), after a second such period an item for the office (once
 * per silence). A meeting logged starts a new silence (a new reference day). The office item
 * never comes before the nudge.
 */
export function silenceAction(f: TandemFacts, r: ProgrammeRules, today: string): SilenceAction {
  const ref = silenceReferenceDay(f);
  if (!ref) return null;
  const days = daysBetween(ref, today);
  if (days < r.silenceDays) return null;
  if (f.nudgedForDay !== ref) return { kind: "nudge", referenceDay: ref, silentSinceDays: days };
  if (days >= 2 * r.silenceDays && f.escalatedForDay !== ref) return { kind: "office", referenceDay: ref, silentSinceDays: days };
  return null;
}

/** A silence the office has been told of and that still lasts (an inbox item until a meeting is logged or the tandem ends). */
export function officeSilence(f: TandemFacts): boolean {
  const ref = silenceReferenceDay(f);
  return !!ref && f.escalatedForDay === ref;
}

/** The sponsor may download the certificate after this many confirmed meetings. */
export const certificateAvailable = (confirmedMeetings: number, r: ProgrammeRules) => confirmedMeetings >= r.certificateMeetings;

/** A meeting day must lie in the tandem's running time and not in the future. */
export function meetingDayProblem(f: Pick<TandemFacts, "firstMeetingOn" | "endedOn">, day: string, today: string): "future" | "beforeStart" | "afterEnd" | null {
  if (day > today) return "future";
  if (f.firstMeetingOn && day < f.firstMeetingOn) return "beforeStart";
  if (f.endedOn && day > f.endedOn) return "afterEnd";
  return null;
}

/** The state change of each step (what the command writes), or an error code. */
export type Change = { status: TandemStatus; set: Partial<Pick<TandemFacts, "firstMeetingOn" | "trialStartedOn" | "activeSince" | "lastCheckInOn" | "endedOn">>; event: EventKind };

export function firstMeetingHeld(f: TandemFacts, day: string, today: string): Change | "notAllowed" | "future" {
  if (!canTake(f.status, "first_meeting")) return "notAllowed";
  if (day > today) return "future";
  return { status: "trial", set: { firstMeetingOn: day, trialStartedOn: day }, event: "first_meeting" };
}

export function trialCheckIn(f: TandemFacts, decision: TrialDecision, day: string, today: string): Change | "notAllowed" | "future" | "beforeStart" {
  if (!canTake(f.status, "trial_check_in")) return "notAllowed";
  if (day > today) return "future";
  if (f.trialStartedOn && day < f.trialStartedOn) return "beforeStart";
  if (decision === "continue") return { status: "active", set: { activeSince: day, lastCheckInOn: day }, event: "trial_continued" };
  if (decision === "adjust") return { status: "trial", set: { trialStartedOn: day, lastCheckInOn: day }, event: "trial_adjusted" };
  return { status: "ended", set: { endedOn: day, lastCheckInOn: day }, event: "ended" };
}

export function regularCheckIn(f: TandemFacts, decision: CheckInDecision, day: string, today: string): Change | "notAllowed" | "future" | "beforeStart" {
  if (!canTake(f.status, "check_in")) return "notAllowed";
  if (day > today) return "future";
  if (f.activeSince && day < f.activeSince) return "beforeStart";
  if (decision === "continue") return { status: "active", set: { lastCheckInOn: day }, event: "check_in" };
  return { status: "ended", set: { endedOn: day, lastCheckInOn: day }, event: "ended" };
}

export function endTandem(f: TandemFacts, day: string, today: string): Change | "notAllowed" | "future" | "beforeStart" {
  if (!canTake(f.status, "end")) return "notAllowed";
  if (day > today) return "future";
  if (f.firstMeetingOn && day < f.firstMeetingOn) return "beforeStart";
  return { status: "ended", set: { endedOn: day }, event: "ended" };
}

/** The pseudonymous code of a tandem for funders and certificates: programme and number, never a name. */
export function tandemCode(programmeId: number, tandemId: number): string {
  return `T-${programmeId}-${String(tandemId).padStart(4, "0")}`;
}
