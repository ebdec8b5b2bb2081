import { describe, expect, it } from "vitest";
import {
  allowedSteps,
  certificateAvailable,
  checkInDue,
  DEFAULT_RULES,
  endTandem,
  firstMeetingHeld,
  meetingDayProblem,
  nextCheckInOn,
  officeSilence,
  regularCheckIn,
  rulesOf,
  silenceAction,
  silenceReferenceDay,
  tandemCode,
  trialCheckIn,
  trialCheckInDue,
  trialEndsOn,
  type TandemFacts,
} from "./tandem-rules";

// The fixed clock of these tests: every rule takes "today" as a Berlin day.
const TODAY = "2026-12-05";
const r = DEFAULT_RULES;

const facts = (o: Partial<TandemFacts> = {}): TandemFacts => ({
  status: "trial",
  firstMeetingOn: "2026-11-01",
  trialStartedOn: "2026-11-01",
  activeSince: null,
  lastCheckInOn: null,
  endedOn: null,
  meetingsInTrial: 0,
  lastMeetingOn: null,
  nudgedForDay: null,
  escalatedForDay: null,
  ...o,
});
const waiting = () => facts({ status: "first_meeting", firstMeetingOn: null, trialStartedOn: null });

describe("programme rules", () => {
  it("takes the programme's values and falls back to the defaults (6 weeks or 3 meetings, 3 months, 28 days)", () => {
    expect(rulesOf({})).toEqual({ trialWeeks: 6, trialMeetings: 3, checkInMonths: 3, silenceDays: 28, certificateMeetings: 5 });
    expect(rulesOf({ trialWeeks: 4, silenceDays: 14, trialMeetings: null, checkInMonths: 0 })).toMatchObject({ trialWeeks: 4, silenceDays: 14, trialMeetings: 3, checkInMonths: 3 });
  });
});

describe("steps per state", () => {
  it("offers the first meeting, then the trial check-in, then regular check-ins; ending is possible until ended", () => {
    expect(allowedSteps("first_meeting")).toEqual(["first_meeting", "end"]);
    expect(allowedSteps("trial")).toEqual(["trial_check_in", "end"]);
    expect(allowedSteps("active")).toEqual(["check_in", "end"]);
    expect(allowedSteps("ended")).toEqual([]);
  });

  it("the first meeting starts the trial on its day; not in the future, not twice", () => {
    expect(firstMeetingHeld(waiting(), "2026-12-01", TODAY)).toEqual({ status: "trial", set: { firstMeetingOn: "2026-12-01", trialStartedOn: "2026-12-01" }, event: "first_meeting" });
    expect(firstMeetingHeld(waiting(), "2026-12-06", TODAY)).toBe("future");
    expect(firstMeetingHeld(facts(), "2026-12-01", TODAY)).toBe("notAllowed");
  });

  it("the trial check-in continues (active), adjusts (a new trial from that day) or ends", () => {
    expect(trialCheckIn(facts(), "continue", TODAY, TODAY)).toMatchObject({ status: "active", set: { activeSince: TODAY, lastCheckInOn: TODAY }, event: "trial_continued" });
    expect(trialCheckIn(facts(), "adjust", TODAY, TODAY)).toMatchObject({ status: "trial", set: { trialStartedOn: TODAY }, event: "trial_adjusted" });
    expect(trialCheckIn(facts(), "end", TODAY, TODAY)).toMatchObject({ status: "ended", set: { endedOn: TODAY }, event: "ended" });
    expect(trialCheckIn(facts(), "continue", "2026-10-01", TODAY)).toBe("beforeStart");
    expect(trialCheckIn(facts(), "continue", "2026-12-24", TODAY)).toBe("future");
    expect(trialCheckIn(facts({ status: "active" }), "continue", TODAY, TODAY)).toBe("notAllowed");
  });

  it("a regular check-in keeps the tandem active or ends it; only for active tandems", () => {
    const active = facts({ status: "active", activeSince: "2026-08-01" });
    expect(regularCheckIn(active, "continue", TODAY, TODAY)).toEqual({ status: "active", set: { lastCheckInOn: TODAY }, event: "check_in" });
    expect(regularCheckIn(active, "end", TODAY, TODAY)).toMatchObject({ status: "ended", set: { endedOn: TODAY } });
    expect(regularCheckIn(facts(), "continue", TODAY, TODAY)).toBe("notAllowed");
  });

  it("ending needs a day between the first meeting and today; an ended tandem cannot end again", () => {
    expect(endTandem(facts(), "2026-11-20", TODAY)).toEqual({ status: "ended", set: { endedOn: "2026-11-20" }, event: "ended" });
    expect(endTandem(waiting(), TODAY, TODAY)).toMatchObject({ status: "ended" });
    expect(endTandem(facts(), "2026-10-31", TODAY)).toBe("beforeStart");
    expect(endTandem(facts(), "2026-12-06", TODAY)).toBe("future");
    expect(endTandem(facts({ status: "ended", endedOn: "2026-11-20" }), TODAY, TODAY)).toBe("notAllowed");
  });
});

