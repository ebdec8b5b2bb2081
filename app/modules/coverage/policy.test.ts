import { describe, expect, it } from "vitest";
import {
  basisOfCover,
  certificateDeletionDay,
  certificateProblem,
  certificateNeededOn,
  certificateState,
  certificateStatus,
  describeBasis,
  eligibilityFromTotals,
  evidenceKeptUntil,
  isCurrentOrUpcoming,
  describeReason,
  ehrenamtskarteEligibility,
  isCoveredOn,
  matchesActivity,
  reinspectionDueOn,
  totalsPerYear,
  type AssignmentFacts,
  type OrganiserFacts,
} from "./policy";

const city: OrganiserFacts = { id: 1, name: "Stadt Willich", legalForm: "city", insurer: null, policyNumber: null, policyValidUntil: null };
const verein: OrganiserFacts = { id: 2, name: "Helfer e.V.", legalForm: "registered_association", insurer: "Muster AG", policyNumber: "HV-1", policyValidUntil: "2026-06-30" };
const initiative: OrganiserFacts = { id: 3, name: "Nachbarn helfen", legalForm: "initiative", insurer: null, policyNumber: null, policyValidUntil: null };
const other: OrganiserFacts = { id: 4, name: "Kirche", legalForm: "other", insurer: null, policyNumber: null, policyValidUntil: null };

let nextId = 1;
const a = (o: Partial<AssignmentFacts> = {}): AssignmentFacts => ({
  id: nextId++,
  activity: "Sprachcafé",
  startDay: "2026-03-01",
  endDay: "2026-03-31",
  closedOn: null,
  organiser: city,
  ...o,
});

describe("basis of cover from the organiser's legal form", () => {
  it("city: Unfallkasse NRW and municipal liability", () => {
    expect(basisOfCover(city)).toEqual({ kind: "city" });
    expect(describeBasis(basisOfCover(city)).map((t) => t.key)).toEqual(["basis.city.accident", "basis.city.liability"]);
  });
  it("registered association: its own policy, Land NRW accident cover subsidiary", () => {
    const b = basisOfCover(verein);
    expect(b).toEqual({ kind: "association", insurer: "Muster AG", policyNumber: "HV-1", validUntil: "2026-06-30" });
    const texts = describeBasis(b);
    expect(texts[0]).toEqual({ key: "basis.association.liability", values: { insurer: "Muster AG", policyNumber: "HV-1", validUntil: "2026-06-30" } });
    expect(texts[1].key).toBe("basis.association.accident");
  });
  it("registered association without a recorded policy gives no basis", () => {
    expect(basisOfCover({ ...verein, policyNumber: null })).toEqual({ kind: "none" });
  });
  it("initiative: Land NRW collective liability, accident subsidiary", () => {
    expect(basisOfCover(initiative)).toEqual({ kind: "initiative" });
    expect(describeBasis(basisOfCover(initiative)).map((t) => t.key)).toEqual(["basis.initiative.liability", "basis.initiative.accident"]);
  });
  it("other organisers: no basis derived", () => {
    expect(describeBasis(basisOfCover(other))).toEqual([{ key: "basis.none" }]);
  });
});

