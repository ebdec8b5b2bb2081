/**
 * The ranking of sponsors for one request, with its reasons: a fixture where each criterion
 * decides exactly one position (every neighbour in the expected order differs by one criterion
 * only, and names run against the order, so the name never decides where points do), the tie
 * breaks (fewer open proposals and tandems first, then the German name key), the weights as
 * configuration, and the times mask.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, rankSponsors, reasonsFor, type RankCandidate, type RankRequest } from "./ranking";
import { maskToTimes, sharedTimes, timesToMask } from "./times";
import { parseMatchWeights } from "./weights";

const request: RankRequest = {
  languages: ["ar", "de"],
  districtId: 4,
  neighbours: [1, 3],
  timesMask: timesToMask(["3-afternoon", "5-evening"]),
  genderWish: "female",
  help: ["school", "german"],
  requestedOn: "2026-11-05",
  today: "2026-12-05",
};

/** The best fit: every criterion met. Each next candidate loses exactly one thing. */
const full: Omit<RankCandidate, "userId" | "name" | "nameKey"> = {
  languages: [
    { code: "ar", level: "native" },
    { code: "de", level: "B1" },
  ],
  districtId: 4,
  timesMask: timesToMask(["3-afternoon", "5-evening", "1-morning"]),
  gender: "female",
  help: ["school", "german", "housing"],
  load: 0,
  capacity: 1,
};
const c = (name: string, o: Partial<RankCandidate> = {}): RankCandidate => ({ ...full, userId: `u-${name}`, name, nameKey: name.toLowerCase(), ...o });

const zora = c("Zora");
const yara = c("Yara", { languages: [{ code: "ar", level: "B2" }] }); // level
const xenia = c("Xenia", { ...yara, userId: "u-Xenia", name: "Xenia", nameKey: "xenia", districtId: 3 }); // neighbouring district instead of the same
const wilma = c("Wilma", { ...xenia, userId: "u-Wilma", name: "Wilma", nameKey: "wilma", timesMask: timesToMask(["1-morning"]) }); // no shared time
const viktor = c("Viktor", { ...wilma, userId: "u-Viktor", name: "Viktor", nameKey: "viktor", gender: "male" }); // gender wish not met
const uwe = c("Uwe", { ...viktor, userId: "u-Uwe", name: "Uwe", nameKey: "uwe", help: ["housing"] }); // no help asked for
const tina = c("Tina", { ...uwe, userId: "u-Tina", name: "Tina", nameKey: "tina", languages: [{ code: "pl", level: "native" }] }); // no shared language
const quentin = c("Quentin", { ...tina, userId: "u-Quentin", name: "Quentin", nameKey: "quentin", districtId: 2 }); // not even a neighbouring district
const paula = c("Paula", { ...quentin, userId: "u-Paula", name: "Paula", nameKey: "paula", load: 1, capacity: 2 }); // same points, more load
const bert = c("Bert", { ...paula, userId: "u-Bert", name: "Bert", nameKey: "bert" });
const anton = c("Anton", { ...paula, userId: "u-Anton", name: "Anton", nameKey: "anton" });

