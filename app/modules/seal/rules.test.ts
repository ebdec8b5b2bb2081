import { describe, expect, it } from "vitest";
import { awardState, decisionAllowed, isEditable, juryResult, median, nextStatus, renewalDay, renewalDue, selfCheck, validUntil, type ResultCriterion, type Review } from "./rules";

describe("the application's state machine", () => {
  it("runs draft → submitted → in review → awarded, with the loops back to the association", () => {
    expect(nextStatus("draft", "submit")).toBe("submitted");
    expect(nextStatus("submitted", "return")).toBe("returned");
    expect(nextStatus("returned", "submit")).toBe("submitted");
    expect(nextStatus("submitted", "accept")).toBe("in_review");
    expect(nextStatus("in_review", "send-back")).toBe("returned");
    expect(nextStatus("in_review", "award")).toBe("awarded");
    expect(nextStatus("in_review", "decline")).toBe("declined");
  });

  it("refuses every step out of order", () => {
    expect(nextStatus("draft", "accept")).toBeNull();
    expect(nextStatus("draft", "award")).toBeNull();
    expect(nextStatus("submitted", "submit")).toBeNull();
    expect(nextStatus("submitted", "award")).toBeNull();
    expect(nextStatus("in_review", "submit")).toBeNull();
    expect(nextStatus("awarded", "decline")).toBeNull();
    expect(nextStatus("declined", "submit")).toBeNull();
    expect(nextStatus("returned", "accept")).toBeNull();
  });

  it("lets the association edit only drafts and returned applications", () => {
    expect(["draft", "returned"].every((s) => isEditable(s as never))).toBe(true);
    expect(["submitted", "in_review", "awarded", "declined"].some((s) => isEditable(s as never))).toBe(false);
  });
});

describe("validity and renewal with a fixed clock", () => {
  it("is valid for three years by default, through the day before the anniversary", () => {
    expect(validUntil("2026-12-05")).toBe("2029-12-04");
    expect(validUntil("2026-12-05", 2)).toBe("2028-12-04");
    expect(validUntil("2028-02-29", 1)).toBe("2029-02-27");
    expect(validUntil("2026-01-01")).toBe("2028-12-31");
  });

  it("invites to renew two months before the end, once", () => {
    expect(renewalDay("2029-12-04")).toBe("2029-10-04");
    const award = { valid_until: "2029-12-04", revoked_at: null, renewal_reminded_at: null };
    expect(renewalDue(award, "2029-10-03")).toBe(false);
    expect(renewalDue(award, "2029-10-04")).toBe(true);
    expect(renewalDue(award, "2029-12-04")).toBe(true);
    expect(renewalDue(award, "2029-12-05")).toBe(false);
    expect(renewalDue({ ...award, renewal_reminded_at: "2029-10-04T05:00:00.000Z" }, "2029-10-05")).toBe(false);
    expect(renewalDue({ ...award, revoked_at: "2029-01-01T00:00:00.000Z" }, "2029-10-05")).toBe(false);
  });

  it("is valid through its last day, expired after it, revoked at once", () => {
    const award = { valid_until: "2029-12-04", revoked_at: null };
    expect(awardState(award, "2029-12-04")).toBe("valid");
    expect(awardState(award, "2029-12-05")).toBe("expired");
    expect(awardState({ ...award, revoked_at: "2027-03-01T10:00:00.000Z" }, "2027-03-01")).toBe("revoked");
  });
});

describe("the jury's result", () => {
  const criteria: ResultCriterion[] = [
    { id: 1, kind: "mandatory", weight: 2 },
    { id: 2, kind: "mandatory", weight: 2 },
    { id: 3, kind: "elective", weight: 1 },
    { id: 4, kind: "elective", weight: 1 },
    { id: 5, kind: "elective", weight: 1 },
  ];
  const review = (jurorId: string, scores: number[], recommendation: "award" | "decline" = "award"): Review => ({ jurorId, recommendation, scores: Object.fromEntries(scores.map((s, i) => [i + 1, s])) });

  it("takes the median (the mean of the middle two for an even count)", () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([4, 1, 3])).toBe(3);
    expect(median([1, 4, 2, 3])).toBe(2.5);
  });

  it("weights the medians into a percentage of the maximum", () => {
    const r = juryResult(criteria, [review("a", [4, 4, 0, 0, 0]), review("b", [4, 4, 0, 0, 0])], 0);
    // (2·4 + 2·4 + 0 + 0 + 0) / ((2+2+1+1+1)·4) = 16/28
    expect(r.weightedTotal).toBe(57.1);
    expect(r.perCriterion.map((c) => c.median)).toEqual([4, 4, 0, 0, 0]);
  });

  it("needs every mandatory criterion met and at least k of n electives", () => {
    const good = juryResult(criteria, [review("a", [2, 3, 2, 2, 0]), review("b", [3, 2, 2, 3, 1])], 2);
    expect(good).toMatchObject({ mandatoryMet: true, electivesMet: 2, criteriaMet: true });
    const fewElectives = juryResult(criteria, [review("a", [2, 3, 2, 1, 0]), review("b", [3, 2, 2, 1, 1])], 2);
    expect(fewElectives).toMatchObject({ mandatoryMet: true, electivesMet: 1, criteriaMet: false });
    // The median of one mandatory criterion is 1.5: below the pass level, whatever the electives.
    const mandatoryMissed = juryResult(criteria, [review("a", [1, 4, 4, 4, 4]), review("b", [2, 4, 4, 4, 4])], 0);
    expect(mandatoryMissed).toMatchObject({ mandatoryMet: false, criteriaMet: false });
  });

  it("needs a quorum of two reviews and a majority for an award", () => {
    const one = juryResult(criteria, [review("a", [4, 4, 4, 4, 4])], 0);
    expect(one.quorum).toBe(false);
    expect(decisionAllowed("award", one)).toBe("quorum");
    expect(decisionAllowed("decline", one)).toBe("quorum");
    expect(decisionAllowed("send-back", one)).toBe("ok");

    const split = juryResult(criteria, [review("a", [4, 4, 4, 4, 4], "award"), review("b", [4, 4, 4, 4, 4], "decline")], 0);
    expect(split).toMatchObject({ quorum: true, awardVotes: 1, majority: false });
    expect(decisionAllowed("award", split)).toBe("majority");
    expect(decisionAllowed("decline", split)).toBe("ok");

    const agreed = juryResult(criteria, [review("a", [3, 3, 3, 3, 3]), review("b", [3, 3, 3, 3, 3]), review("c", [1, 1, 1, 1, 1], "decline")], 3);
    expect(agreed).toMatchObject({ majority: true, criteriaMet: true });
    expect(decisionAllowed("award", agreed)).toBe("ok");

    const failing = juryResult(criteria, [review("a", [1, 1, 1, 1, 1]), review("b", [1, 1, 1, 1, 1])], 0);
    expect(decisionAllowed("award", failing)).toBe("criteria");
  });

  it("tells the self-check what is missing", () => {
    expect(selfCheck(criteria, new Set([1, 3, 4]), 2)).toEqual({ missingMandatory: [2], electives: 2, electiveMin: 2, enough: false });
    expect(selfCheck(criteria, new Set([1, 2, 3, 4]), 2).enough).toBe(true);
  });
});