describe("isCoveredOn", () => {
  it("no assignment at all", () => {
    expect(isCoveredOn([], "2026-03-10")).toEqual({ covered: false, by: [], reasons: [{ kind: "noAssignment" }] });
  });
  it("covered on the start day, the end day and between", () => {
    const x = a();
    for (const day of ["2026-03-01", "2026-03-15", "2026-03-31"]) {
      const r = isCoveredOn([x], day);
      expect(r.covered).toBe(true);
      expect(r.by).toEqual([{ assignmentId: x.id, activity: "Sprachcafé", organisation: "Stadt Willich", basis: { kind: "city" } }]);
    }
  });
  it("not covered the day before the start: starts on …", () => {
    const x = a();
    expect(isCoveredOn([x], "2026-02-28")).toEqual({ covered: false, by: [], reasons: [{ kind: "startsOn", assignmentId: x.id, date: "2026-03-01" }] });
  });
  it("not covered the day after the end: ended on …", () => {
    const x = a();
    expect(isCoveredOn([x], "2026-04-01").reasons).toEqual([{ kind: "endedOn", assignmentId: x.id, date: "2026-03-31" }]);
  });
  it("open end: covered far in the future", () => {
    const x = a({ endDay: null });
    expect(isCoveredOn([x], "2040-01-01").covered).toBe(true);
    expect(isCoveredOn([x], "2026-02-28").covered).toBe(false);
  });
  it("closing ends the cover: covered on the closing day, not after", () => {
    const x = a({ endDay: null, closedOn: "2026-03-10" });
    expect(isCoveredOn([x], "2026-03-10").covered).toBe(true);
    expect(isCoveredOn([x], "2026-03-11").reasons).toEqual([{ kind: "closedOn", assignmentId: x.id, date: "2026-03-10" }]);
  });
  it("closed after the planned end: the end day still counts", () => {
    const x = a({ closedOn: "2026-04-10" });
    expect(isCoveredOn([x], "2026-04-05").reasons).toEqual([{ kind: "endedOn", assignmentId: x.id, date: "2026-03-31" }]);
  });
  it("closed before it started: never covered, says closed", () => {
    const x = a({ closedOn: "2026-02-20" });
    expect(isCoveredOn([x], "2026-03-05").reasons).toEqual([{ kind: "closedOn", assignmentId: x.id, date: "2026-02-20" }]);
    expect(isCoveredOn([x], "2026-02-10").reasons).toEqual([{ kind: "closedOn", assignmentId: x.id, date: "2026-02-20" }]);
  });
  it("overlapping assignments: both named", () => {
    const x = a();
    const y = a({ startDay: "2026-03-20", endDay: null, organiser: initiative, activity: "Fahrdienst" });
    const r = isCoveredOn([y, x], "2026-03-25");
    expect(r.covered).toBe(true);
    expect(r.by.map((h) => h.assignmentId)).toEqual([x.id, y.id]);
    expect(r.by[1].basis).toEqual({ kind: "initiative" });
  });
  it("closed then reopened as a new assignment: the gap is not covered", () => {
    const first = a({ endDay: null, closedOn: "2026-03-10" });
    const second = a({ startDay: "2026-03-20", endDay: null });
    expect(isCoveredOn([first, second], "2026-03-10").by.map((h) => h.assignmentId)).toEqual([first.id]);
    const gap = isCoveredOn([first, second], "2026-03-15");
    expect(gap.covered).toBe(false);
    expect(gap.reasons).toEqual([
      { kind: "closedOn", assignmentId: first.id, date: "2026-03-10" },
      { kind: "startsOn", assignmentId: second.id, date: "2026-03-20" },
    ]);
    expect(isCoveredOn([first, second], "2026-03-20").by.map((h) => h.assignmentId)).toEqual([second.id]);
  });
  it("activity filter: another activity is named as the reason", () => {
    const x = a({ activity: "Fahrdienst zum Amt" });
    expect(isCoveredOn([x], "2026-03-05", "fahrdienst").covered).toBe(true);
    expect(isCoveredOn([x], "2026-03-05", "  FAHRDIENST  zum amt ").covered).toBe(true);
    expect(isCoveredOn([x], "2026-03-05", "Hausaufgabenhilfe").reasons).toEqual([{ kind: "otherActivity", assignmentId: x.id, activity: "Fahrdienst zum Amt" }]);
    expect(matchesActivity("Sprachcafé", "")).toBe(true);
    expect(matchesActivity("Sprachcafé", null)).toBe(true);
  });
  it("association whose policy expired: covered on its last day, explained after", () => {
    const x = a({ organiser: verein, endDay: null });
    expect(isCoveredOn([x], "2026-06-30").covered).toBe(true);
    expect(isCoveredOn([x], "2026-07-01").reasons).toEqual([{ kind: "policyExpired", assignmentId: x.id, organisation: "Helfer e.V.", date: "2026-06-30" }]);
  });
  it("an expired association policy does not hide a parallel city assignment", () => {
    const x = a({ organiser: verein, endDay: null });
    const y = a({ endDay: null });
    const r = isCoveredOn([x, y], "2026-08-01");
    expect(r.covered).toBe(true);
    expect(r.by.map((h) => h.assignmentId)).toEqual([y.id]);
  });
  it("organiser of another legal form: no basis", () => {
    const x = a({ organiser: other });
    expect(isCoveredOn([x], "2026-03-05").reasons).toEqual([{ kind: "noBasis", assignmentId: x.id, organisation: "Kirche" }]);
  });
  it("every reason has a text", () => {
    const kinds = [
      { kind: "noAssignment" },
      { kind: "otherActivity", assignmentId: 1, activity: "x" },
      { kind: "startsOn", assignmentId: 1, date: "2026-01-01" },
      { kind: "endedOn", assignmentId: 1, date: "2026-01-01" },
      { kind: "closedOn", assignmentId: 1, date: "2026-01-01" },
      { kind: "policyExpired", assignmentId: 1, organisation: "o", date: "2026-01-01" },
      { kind: "noBasis", assignmentId: 1, organisation: "o" },
    ] as const;
    for (const k of kinds) expect(describeReason(k).key).toBe(`reasons.${k.kind}`);
  });
});

