/**
 * Ranking of donation offers against needs: pure, no database, no clock (the caller passes
 * `today`). The office decides; nothing here matches anything automatically.
 *
 * Rules, in order of weight:
 * 1. the category must fit: the offer's category is the need's or one below it (a wardrobe
 *    fits a need for "furniture"; a need for "wardrobe" is not met by a table);
 * 2. the size must not contradict: equal sizes fit, a missing size on either side is allowed
 *    but scores lower; clothing seasons "summer" and "winter" exclude each other;
 * 3. the pickup district: same district first, then neighbouring districts, then the rest;
 * 4. urgency and the age of the need (capped), and offers that expire soon;
 * 5. ties are broken deterministically (offers: earlier end of availability, then lower id;
 *    needs: older need, then lower id).
 */

export type CategoryTree = ReadonlyMap<number, number | null>; // id -> parent id
export type Neighbours = ReadonlyMap<number, ReadonlySet<number>>;

export type MatchNeed = {
  id: number;
  categoryId: number;
  size: string | null;
  season: "summer" | "winter" | "all" | null;
  urgency: "normal" | "urgent";
  districtId: number | null;
  createdAt: string; // UTC ISO timestamp
};

export type MatchOffer = {
  id: number;
  categoryId: number;
  size: string | null;
  season: "summer" | "winter" | "all" | null;
  available: number; // units not yet reserved
  districtId: number | null;
  availableUntil: string; // YYYY-MM-DD
};

export type MatchContext = {
  tree: CategoryTree;
  neighbours: Neighbours;
  today: string; // YYYY-MM-DD (Europe/Berlin)
};

export type Reason =
  | "sameDistrict"
  | "neighbourDistrict"
  | "otherDistrict"
  | "sameCategory"
  | "subcategory"
  | "sizeFits"
  | "sizeOpen"
  | "urgent"
  | "waitingLong"
  | "expiresSoon";

export type Scored = { score: number; reasons: Reason[] };

export const WEIGHTS = {
  sameCategory: 10,
  subcategory: 5,
  sizeFits: 20,
  sameDistrict: 30,
  neighbourDistrict: 15,
  urgent: 25,
  waitingPerWeek: 2,
  waitingMax: 12,
  expiresSoon: 8,
} as const;

export const EXPIRES_SOON_DAYS = 7;
export const WAITING_LONG_DAYS = 14;
const DAY_MS = 86_400_000;

/** Sizes compare case- and space-insensitively ("38 ", "38"; "m", "M"). */
export function normaliseSize(size: string | null | undefined): string | null {
  const s = size?.trim().toUpperCase().replace(/\s+/g, "");
  return s ? s : null;
}

/** Does an offer of category `offerCat` fit a need of category `needCat`? Exact, below it, or not. */
export function categoryFit(tree: CategoryTree, needCat: number, offerCat: number): "same" | "sub" | null {
  if (needCat === offerCat) return "same";
  let cur = tree.get(offerCat) ?? null;
  for (let guard = 0; cur != null && guard < 32; guard++) {
    if (cur === needCat) return "sub";
    cur = tree.get(cur) ?? null;
  }
  return null;
}

/** Every category at or below `root` (for indexing offers). */
export function descendantsOf(tree: CategoryTree, root: number): number[] {
  const out = [root];
  for (const id of tree.keys()) if (id !== root && categoryFit(tree, root, id) === "sub") out.push(id);
  return out;
}

export function sizeFit(needSize: string | null, offerSize: string | null): "fits" | "open" | null {
  const a = normaliseSize(needSize);
  const b = normaliseSize(offerSize);
  if (a && b) return a === b ? "fits" : null;
  return "open";
}

function seasonsClash(a: MatchNeed["season"], b: MatchOffer["season"]) {
  return (a === "summer" && b === "winter") || (a === "winter" && b === "summer");
}

export function districtFit(neighbours: Neighbours, needDistrict: number | null, offerDistrict: number | null): "same" | "neighbour" | "other" {
  if (needDistrict == null || offerDistrict == null) return "other";
  if (needDistrict === offerDistrict) return "same";
  return neighbours.get(needDistrict)?.has(offerDistrict) ? "neighbour" : "other";
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days the need has waited on `today` (whole days, never negative). */
export function waitingDays(createdAt: string, today: string): number {
  const d = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(createdAt)) / DAY_MS);
  return Number.isFinite(d) && d > 0 ? d : 0;
}

type Prepared = { soon: string; waited: number };

