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
import { addDaysToDay } from "~/utils/dates";

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
const descendantCache = new WeakMap<CategoryTree, Map<number, number[]>>();

export function descendantsOf(tree: CategoryTree, root: number): number[] {
  let cache = descendantCache.get(tree);
  if (!cache) descendantCache.set(tree, (cache = new Map()));
  const hit = cache.get(root);
  if (hit) return hit;
  const out = [root];
  for (const id of tree.keys()) if (id !== root && categoryFit(tree, root, id) === "sub") out.push(id);
  cache.set(root, out);
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

/** Can an offer serve a need at all (category, size and season; units and dates aside)? */
export function canServe(
  tree: CategoryTree,
  need: { categoryId: number; size: string | null; season: MatchNeed["season"] },
  offer: { categoryId: number; size: string | null; season: MatchOffer["season"] },
): boolean {
  return categoryFit(tree, need.categoryId, offer.categoryId) !== null && sizeFit(need.size, offer.size) !== null && !seasonsClash(need.season, offer.season);
}

export function districtFit(neighbours: Neighbours, needDistrict: number | null, offerDistrict: number | null): "same" | "neighbour" | "other" {
  if (needDistrict == null || offerDistrict == null) return "other";
  if (needDistrict === offerDistrict) return "same";
  return neighbours.get(needDistrict)?.has(offerDistrict) ? "neighbour" : "other";
}

/** Days the need has waited on `today` (whole days, never negative). */
export function waitingDays(createdAt: string, today: string): number {
  const d = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(createdAt)) / DAY_MS);
  return Number.isFinite(d) && d > 0 ? d : 0;
}

type Prepared = { soon: string; waited: number; size: string | null };

const sizeCache = new Map<string, string | null>();
/** normaliseSize, memoised: the same few size strings are compared millions of times. */
function norm(size: string | null): string | null {
  if (size == null) return null;
  let v = sizeCache.get(size);
  if (v === undefined) {
    v = normaliseSize(size);
    if (sizeCache.size < 10_000) sizeCache.set(size, v);
  }
  return v;
}

function prepare(ctx: MatchContext, need: MatchNeed, soon = addDaysToDay(ctx.today, EXPIRES_SOON_DAYS)): Prepared {
  return { soon, waited: waitingDays(need.createdAt, ctx.today), size: norm(need.size) };
}

/** The score alone (-1: the offer cannot serve the need); reasons are built only for the shown results. */
function scoreValue(ctx: MatchContext, need: MatchNeed, offer: MatchOffer, p: Prepared): number {
  if (offer.available < 1 || offer.availableUntil < ctx.today) return -1;
  const cat = categoryFit(ctx.tree, need.categoryId, offer.categoryId);
  if (!cat) return -1;
  const offerSize = norm(offer.size);
  if (p.size && offerSize && p.size !== offerSize) return -1;
  if (seasonsClash(need.season, offer.season)) return -1;
  let score = cat === "same" ? WEIGHTS.sameCategory : WEIGHTS.subcategory;
  const district = districtFit(ctx.neighbours, need.districtId, offer.districtId);
  if (district === "same") score += WEIGHTS.sameDistrict;
  else if (district === "neighbour") score += WEIGHTS.neighbourDistrict;
  if (p.size && offerSize) score += WEIGHTS.sizeFits;
  if (need.urgency === "urgent") score += WEIGHTS.urgent;
  score += Math.min(WEIGHTS.waitingMax, Math.floor(p.waited / 7) * WEIGHTS.waitingPerWeek);
  if (offer.availableUntil <= p.soon) score += WEIGHTS.expiresSoon;
  return score;
}

function reasonsOf(ctx: MatchContext, need: MatchNeed, offer: MatchOffer, p: Prepared): Reason[] {
  const reasons: Reason[] = [];
  const district = districtFit(ctx.neighbours, need.districtId, offer.districtId);
  reasons.push(district === "same" ? "sameDistrict" : district === "neighbour" ? "neighbourDistrict" : "otherDistrict");
  if (categoryFit(ctx.tree, need.categoryId, offer.categoryId) === "sub") reasons.push("subcategory");
  if (p.size && norm(offer.size)) reasons.push("sizeFits");
  else if (p.size) reasons.push("sizeOpen");
  if (need.urgency === "urgent") reasons.push("urgent");
  if (p.waited >= WAITING_LONG_DAYS) reasons.push("waitingLong");
  if (offer.availableUntil <= p.soon) reasons.push("expiresSoon");
  return reasons;
}

function scoreWith(ctx: MatchContext, need: MatchNeed, offer: MatchOffer, p: Prepared): Scored | null {
  const score = scoreValue(ctx, need, offer, p);
  return score < 0 ? null : { score, reasons: reasonsOf(ctx, need, offer, p) };
}

/** The score of one pair, or null when the offer cannot serve the need at all. */
export function scorePair(ctx: MatchContext, need: MatchNeed, offer: MatchOffer): Scored | null {
  return scoreWith(ctx, need, offer, prepare(ctx, need));
}

/** Keeps the best `limit` entries in order while scanning (no sort of all candidates). */
class TopK<T> {
  items: Array<{ score: number; item: T }> = [];
  constructor(
    private limit: number,
    private before: (a: { score: number; item: T }, b: { score: number; item: T }) => boolean,
  ) {}
  full() {
    return this.items.length >= this.limit;
  }
  worst() {
    return this.items[this.items.length - 1].score;
  }
  offer(score: number, item: T) {
    const entry = { score, item };
    const n = this.items.length;
    if (n >= this.limit && !this.before(entry, this.items[n - 1])) return;
    let i = n;
    while (i > 0 && this.before(entry, this.items[i - 1])) i--;
    this.items.splice(i, 0, entry);
    if (this.items.length > this.limit) this.items.pop();
  }
}

