import { DEFAULT_WEIGHTS, type MatchWeights } from "./ranking";

/**
 * `SPONSORSHIP_MATCH_WEIGHTS`: the ranking's points as `name=points` pairs, comma-separated, e.g.
 * `language=40,district=10`; names left out keep their default (`DEFAULT_WEIGHTS`). Null when the
 * text names an unknown criterion or a value is not a whole number from 0 to 1000 (the server
 * then refuses to start, `app/utils/env.server.ts`).
 */
export function parseMatchWeights(text: string | undefined): MatchWeights | null {
  const out: MatchWeights = { ...DEFAULT_WEIGHTS };
  if (!text || !text.trim()) return out;
  for (const part of text.split(",")) {
    const m = /^\s*([a-zA-Z]+)\s*=\s*(\d{1,4})\s*$/.exec(part);
    if (!m || !(m[1] in DEFAULT_WEIGHTS)) return null;
    const value = Number(m[2]);
    if (value > 1000 || (m[1] === "waitingFullDays" && value < 1)) return null;
    out[m[1] as keyof MatchWeights] = value;
  }
  return out;
}