describe("certificate rules (§ 72a SGB VIII)", () => {
  it("accepts a certificate exactly 3 months old, refuses one a day older", () => {
    expect(certificateProblem("2026-02-21", "2026-05-21", 3)).toBeNull();
    expect(certificateProblem("2026-02-20", "2026-05-21", 3)).toBe("tooOld");
    expect(certificateProblem("2026-05-21", "2026-05-21", 3)).toBeNull();
  });
  it("refuses a certificate dated after the inspection", () => {
    expect(certificateProblem("2026-05-22", "2026-05-21", 3)).toBe("inFuture");
  });
  it("the maximum age is configurable", () => {
    expect(certificateProblem("2026-02-20", "2026-05-21", 6)).toBeNull();
  });
  it("month ends: 31 May minus 3 months is 28 February", () => {
    expect(certificateProblem("2026-02-28", "2026-05-31", 3)).toBeNull();
    expect(certificateProblem("2026-02-27", "2026-05-31", 3)).toBe("tooOld");
  });
  it("re-inspection after 5 (or 3) years from the certificate's date, leap day included", () => {
    expect(reinspectionDueOn("2026-04-01", 5)).toBe("2031-04-01");
    expect(reinspectionDueOn("2026-04-01", 3)).toBe("2029-04-01");
    expect(reinspectionDueOn("2028-02-29", 5)).toBe("2033-02-28");
  });
  it("status: none, valid, due soon (60 days), overdue, conviction", () => {
    const c = { certificateDate: "2026-01-10", inspectedOn: "2026-02-01", relevantConviction: false, inspected: true };
    expect(certificateStatus(null, "2026-03-01", 5, 60)).toEqual({ state: "none" });
    expect(certificateStatus({ ...c, inspected: false }, "2026-03-01", 5, 60)).toEqual({ state: "none" });
    expect(certificateStatus(c, "2026-03-01", 5, 60)).toEqual({ state: "valid", dueOn: "2031-01-10", reminderFrom: "2030-11-11" });
    expect(certificateStatus(c, "2030-11-10", 5, 60).state).toBe("valid");
    expect(certificateStatus(c, "2030-11-11", 5, 60)).toEqual({ state: "dueSoon", dueOn: "2031-01-10" });
    expect(certificateStatus(c, "2031-01-10", 5, 60)).toEqual({ state: "overdue", dueOn: "2031-01-10" });
    expect(certificateStatus({ ...c, relevantConviction: true }, "2026-03-01", 5, 60)).toEqual({ state: "conviction", inspectedOn: "2026-02-01" });
  });
  it("deletion: at once when no assignment with minors starts", () => {
    expect(certificateDeletionDay("2026-02-01", [], 3)).toBe("2026-02-01");
    expect(certificateDeletionDay("2026-02-01", [{ startDay: "2026-03-01", endDay: null, closedOn: "2026-02-15" }], 3)).toBe("2026-02-01");
  });
  it("deletion: 3 months after the last assignment with minors ends", () => {
    const list = [
      { startDay: "2026-03-01", endDay: "2026-05-31", closedOn: null },
      { startDay: "2026-04-01", endDay: null, closedOn: "2026-08-15" },
    ];
    expect(certificateDeletionDay("2026-02-01", list, 3)).toBe("2026-11-15");
    expect(certificateDeletionDay("2026-02-01", list, 0)).toBe("2026-08-15");
  });
  it("deletion: not yet while an assignment with minors runs without end", () => {
    expect(certificateDeletionDay("2026-02-01", [{ startDay: "2026-03-01", endDay: "2026-05-31", closedOn: null }, { startDay: "2026-03-01", endDay: null, closedOn: null }], 3)).toBeNull();
  });
  it("deletion: a future assignment with minors keeps the record (it may still start)", () => {
    expect(certificateDeletionDay("2026-02-01", [{ startDay: "2027-01-01", endDay: "2027-06-30", closedOn: null }], 3)).toBe("2027-09-30");
  });
});