describe("trial end and check-ins (fixed clock)", () => {
  it("the trial check-in is due after 6 weeks …", () => {
    const f = facts({ trialStartedOn: "2026-10-24" });
    expect(trialEndsOn(f, r)).toBe("2026-12-05");
    expect(trialCheckInDue(f, r, "2026-12-04")).toBe(false);
    expect(trialCheckInDue(f, r, TODAY)).toBe(true);
  });

  it("… or after 3 meetings, whichever comes first", () => {
    expect(trialCheckInDue(facts({ trialStartedOn: "2026-11-20", meetingsInTrial: 2 }), r, TODAY)).toBe(false);
    expect(trialCheckInDue(facts({ trialStartedOn: "2026-11-20", meetingsInTrial: 3 }), r, TODAY)).toBe(true);
    expect(trialCheckInDue(facts({ trialStartedOn: "2026-11-20", meetingsInTrial: 2 }), { ...r, trialMeetings: 2 }, TODAY)).toBe(true);
  });

  it("is never due outside the trial", () => {
    expect(trialCheckInDue(facts({ status: "active", trialStartedOn: "2026-01-01", meetingsInTrial: 9 }), r, TODAY)).toBe(false);
  });

  it("an active tandem's check-in is due 3 months after it became active, then 3 months after the last check-in", () => {
    const f = facts({ status: "active", activeSince: "2026-09-05", lastCheckInOn: "2026-09-05" });
    expect(nextCheckInOn(f, r)).toBe("2026-12-05");
    expect(checkInDue(f, r, "2026-12-04")).toBe(false);
    expect(checkInDue(f, r, TODAY)).toBe(true);
    const after = facts({ status: "active", activeSince: "2026-09-05", lastCheckInOn: TODAY });
    expect(nextCheckInOn(after, r)).toBe("2027-03-05");
    expect(checkInDue(after, r, TODAY)).toBe(false);
    // month ends are clamped (31 Aug + 3 months = 30 Nov)
    expect(nextCheckInOn(facts({ status: "active", activeSince: "2026-08-31" }), r)).toBe("2026-11-30");
    expect(nextCheckInOn(facts({ status: "trial" }), r)).toBeNull();
  });
});

describe("silence (fixed clock)", () => {
  it("counts from the newest meeting, or from the trial's start when none was logged since", () => {
    expect(silenceReferenceDay(facts())).toBe("2026-11-01");
    expect(silenceReferenceDay(facts({ lastMeetingOn: "2026-11-20" }))).toBe("2026-11-20");
    expect(silenceReferenceDay(facts({ trialStartedOn: "2026-11-25", lastMeetingOn: "2026-11-20" }))).toBe("2026-11-25");
    expect(silenceReferenceDay(waiting())).toBeNull();
    expect(silenceReferenceDay(facts({ status: "ended", endedOn: "2026-11-30" }))).toBeNull();
  });

  it("nudges the sponsor after 28 silent days, not a day earlier", () => {
    const f = facts({ lastMeetingOn: "2026-11-07" });
    expect(silenceAction(f, r, "2026-12-04")).toBeNull();
    expect(silenceAction(f, r, TODAY)).toEqual({ kind: "nudge", referenceDay: "2026-11-07", silentSinceDays: 28 });
  });

  it("never nudges twice for one silence", () => {
    const nudged = facts({ lastMeetingOn: "2026-11-07", nudgedForDay: "2026-11-07" });
    expect(silenceAction(nudged, r, TODAY)).toBeNull();
    expect(silenceAction(nudged, r, "2026-12-20")).toBeNull();
  });

  it("tells the office after a second period, once; and never before the nudge", () => {
    const nudged = facts({ status: "active", firstMeetingOn: "2026-08-01", trialStartedOn: "2026-08-01", activeSince: "2026-09-15", lastMeetingOn: "2026-10-10", nudgedForDay: "2026-10-10" });
    expect(silenceAction(nudged, r, "2026-12-04")).toBeNull();
    expect(silenceAction(nudged, r, TODAY)).toEqual({ kind: "office", referenceDay: "2026-10-10", silentSinceDays: 56 });
    expect(silenceAction({ ...nudged, escalatedForDay: "2026-10-10" }, r, TODAY)).toBeNull();
    // A long silence never nudged: the nudge comes first, the office item on a later run.
    expect(silenceAction(facts({ firstMeetingOn: "2026-08-01", trialStartedOn: "2026-08-01", lastMeetingOn: "2026-09-01" }), r, TODAY)).toMatchObject({ kind: "nudge" });
    expect(officeSilence({ ...nudged, escalatedForDay: "2026-10-10" })).toBe(true);
  });

  it("a meeting logged starts a new silence: a later nudge is possible again", () => {
    const f = facts({ lastMeetingOn: "2026-11-07", nudgedForDay: "2026-10-01", escalatedForDay: "2026-10-01" });
    expect(officeSilence(f)).toBe(false);
    expect(silenceAction(f, r, TODAY)).toMatchObject({ kind: "nudge", referenceDay: "2026-11-07" });
  });

  it("uses the programme's silence period and ignores tandems that do not run", () => {
    expect(silenceAction(facts({ lastMeetingOn: "2026-11-21" }), { ...r, silenceDays: 14 }, TODAY)).toMatchObject({ kind: "nudge" });
    expect(silenceAction(waiting(), r, TODAY)).toBeNull();
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
    expect(certificateAvailable(4, r)).toBe(false);
    expect(certificateAvailable(5, r)).toBe(true);
  });

  it("the funding code names no one", () => {
    expect(tandemCode(2, 17)).toBe("T-2-0017");
  });
});
