import { addDaysToDay, addMonthsToDay, daysBetween } from "~/utils/dates";

/**
 * The lifecycle of a tandem after the match, as pure rules (no database, no clock: `today` is
 * always passed in, a Berlin day `YYYY-MM-DD`). The commands (`tandem-steps.server.ts`) ask these
 * rules what is allowed and due; the daily job asks them who is silent.
 *
 * first_meeting → (first meeting planned: date, place, moderator; then held) → trial → (trial check-in:
 * continue | adjust | end) → active → (check-in every `checkInMonths`: continue | end) → ended.
 * From every state but `ended` the office may end the tandem (date + reason code); ending may put
 * the request back into the queue with priority (re-match).
 */

export const TANDEM_STATUSES = ["first_meeting", "trial", "active", "ended"] as const;
export type TandemStatus = (typeof TANDEM_STATUSES)[number];

export const MODERATORS = ["office", "association"] as const;
export type Moderator = (typeof MODERATORS)[number];

export const END_REASONS = ["goal_reached", "moved_away", "no_time", "no_fit", "other"] as const;
export type EndReason = (typeof END_REASONS)[number];
/** Written by the system when the household withdraws its sponsorship consent (never typed by staff). */
export const CONSENT_END_REASON = "consent_withdrawn" as const;
export type StoredEndReason = EndReason | typeof CONSENT_END_REASON;

export const TRIAL_DECISIONS = ["continue", "adjust", "end"] as const;
export type TrialDecision = (typeof TRIAL_DECISIONS)[number];
export const CHECK_IN_DECISIONS = ["continue", "end"] as const;
export type CheckInDecision = (typeof CHECK_IN_DECISIONS)[number];