describe("Ehrenamtskarte NRW eligibility", () => {
  const cfg = { hoursPerYear: 250, hoursPerWeek: 5 };
  it("250 hours in the last 12 months qualify; 249.75 do not", () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ day: `2026-0${(i % 9) + 1}-1${i % 10}`, hours: 5 }));
    expect(ehrenamtskarteEligibility(entries, "2026-11-21", cfg)).toMatchObject({ eligible: true, byYear: true, hoursLast12Months: 250 });
    const fewer = [...entries.slice(1), { day: "2026-05-05", hours: 4.75 }];
    expect(ehrenamtskarteEligibility(fewer, "2026-11-21", { ...cfg, hoursPerWeek: 100 })).toMatchObject({ eligible: false, hoursLast12Months: 249.75 });
  });
  it("the 12-month window: today and the day after a year ago count, older does not", () => {
    const r = ehrenamtskarteEligibility([{ day: "2025-11-22", hours: 200 }, { day: "2025-11-21", hours: 100 }, { day: "2026-11-21", hours: 50 }], "2026-11-21", cfg);
    expect(r.windowStart).toBe("2025-11-22");
    expect(r.hoursLast12Months).toBe(250);
    expect(r.eligible).toBe(true);
    expect(ehrenamtskarteEligibility([{ day: "2026-11-22", hours: 300 }], "2026-11-21", cfg).hoursLast12Months).toBe(0);
  });
  it("5 hours a week on average over at least 12 weeks qualify", () => {
    const weekly = Array.from({ length: 12 }, (_, i) => ({ day: `2026-${String(9 + Math.floor(i / 4)).padStart(2, "0")}-${String(1 + (i % 4) * 7).padStart(2, "0")}`, hours: 5.5 }));
    const r = ehrenamtskarteEligibility(weekly, "2026-11-23", cfg);
    expect(r.byWeek).toBe(true);
    expect(r.byYear).toBe(false);
    expect(r.eligible).toBe(true);
  });
  it("one long day is not five hours a week", () => {
    const r = ehrenamtskarteEligibility([{ day: "2026-11-20", hours: 12 }], "2026-11-21", cfg);
    expect(r).toMatchObject({ eligible: false, weeks: 1, averagePerWeek: 12 });
  });
  it("thresholds are configurable", () => {
    expect(ehrenamtskarteEligibility([{ day: "2026-11-20", hours: 100 }], "2026-11-21", { hoursPerYear: 100, hoursPerWeek: 5 }).eligible).toBe(true);
  });
  it("totals per year, newest first", () => {
    expect(totalsPerYear([{ day: "2025-12-31", hours: 2 }, { day: "2026-01-01", hours: 1.5 }, { day: "2026-03-01", hours: 0.25 }])).toEqual([
      { year: "2026", hours: 1.75 },
      { year: "2025", hours: 2 },
    ]);
  });
});