export type RankedOffer = Scored & { offer: MatchOffer };
export type RankedNeed = Scored & { need: MatchNeed };

/**
 * Offers grouped by category, pickup district and normalised size, so a need looks only at
 * what could fit, nearest district first (and skips far groups that cannot reach the top).
 */
type Bucket = { all: MatchOffer[]; bySize: Map<string, MatchOffer[]>; unsized: MatchOffer[] };
export type OfferIndex = { byCategory: Map<number, Map<number, Bucket>> };
const NO_DISTRICT = -1;

export function indexOffers(offers: readonly MatchOffer[]): OfferIndex {
  const byCategory: OfferIndex["byCategory"] = new Map();
  for (const o of offers) {
    let districts = byCategory.get(o.categoryId);
    if (!districts) byCategory.set(o.categoryId, (districts = new Map()));
    const d = o.districtId ?? NO_DISTRICT;
    let bucket = districts.get(d);
    if (!bucket) districts.set(d, (bucket = { all: [], bySize: new Map(), unsized: [] }));
    bucket.all.push(o);
    const s = norm(o.size);
    if (!s) bucket.unsized.push(o);
    else {
      const list = bucket.bySize.get(s);
      if (list) list.push(o);
      else bucket.bySize.set(s, [o]);
    }
  }
  return { byCategory };
}

/** Offers: higher score, then the earlier end of availability, then the lower id. */
function offerBefore(a: { score: number; item: MatchOffer }, b: { score: number; item: MatchOffer }) {
  if (a.score !== b.score) return a.score > b.score;
  if (a.item.availableUntil !== b.item.availableUntil) return a.item.availableUntil < b.item.availableUntil;
  return a.item.id < b.item.id;
}

/** Needs: higher score, then the older need, then the lower id. */
function needBefore(a: { score: number; item: MatchNeed }, b: { score: number; item: MatchNeed }) {
  if (a.score !== b.score) return a.score > b.score;
  if (a.item.createdAt !== b.item.createdAt) return a.item.createdAt < b.item.createdAt;
  return a.item.id < b.item.id;
}

/** Candidate offers for one need, best first. `offers` may be a plain list or an index. */
export function rankOffersForNeed(ctx: MatchContext, need: MatchNeed, offers: readonly MatchOffer[] | OfferIndex, limit = 20): RankedOffer[] {
  const p = prepare(ctx, need);
  const top = new TopK<MatchOffer>(limit, offerBefore);
  const consider = (list: readonly MatchOffer[]) => {
    for (const offer of list) {
      const score = scoreValue(ctx, need, offer, p);
      if (score >= 0) top.offer(score, offer);
    }
  };
  if (Array.isArray(offers)) consider(offers);
  else {
    const index = offers as OfferIndex;
    // The best score an offer of a district class could still reach; a group whose bound is
    // below the current 20th best cannot enter the list (ties can, so strictly below).
    const rest = WEIGHTS.sameCategory + (p.size ? WEIGHTS.sizeFits : 0) + (need.urgency === "urgent" ? WEIGHTS.urgent : 0) + Math.min(WEIGHTS.waitingMax, Math.floor(p.waited / 7) * WEIGHTS.waitingPerWeek) + WEIGHTS.expiresSoon;
    const near = need.districtId == null ? undefined : ctx.neighbours.get(need.districtId);
    const classOf = (d: number) => (need.districtId != null && d === need.districtId ? 0 : near?.has(d) ? 1 : 2);
    const bonus = [WEIGHTS.sameDistrict, WEIGHTS.neighbourDistrict, 0];
    const cats = descendantsOf(ctx.tree, need.categoryId);
    for (const cls of [0, 1, 2]) {
      const bound = rest + bonus[cls];
      if (top.full() && top.worst() > bound) continue;
      for (const cat of cats) {
        const districts = index.byCategory.get(cat);
        if (!districts) continue;
        for (const [d, bucket] of districts) {
          if (classOf(d) !== cls) continue;
          if (!p.size) consider(bucket.all);
          else {
            consider(bucket.bySize.get(p.size) ?? []);
            consider(bucket.unsized);
          }
        }
      }
    }
  }
  return top.items.map(({ score, item }) => ({ score, reasons: reasonsOf(ctx, need, item, p), offer: item }));
}

/** Needs an offer could serve, best first. */
export function rankNeedsForOffer(ctx: MatchContext, offer: MatchOffer, needs: readonly MatchNeed[], limit = 20): RankedNeed[] {
  const soon = addDaysToDay(ctx.today, EXPIRES_SOON_DAYS);
  const top = new TopK<{ need: MatchNeed; p: Prepared }>(limit, (a, b) => needBefore({ score: a.score, item: a.item.need }, { score: b.score, item: b.item.need }));
  for (const need of needs) {
    const p = prepare(ctx, need, soon);
    const score = scoreValue(ctx, need, offer, p);
    if (score >= 0) top.offer(score, { need, p });
  }
  return top.items.map(({ score, item }) => ({ score, reasons: reasonsOf(ctx, item.need, offer, item.p), need: item.need }));
}
