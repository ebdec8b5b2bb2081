import { describe, expect, it } from "vitest";
import {
  allowedSteps,
  certificateAvailable,
  checkInDue,
  DEFAULT_RULES,
  endTandem,
  firstMeetingHeld,
  meetingDayProblem,
  officeSilence,
  regularCheckIn,
  rulesOf,
  silenceAction,
  silenceReferenceDay,
  trialCheckIn,
  trialCheckInDue,
  trialStartedOn,
  type TandemFacts,
} from "./tandem-rules";

// The fixed clock of these tests: every rule takes "today" as a Berlin day.
const TODAY = "2026-12-05";
const r = DEFAULT_RULES;

/** A tandem in trial since 1 November (first meeting that day; 6 weeks → trial ends 13 December). */
const facts = (o: Partial<TandemFacts> = {}): TandemFacts => ({
  status: "trial",
  firstMeetingOn: "2026-11-01",
  trialEndsOn: "2026-12-13",
  nextCheckInOn: null,
  endedOn: null,
  meetingsInTrial: 0,
  lastMeetingOn: null,
  nudgedOn: null,
  alertedOn: null,
  ...o,
});
const planned = (day: string | null = "2026-12-01") => facts({ status: "first_meeting", firstMeetingOn: day, trialEndsOn: null });
const active = (o: Partial<TandemFacts> = {}) => facts({ status: "active", firstMeetingOn: "2026-08-01", trialEndsOn: "2026-09-12", nextCheckInOn: "2026-12-12", ...o });

describe("programme rules", () => {
  it("takes the programme's values and falls back to the defaults (6 weeks or 3 meetings, 3 months, 28 days)", () => {
    expect(rulesOf({})).toEqual({ trialWeeks: 6, trialMeetings: 3, checkInMonths: 3, silenceDays: 28, certificateMeetings: 6 });
    expect(rulesOf({ trialWeeks: 4, silenceDays: 14, trialMeetings: null, checkInMonths: 0 })).toMatchObject({ trialWeeks: 4, silenceDays: 14, trialMeetings: 3, checkInMonths: 3 });
  });
});

describe("steps per state", () => {
  it("offers the first meeting, then the trial check-in, then regular check-ins; ending until ended", () => {
    expect(allowedSteps("first_meeting")).toEqual(["first_meeting", "first_meeting_held", "end"]);
    expect(allowedSteps("trial")).toEqual(["trial_check_in", "end"]);
    expect(allowedSteps("active")).toEqual(["check_in", "end"]);
    expect(allowedSteps("ended")).toEqual([]);
  });

  it("the first meeting held starts the trial on its day (6 weeks); not before it took place, not without a plan, not twice", () => {
    expect(firstMeetingHeld(planned(), r, TODAY)).toEqual({ status: "trial", set: { trialEndsOn: "2027-01-12" }, event: "first_meeting" });
    expect(firstMeetingHeld(planned("2026-12-06"), r, TODAY)).toBe("future");
    expect(firstMeetingHeld(planned(null), r, TODAY)).toBe("notPlanned");
    expect(firstMeetingHeld(facts(), r, TODAY)).toBe("notAllowed");
    expect(firstMeetingHeld(planned(), { ...r, trialWeeks: 4 }, TODAY)).toMatchObject({ set: { trialEndsOn: "2026-12-29" } });
  });

  it("the trial check-in continues (active, next check-in in 3 months), adjusts (a new trial from that day) or ends", () => {
    expect(trialCheckIn(facts(), r, "continue", TODAY, TODAY)).toEqual({ status: "active", set: { nextCheckInOn: "2027-03-05" }, event: "trial_continued" });
    expect(trialCheckIn(facts(), r, "adjust", TODAY, TODAY)).toEqual({ status: "trial", set: { trialEndsOn: "2027-01-16" }, event: "trial_adjusted" });
    expect(trialCheckIn(facts(), r, "end", TODAY, TODAY)).toEqual({ status: "ended", set: { endedOn: TODAY }, event: "ended" });
    expect(trialCheckIn(facts(), r, "continue", "2026-10-31", TODAY)).toBe("beforeStart");
    expect(trialCheckIn(facts(), r, "continue", "2026-12-24", TODAY)).toBe("future");
    expect(trialCheckIn(active(), r, "continue", TODAY, TODAY)).toBe("notAllowed");
  });

  it("a regular check-in keeps the tandem active (the next in 3 months) or ends it; only for active tandems", () => {
    expect(regularCheckIn(active(), r, "continue", TODAY, TODAY)).toEqual({ status: "active", set: { nextCheckInOn: "2027-03-05" }, event: "check_in" });
    expect(regularCheckIn(active(), r, "end", TODAY, TODAY)).toEqual({ status: "ended", set: { endedOn: TODAY }, event: "ended" });
    expect(regularCheckIn(facts(), r, "continue", TODAY, TODAY)).toBe("notAllowed");
    // month ends are clamped (31 August + 3 months = 30 November)
    expect(regularCheckIn(active(), r, "continue", "2026-08-31", TODAY)).toMatchObject({ set: { nextCheckInOn: "2026-11-30" } });
  });

  it("ending needs a day not in the future and not before the first meeting; an ended tandem cannot end again", () => {
    expect(endTandem(facts(), "2026-11-20", TODAY)).toEqual({ status: "ended", set: { endedOn: "2026-11-20" }, event: "ended" });
    expect(endTandem(planned("2026-12-20"), TODAY, TODAY)).toMatchObject({ status: "ended" });
    expect(endTandem(facts(), "2026-10-31", TODAY)).toBe("beforeStart");
    expect(endTandem(facts(), "2026-12-06", TODAY)).toBe("future");
    expect(endTandem(facts({ status: "ended", endedOn: "2026-11-20" }), TODAY, TODAY)).toBe("notAllowed");
  });
});