function scoreWith(ctx: MatchContext, need: MatchNeed, offer: MatchOffer, p: Prepared): Scored | null {
  if (offer.available < 1 || offer.availableUntil < ctx.today) return null;
  const cat = categoryFit(ctx.tree, need.categoryId, offer.categoryId);
  if (!cat) return null;
  const size = sizeFit(need.size, offer.size);
  if (!size || seasonsClash(need.season, offer.season)) return null;
  const reasons: Reason[] = [];
  let score = 0;
  const district = districtFit(ctx.neighbours, need.districtId, offer.districtId);
  if (district === "same") {
    score += WEIGHTS.sameDistrict;
    reasons.push("sameDistrict");
  } else if (district === "neighbour") {
    score += WEIGHTS.neighbourDistrict;
    reasons.push("neighbourDistrict");
  } else reasons.push("otherDistrict");
  if (cat === "same") {
    score += WEIGHTS.sameCategory;
  } else {
    score += WEIGHTS.subcategory;
    reasons.push("subcategory");
  }
  if (size === "fits") {
    score += WEIGHTS.sizeFits;
    reasons.push("sizeFits");
  } else if (normaliseSize(need.size)) reasons.push("sizeOpen");
  if (need.urgency === "urgent") {
    score += WEIGHTS.urgent;
    reasons.push("urgent");
  }
  score += Math.min(WEIGHTS.waitingMax, Math.floor(p.waited / 7) * WEIGHTS.waitingPerWeek);
  if (p.waited >= WAITING_LONG_DAYS) reasons.push("waitingLong");
  if (offer.availableUntil <= p.soon) {
    score += WEIGHTS.expiresSoon;
    reasons.push("expiresSoon");
  }
  return { score, reasons };
}

/** The score of one pair, or null when the offer cannot serve the need at all. */
export function scorePair(ctx: MatchContext, need: MatchNeed, offer: MatchOffer): Scored | null {
  return scoreWith(ctx, need, offer, { soon: addDays(ctx.today, EXPIRES_SOON_DAYS), waited: waitingDays(need.createdAt, ctx.today) });
}

export type RankedOffer = Scored & { offer: MatchOffer };
export type RankedNeed = Scored & { need: MatchNeed };

/** Offers grouped by category and normalised size, so a need only looks at what could fit. */
export type OfferIndex = { byCategory: Map<number, { all: MatchOffer[]; bySize: Map<string, MatchOffer[]>; unsized: MatchOffer[] }> };

export function indexOffers(offers: readonly MatchOffer[]): OfferIndex {
  const byCategory: OfferIndex["byCategory"] = new Map();
  for (const o of offers) {
    let bucket = byCategory.get(o.categoryId);
    if (!bucket) byCategory.set(o.categoryId, (bucket = { all: [], bySize: new Map(), unsized: [] }));
    bucket.all.push(o);
    const s = normaliseSize(o.size);
    if (!s) bucket.unsized.push(o);
    else {
      const list = bucket.bySize.get(s);
      if (list) list.push(o);
      else bucket.bySize.set(s, [o]);
    }
  }
  return { byCategory };
}

function compareOffers(a: RankedOffer, b: RankedOffer) {
  return b.score - a.score || (a.offer.availableUntil < b.offer.availableUntil ? -1 : a.offer.availableUntil > b.offer.availableUntil ? 1 : 0) || a.offer.id - b.offer.id;
}

function compareNeeds(a: RankedNeed, b: RankedNeed) {
  return b.score - a.score || (a.need.createdAt < b.need.createdAt ? -1 : a.need.createdAt > b.need.createdAt ? 1 : 0) || a.need.id - b.need.id;
}

/** Candidate offers for one need, best first. `offers` may be a plain list or an index. */
export function rankOffersForNeed(ctx: MatchContext, need: MatchNeed, offers: readonly MatchOffer[] | OfferIndex, limit = 20): RankedOffer[] {
  const p = { soon: addDays(ctx.today, EXPIRES_SOON_DAYS), waited: waitingDays(need.createdAt, ctx.today) };
  const out: RankedOffer[] = [];
  const consider = (list: readonly MatchOffer[]) => {
    for (const offer of list) {
      const s = scoreWith(ctx, need, offer, p);
      if (s) out.push({ ...s, offer });
    }
  };
  if (Array.isArray(offers)) consider(offers);
  else {
    const index = offers as OfferIndex;
    const size = normaliseSize(need.size);
    for (const cat of descendantsOf(ctx.tree, need.categoryId)) {
      const bucket = index.byCategory.get(cat);
      if (!bucket) continue;
      if (!size) consider(bucket.all);
      else {
        consider(bucket.bySize.get(size) ?? []);
        consider(bucket.unsized);
      }
    }
  }
  return out.sort(compareOffers).slice(0, limit);
}

/** Needs an offer could serve, best first. */
export function rankNeedsForOffer(ctx: MatchContext, offer: MatchOffer, needs: readonly MatchNeed[], limit = 20): RankedNeed[] {
  const soon = addDays(ctx.today, EXPIRES_SOON_DAYS);
  const out: RankedNeed[] = [];
  for (const need of needs) {
    const s = scoreWith(ctx, need, offer, { soon, waited: waitingDays(need.createdAt, ctx.today) });
    if (s) out.push({ ...s, need });
  }
  return out.sort(compareNeeds).slice(0, limit);
}