export const MEETING_KINDS = ["meeting", "phone", "video", "accompaniment", "leisure", "other"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const TOPIC_TAGS = ["authorities", "german", "school", "housing", "work", "health", "leisure"] as const;
export type TopicTag = (typeof TOPIC_TAGS)[number];

/** Every change written to a tandem's history. */
export const EVENT_KINDS = [
  "first_meeting_planned",
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
export const DEFAULT_RULES: ProgrammeRules = { trialWeeks: 6, trialMeetings: 3, checkInMonths: 3, silenceDays: 28, certificateMeetings: 6 };

export function rulesOf(p: Partial<Record<keyof ProgrammeRules, number | null | undefined>>): ProgrammeRules {
  const pick = (k: keyof ProgrammeRules) => {
    const v = p[k];
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : DEFAULT_RULES[k];
  };
  return { trialWeeks: pick("trialWeeks"), trialMeetings: pick("trialMeetings"), checkInMonths: pick("checkInMonths"), silenceDays: pick("silenceDays"), certificateMeetings: pick("certificateMeetings") };
}

/** What the rules know of one tandem (the `tandem` row, days `YYYY-MM-DD`). */
export type TandemFacts = {
  status: TandemStatus;
  /** The day of the first meeting (planned while `first_meeting`, held afterwards) */
  firstMeetingOn: string | null;
  /** The day the current trial ends by time (set when it starts or is adjusted) */
  trialEndsOn: string | null;
  /** The day the next regular check-in of an active tandem is due */
  nextCheckInOn: string | null;
  endedOn: string | null;
  /** Meetings since the current trial started */
  meetingsInTrial: number;
  /** The newest meeting's day (logged by the sponsor), if any */
  lastMeetingOn: string | null;
  /** When the sponsor was last nudged for a silence (once per silence) */
  nudgedOn: string | null;
  /** When the office was last told of a silence (once per silence) */
  alertedOn: string | null;
};

export type Step = "first_meeting" | "first_meeting_held" | "trial_check_in" | "check_in" | "end";

/** The steps the office may take in a state. */
export function allowedSteps(status: TandemStatus): Step[] {
  switch (status) {
    case "first_meeting":
      return ["first_meeting", "first_meeting_held", "end"];
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

/** The day the current trial started: `trialWeeks` before its end. */
export function trialStartedOn(f: Pick<TandemFacts, "trialEndsOn">, r: ProgrammeRules): string | null {
  return f.trialEndsOn ? addDaysToDay(f.trialEndsOn, -r.trialWeeks * 7) : null;
}

/** The trial check-in is due when the trial time is over or the trial's meetings took place, whichever comes first. */
export function trialCheckInDue(f: TandemFacts, r: ProgrammeRules, today: string): boolean {
  if (f.status !== "trial" || !f.trialEndsOn) return false;
  return today >= f.trialEndsOn || f.meetingsInTrial >= r.trialMeetings;
}

/** The regular check-in of an active tandem is due from `nextCheckInOn` on. */
export function checkInDue(f: TandemFacts, today: string): boolean {
  return f.status === "active" && !!f.nextCheckInOn && today >= f.nextCheckInOn;
}

/**
 * The day a silence is counted from: the newest meeting, or (none yet since) the start of the
 * current trial. Null when the tandem does not run (first meeting pending, ended).
 */
export function silenceReferenceDay(f: TandemFacts, r: ProgrammeRules): string | null {
  if (f.status !== "trial" && f.status !== "active") return null;
  const starts = [f.lastMeetingOn, f.status === "trial" ? trialStartedOn(f, r) : null, f.firstMeetingOn].filter((d): d is string => !!d);
  return starts.length ? starts.reduce((a, b) => (a > b ? a : b)) : null;
}

export type SilenceAction = { kind: "nudge" | "office"; referenceDay: string; silentDays: number } | null;

/**
 * What the daily job does for one tandem today: after `silenceDays` without a meeting a friendly
 * nudge to the sponsor (once per silence), after a second such period an item for the office (once
 * per silence). A meeting logged starts a new silence (a later reference day). The office is never
 * told before the sponsor was nudged.
 */
export function silenceAction(f: TandemFacts, r: ProgrammeRules, today: string): SilenceAction {
  const ref = silenceReferenceDay(f, r);
  if (!ref) return null;
  const days = daysBetween(ref, today);
  if (days < r.silenceDays) return null;
  const nudged = !!f.nudgedOn && f.nudgedOn >= ref;
  if (!nudged) return { kind: "nudge", referenceDay: ref, silentDays: days };
  const alerted = !!f.alertedOn && f.alertedOn >= ref;
  if (days >= 2 * r.silenceDays && !alerted) return { kind: "office", referenceDay: ref, silentDays: days };
  return null;
}

/** A silence the office was told of and that still lasts (an inbox item until a meeting is logged or the tandem ends). */
export function officeSilence(f: TandemFacts, r: ProgrammeRules): boolean {
  const ref = silenceReferenceDay(f, r);
  return !!ref && !!f.alertedOn && f.alertedOn >= ref;
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
export type Change = { status: TandemStatus; set: Partial<Pick<TandemFacts, "trialEndsOn" | "nextCheckInOn" | "endedOn">>; event: EventKind };
export type StepProblem = "notAllowed" | "future" | "beforeStart" | "notPlanned";

/** The planned first meeting took place: the trial starts on its day. */
export function firstMeetingHeld(f: TandemFacts, r: ProgrammeRules, today: string): Change | StepProblem {
  if (!canTake(f.status, "first_meeting_held")) return "notAllowed";
  if (!f.firstMeetingOn) return "notPlanned";
  if (f.firstMeetingOn > today) return "future";
  return { status: "trial", set: { trialEndsOn: addDaysToDay(f.firstMeetingOn, r.trialWeeks * 7) }, event: "first_meeting" };
}

export function trialCheckIn(f: TandemFacts, r: ProgrammeRules, decision: TrialDecision, day: string, today: string): Change | StepProblem {
  if (!canTake(f.status, "trial_check_in")) return "notAllowed";
  if (day > today) return "future";
  const start = trialStartedOn(f, r);
  if (start && day < start) return "beforeStart";
  if (decision === "continue") return { status: "active", set: { nextCheckInOn: addMonthsToDay(day, r.checkInMonths) }, event: "trial_continued" };
  if (decision === "adjust") return { status: "trial", set: { trialEndsOn: addDaysToDay(day, r.trialWeeks * 7) }, event: "trial_adjusted" };
  return { status: "ended", set: { endedOn: day }, event: "ended" };
}

export function regularCheckIn(f: TandemFacts, r: ProgrammeRules, decision: CheckInDecision, day: string, today: string): Change | StepProblem {
  if (!canTake(f.status, "check_in")) return "notAllowed";
  if (day > today) return "future";
  if (f.firstMeetingOn && day < f.firstMeetingOn) return "beforeStart";
  if (decision === "continue") return { status: "active", set: { nextCheckInOn: addMonthsToDay(day, r.checkInMonths) }, event: "check_in" };
  return { status: "ended", set: { endedOn: day }, event: "ended" };
}

export function endTandem(f: TandemFacts, day: string, today: string): Change | StepProblem {
  if (!canTake(f.status, "end")) return "notAllowed";
  if (day > today) return "future";
  if (f.status !== "first_meeting" && f.firstMeetingOn && day < f.firstMeetingOn) return "beforeStart";
  return { status: "ended", set: { endedOn: day }, event: "ended" };
}