describe("current or upcoming assignments, certificate needed", () => {
  const x = { startDay: "2026-03-01", endDay: "2026-03-31", closedOn: null };
  it("an assignment counts until its last day, also before it starts", () => {
    expect(isCurrentOrUpcoming(x, "2026-01-01")).toBe(true);
    expect(isCurrentOrUpcoming(x, "2026-03-31")).toBe(true);
    expect(isCurrentOrUpcoming(x, "2026-04-01")).toBe(false);
    expect(isCurrentOrUpcoming({ ...x, endDay: null }, "2040-01-01")).toBe(true);
  });
  it("closing ends it after the closing day; closed before its start it never counts", () => {
    expect(isCurrentOrUpcoming({ ...x, endDay: null, closedOn: "2026-03-10" }, "2026-03-10")).toBe(true);
    expect(isCurrentOrUpcoming({ ...x, endDay: null, closedOn: "2026-03-10" }, "2026-03-11")).toBe(false);
    expect(isCurrentOrUpcoming({ ...x, closedOn: "2026-02-20" }, "2026-02-01")).toBe(false);
  });
  it("a certificate is needed while any assignment with minors runs or is to come", () => {
    expect(certificateNeededOn([], "2026-03-01")).toBe(false);
    expect(certificateNeededOn([x], "2026-04-01")).toBe(false);
    expect(certificateNeededOn([x, { startDay: "2026-06-01", endDay: null, closedOn: null }], "2026-04-01")).toBe(true);
  });
});

describe("certificate state for the office list", () => {
  it("not needed wins over any record; otherwise missing, valid, due soon, expired or refused", () => {
    expect(certificateState(false, { state: "valid", dueOn: "2031-01-10", reminderFrom: "2030-11-11" })).toBe("notNeeded");
    expect(certificateState(false, { state: "none" })).toBe("notNeeded");
    expect(certificateState(true, { state: "none" })).toBe("missing");
    expect(certificateState(true, { state: "valid", dueOn: "2031-01-10", reminderFrom: "2030-11-11" })).toBe("valid");
    expect(certificateState(true, { state: "dueSoon", dueOn: "2031-01-10" })).toBe("dueSoon");
    expect(certificateState(true, { state: "overdue", dueOn: "2031-01-10" })).toBe("expired");
    expect(certificateState(true, { state: "conviction", inspectedOn: "2026-02-01" })).toBe("expired");
  });
});

describe("Ehrenamtskarte from totals (what the database adds up)", () => {
  const cfg = { hoursPerYear: 250, hoursPerWeek: 5 };
  it("gives the same answer as the rule over single entries", () => {
    const entries = [
      { day: "2025-11-22", hours: 100 },
      { day: "2026-03-01", hours: 100.125 },
      { day: "2026-11-21", hours: 49.875 },
    ];
    expect(eligibilityFromTotals({ hours: 250, firstDay: "2025-11-22" }, "2026-11-21", cfg)).toEqual(ehrenamtskarteEligibility(entries, "2026-11-21", cfg));
    expect(eligibilityFromTotals({ hours: 0, firstDay: null }, "2026-11-21", cfg)).toEqual(ehrenamtskarteEligibility([], "2026-11-21", cfg));
  });
});

describe("evidence kept after an erasure request", () => {
  it("the configured years after the last day any assignment documents cover", () => {
    expect(evidenceKeptUntil([], 10)).toBeNull();
    expect(evidenceKeptUntil([{ startDay: "2026-01-01", endDay: "2026-06-30", closedOn: null }, { startDay: "2026-03-01", endDay: null, closedOn: "2026-09-15" }], 10)).toBe("2036-09-15");
    expect(evidenceKeptUntil([{ startDay: "2028-02-29", endDay: null, closedOn: "2028-02-29" }], 1)).toBe("2029-02-28");
  });
  it("an assignment closed before its start keeps the name from the closing day", () => {
    expect(evidenceKeptUntil([{ startDay: "2026-06-01", endDay: null, closedOn: "2026-05-01" }], 10)).toBe("2036-05-01");
  });
});