describe("trial end and check-ins (fixed clock)", () => {
  it("the trial check-in is due after 6 weeks …", () => {
    const f = facts({ firstMeetingOn: "2026-10-24", trialEndsOn: "2026-12-05" });
    expect(trialStartedOn(f, r)).toBe("2026-10-24");
    expect(trialCheckInDue(f, r, "2026-12-04")).toBe(false);
    expect(trialCheckInDue(f, r, TODAY)).toBe(true);
  });

  it("… or after 3 meetings, whichever comes first", () => {
    expect(trialCheckInDue(facts({ meetingsInTrial: 2 }), r, TODAY)).toBe(false);
    expect(trialCheckInDue(facts({ meetingsInTrial: 3 }), r, TODAY)).toBe(true);
    expect(trialCheckInDue(facts({ meetingsInTrial: 2 }), { ...r, trialMeetings: 2 }, TODAY)).toBe(true);
  });

  it("is never due outside the trial", () => {
    expect(trialCheckInDue(active({ meetingsInTrial: 9 }), r, TODAY)).toBe(false);
    expect(trialCheckInDue(planned(), r, TODAY)).toBe(false);
  });

  it("an active tandem's check-in is due from its day on, not before", () => {
    expect(checkInDue(active({ nextCheckInOn: "2026-12-06" }), TODAY)).toBe(false);
    expect(checkInDue(active({ nextCheckInOn: TODAY }), TODAY)).toBe(true);
    expect(checkInDue(facts({ nextCheckInOn: "2026-01-01" }), TODAY)).toBe(false);
  });
});

describe("silence (fixed clock)", () => {
  it("counts from the newest meeting, or from the trial's start when none was logged since", () => {
    expect(silenceReferenceDay(facts(), r)).toBe("2026-11-01");
    expect(silenceReferenceDay(facts({ lastMeetingOn: "2026-11-20" }), r)).toBe("2026-11-20");
    // an adjusted trial starts a new count
    expect(silenceReferenceDay(facts({ trialEndsOn: "2027-01-06", lastMeetingOn: "2026-11-20" }), r)).toBe("2026-11-25");
    expect(silenceReferenceDay(planned(), r)).toBeNull();
    expect(silenceReferenceDay(facts({ status: "ended", endedOn: "2026-11-30" }), r)).toBeNull();
  });

  it("nudges the sponsor after 28 silent days, not a day earlier", () => {
    const f = facts({ lastMeetingOn: "2026-11-07" });
    expect(silenceAction(f, r, "2026-12-04")).toBeNull();
    expect(silenceAction(f, r, TODAY)).toEqual({ kind: "nudge", referenceDay: "2026-11-07", silentDays: 28 });
  });

  it("never nudges twice for one silence", () => {
    const nudged = facts({ lastMeetingOn: "2026-11-07", nudgedOn: TODAY });
    expect(silenceAction(nudged, r, TODAY)).toBeNull();
    expect(silenceAction(nudged, r, "2026-12-20")).toBeNull();
  });

  it("tells the office after a second period, once; and never before the nudge", () => {
    const nudged = active({ lastMeetingOn: "2026-10-10", nudgedOn: "2026-11-07" });
    expect(silenceAction(nudged, r, "2026-12-04")).toBeNull();
    expect(silenceAction(nudged, r, TODAY)).toEqual({ kind: "office", referenceDay: "2026-10-10", silentDays: 56 });
    const told = { ...nudged, alertedOn: TODAY };
    expect(silenceAction(told, r, TODAY)).toBeNull();
    expect(silenceAction(told, r, "2027-01-30")).toBeNull();
    expect(officeSilence(told, r)).toBe(true);
    // A long silence never nudged: the nudge comes first, the office item on a later run.
    expect(silenceAction(active({ lastMeetingOn: "2026-09-01" }), r, TODAY)).toMatchObject({ kind: "nudge" });
  });

  it("a meeting logged starts a new silence: the office item goes, a later nudge is possible again", () => {
    const f = active({ lastMeetingOn: "2026-11-07", nudgedOn: "2026-10-01", alertedOn: "2026-10-29" });
    expect(officeSilence(f, r)).toBe(false);
    expect(silenceAction(f, r, TODAY)).toEqual({ kind: "nudge", referenceDay: "2026-11-07", silentDays: 28 });
  });

  it("uses the programme's silence period and ignores tandems that do not run", () => {
    expect(silenceAction(facts({ lastMeetingOn: "2026-11-21" }), { ...r, silenceDays: 14 }, TODAY)).toMatchObject({ kind: "nudge" });
    expect(silenceAction(planned("2026-09-01"), r, TODAY)).toBeNull();
    expect(silenceAction(facts({ status: "ended", endedOn: "2026-11-02" }), r, TODAY)).toBeNull();
  });
});

describe("meetings and certificate", () => {
  it("a meeting lies between the first meeting and today (and not after the end)", () => {
    expect(meetingDayProblem(facts(), "2026-11-15", TODAY)).toBeNull();
    expect(meetingDayProblem(facts(), "2026-12-06", TODAY)).toBe("future");
    expect(meetingDayProblem(facts(), "2026-10-31", TODAY)).toBe("beforeStart");
    expect(meetingDayProblem(facts({ endedOn: "2026-11-20" }), "2026-11-21", TODAY)).toBe("afterEnd");
  });

  it("the certificate is available after N confirmed meetings", () => {
    expect(certificateAvailable(5, r)).toBe(false);
    expect(certificateAvailable(6, r)).toBe(true);
  });
});
