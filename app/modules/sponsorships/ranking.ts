import type { Gender, LanguageLevel, SponsorshipHelp } from "@db/schema";
import { daysBetween } from "~/utils/dates";
import { sharedTimes } from "./times";

/**
 * Ranked proposals for one request (pure: no database, no clock). The office decides; the ranking
 * only orders the sponsors who passed the hard filters (capacity left, active with intake and
 * confidentiality declaration, not declined for this request, § 72a certificate when minors are
 * involved: `candidates.server.ts`) and says why, one reason chip per criterion that gave points.
 * The weights are configuration (`config.server.ts`, `SPONSORSHIP_MATCH_WEIGHTS`).
 */
export type MatchWeights = {
  /** A language both speak. */
  language: number;
  /** On top of `language`: the sponsor's level in it (native or C2 full, C1 ¾, B2 ½, B1 ¼, A1/A2 none). */
  level: number;
  /** Same district. */
  district: number;
  /** A neighbouring district (instead of `district`). */
  neighbour: number;
  /** Times both named (full from 3 shared times on). */
  times: number;
  /** The household wished for a woman or a man, and the sponsor is one. */
  gender: number;
  /** The help asked for that the sponsor offers (in proportion). */
  help: number;
  /** How long the request has waited (full after `waitingFullDays`); the same for every sponsor of one request. */
  waiting: number;
  waitingFullDays: number;
};

export const DEFAULT_WEIGHTS: MatchWeights = { language: 30, level: 10, district: 20, neighbour: 10, times: 15, gender: 15, help: 20, waiting: 10, waitingFullDays: 90 };

export type RankRequest = {
  languages: readonly string[];
  districtId: number | null;
  /** The districts next to the request's district (`district_neighbour`). */
  neighbours: readonly number[];
  timesMask: number;
  genderWish: "female" | "male" | null;
  help: readonly SponsorshipHelp[];
  /** The calendar day the request came in, and today (Berlin days). */
  requestedOn: string;
  today: string;
};

export type RankCandidate = {
  userId: string;
  name: string;
  /** `germanSortKey(name)`: ties are broken by it, so both engines give the same order. */
  nameKey: string;
  languages: ReadonlyArray<{ code: string; level: LanguageLevel }>;
  districtId: number | null;
  timesMask: number;
  gender: Gender | null;
  help: readonly SponsorshipHelp[];
  /** Open proposals and running tandems now; `capacity` how many at once. */
  load: number;
  capacity: number;
};

export type Reason =
  | { kind: "language"; code: string; level: LanguageLevel; points: number }
  | { kind: "district"; neighbour: boolean; points: number }
  | { kind: "times"; shared: number; points: number }
  | { kind: "gender"; gender: "female" | "male"; points: number }
  | { kind: "help"; kinds: SponsorshipHelp[]; points: number }
  | { kind: "waiting"; days: number; points: number };

export type Ranked = { candidate: RankCandidate; score: number; reasons: Reason[] };

const LEVEL_FACTOR: Record<LanguageLevel, number> = { native: 1, C2: 1, C1: 0.75, B2: 0.5, B1: 0.25, A2: 0, A1: 0 };
const LEVEL_ORDER: Record<LanguageLevel, number> = { native: 7, C2: 6, C1: 5, B2: 4, B1: 3, A2: 2, A1: 1 };

/** The reasons (with points) one sponsor gets for one request. */
export function reasonsFor(req: RankRequest, c: RankCandidate, w: MatchWeights): Reason[] {
  const reasons: Reason[] = [];
  const wanted = new Set(req.languages);
  const shared = c.languages.filter((l) => wanted.has(l.code)).sort((a, b) => LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level] || a.code.localeCompare(b.code));
  if (shared.length) {
    const best = shared[0];
    reasons.push({ kind: "language", code: best.code, level: best.level, points: w.language + Math.round(w.level * LEVEL_FACTOR[best.level]) });
  }
  if (req.districtId !== null && c.districtId !== null) {
    if (c.districtId === req.districtId) reasons.push({ kind: "district", neighbour: false, points: w.district });
    else if (req.neighbours.includes(c.districtId)) reasons.push({ kind: "district", neighbour: true, points: w.neighbour });
  }
  const times = sharedTimes(req.timesMask, c.timesMask);
  if (times > 0) reasons.push({ kind: "times", shared: times, points: Math.round((w.times * Math.min(times, 3)) / 3) });
  if (req.genderWish && c.gender === req.genderWish) reasons.push({ kind: "gender", gender: req.genderWish, points: w.gender });
  if (req.help.length) {
    const offered = new Set(c.help);
    const kinds = req.help.filter((h) => offered.has(h));
    if (kinds.length) reasons.push({ kind: "help", kinds, points: Math.round((w.help * kinds.length) / req.help.length) });
  }
  const days = Math.max(0, daysBetween(req.requestedOn, req.today));
  const waitingPoints = w.waitingFullDays > 0 ? Math.round((w.waiting * Math.min(days, w.waitingFullDays)) / w.waitingFullDays) : 0;
  if (waitingPoints > 0) reasons.push({ kind: "waiting", days, points: waitingPoints });
  return reasons.filter((r) => r.points > 0);
}

/**
 * The sponsors in order: most points first; on a tie fewer open proposals and tandems first (the
 * work is shared), then by name (German order key), then by id. At most `limit`.
 */
export function rankSponsors(req: RankRequest, candidates: readonly RankCandidate[], w: MatchWeights, limit = 10): Ranked[] {
  return candidates
    .map((candidate) => {
      const reasons = reasonsFor(req, candidate, w);
      return { candidate, reasons, score: reasons.reduce((s, r) => s + r.points, 0) };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.candidate.load - b.candidate.load ||
        (a.candidate.nameKey < b.candidate.nameKey ? -1 : a.candidate.nameKey > b.candidate.nameKey ? 1 : 0) ||
        (a.candidate.userId < b.candidate.userId ? -1 : a.candidate.userId > b.candidate.userId ? 1 : 0),
    )
    .slice(0, Math.max(0, limit));
}