describe("ranking sponsors for a request", () => {
  it("puts each candidate where exactly one criterion decides, whatever order they come in", () => {
    const shuffled = [paula, tina, anton, zora, quentin, viktor, bert, xenia, uwe, wilma, yara];
    const ranked = rankSponsors(request, shuffled, DEFAULT_WEIGHTS, 20);
    expect(ranked.map((r) => r.candidate.name)).toEqual(["Zora", "Yara", "Xenia", "Wilma", "Viktor", "Uwe", "Tina", "Quentin", "Anton", "Bert", "Paula"]);
    // language 30 + native 10, district 20, 2 shared times 10, gender 15, all help 20, 30 of 90 days waiting 3
    expect(ranked.map((r) => r.score)).toEqual([108, 103, 93, 83, 68, 48, 13, 3, 3, 3, 3]);
  });

  it("says why, one chip per criterion that gave points", () => {
    expect(reasonsFor(request, zora, DEFAULT_WEIGHTS)).toEqual([
      { kind: "language", code: "ar", level: "native", points: 40 },
      { kind: "district", neighbour: false, points: 20 },
      { kind: "times", shared: 2, points: 10 },
      { kind: "gender", gender: "female", points: 15 },
      { kind: "help", kinds: ["school", "german"], points: 20 },
      { kind: "waiting", days: 30, points: 3 },
    ]);
    expect(reasonsFor(request, xenia, DEFAULT_WEIGHTS).find((r) => r.kind === "district")).toEqual({ kind: "district", neighbour: true, points: 10 });
    // Half the help asked for is half the points; the waiting time is the request's, the same for everyone.
    expect(reasonsFor(request, c("Half", { help: ["school"] }), DEFAULT_WEIGHTS).find((r) => r.kind === "help")).toEqual({ kind: "help", kinds: ["school"], points: 10 });
    expect(reasonsFor(request, quentin, DEFAULT_WEIGHTS)).toEqual([{ kind: "waiting", days: 30, points: 3 }]);
  });

  it("takes the sponsor's best level among the shared languages", () => {
    const both = c("Both", { languages: [{ code: "de", level: "native" }, { code: "ar", level: "A2" }] });
    expect(reasonsFor(request, both, DEFAULT_WEIGHTS)[0]).toEqual({ kind: "language", code: "de", level: "native", points: 40 });
  });

  it("gives nothing for what the request leaves open", () => {
    const open: RankRequest = { ...request, languages: [], districtId: null, neighbours: [], timesMask: 0, genderWish: null, help: [], requestedOn: request.today };
    expect(reasonsFor(open, zora, DEFAULT_WEIGHTS)).toEqual([]);
  });

  it("returns at most the limit", () => {
    const many = Array.from({ length: 25 }, (_, i) => c(`P${String(i).padStart(2, "0")}`));
    expect(rankSponsors(request, many, DEFAULT_WEIGHTS, 10)).toHaveLength(10);
    expect(rankSponsors(request, many, DEFAULT_WEIGHTS, 10).map((r) => r.candidate.name)[0]).toBe("P00");
  });

  it("follows the configured weights, not code", () => {
    const districtFirst = { ...DEFAULT_WEIGHTS, language: 0, level: 0, district: 100 };
    const farButSameLanguage = c("Far", { districtId: 2 });
    const nearButNoLanguage = c("Near", { languages: [] });
    expect(rankSponsors(request, [farButSameLanguage, nearButNoLanguage], DEFAULT_WEIGHTS).map((r) => r.candidate.name)).toEqual(["Far", "Near"]);
    expect(rankSponsors(request, [farButSameLanguage, nearButNoLanguage], districtFirst).map((r) => r.candidate.name)).toEqual(["Near", "Far"]);
  });
});

describe("SPONSORSHIP_MATCH_WEIGHTS", () => {
  it("overrides the named weights and keeps the rest", () => {
    expect(parseMatchWeights(undefined)).toEqual(DEFAULT_WEIGHTS);
    expect(parseMatchWeights("language=40, district=5")).toEqual({ ...DEFAULT_WEIGHTS, language: 40, district: 5 });
  });
  it("refuses unknown names and values that are not whole numbers from 0 to 1000", () => {
    for (const bad of ["langauge=40", "language=-1", "language=4.5", "language=1001", "language", "waitingFullDays=0", "language=40;district=5"]) expect(parseMatchWeights(bad), bad).toBeNull();
  });
});

describe("times mask", () => {
  it("maps the form's times to bits and back, in week order", () => {
    const mask = timesToMask(["5-evening", "1-morning", "7-evening"]);
    expect(mask).toBe((1 << 0) | (1 << 14) | (1 << 20));
    expect(maskToTimes(mask)).toEqual(["1-morning", "5-evening", "7-evening"]);
    expect(timesToMask(["8-morning", "1-night", "x"])).toBe(0);
  });
  it("counts the shared times", () => {
    expect(sharedTimes(timesToMask(["1-morning", "2-evening", "3-afternoon"]), timesToMask(["2-evening", "3-afternoon", "4-morning"]))).toBe(2);
    expect(sharedTimes(0, timesToMask(["1-morning"]))).toBe(0);
  });
});
