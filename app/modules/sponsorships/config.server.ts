import { env } from "~/utils/env.server";
import { DEFAULT_WEIGHTS, type MatchWeights } from "./ranking";
import { parseMatchWeights } from "./weights";

/** The ranking's weights as configured (`SPONSORSHIP_MATCH_WEIGHTS`, checked at start), else the defaults. */
export function matchWeights(): MatchWeights {
  return parseMatchWeights(env().SPONSORSHIP_MATCH_WEIGHTS) ?? DEFAULT_WEIGHTS;
}

/** Ranked proposals shown for one request: the first `TOP` stand out, at most `MAX` in all. */
export const PROPOSALS_TOP = 3;
export const PROPOSALS_MAX = 10;
