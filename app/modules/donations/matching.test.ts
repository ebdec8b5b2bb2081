import { describe, expect, it } from "vitest";
import { canServe, categoryFit, descendantsOf, districtFit, indexOffers, normaliseSize, rankNeedsForOffer, rankOffersForNeed, scorePair, sizeFit, waitingDays, type MatchContext, type MatchNeed, type MatchOffer } from "./matching";
import { addDaysToDay } from "~/utils/dates";

// Tree: 1 furniture > 2 wardrobe, 3 table; 4 clothing > 5 children > 6 (deeper, to test depth); 7 shoes
const tree = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 1],
  [4, null],
  [5, 4],
  [6, 5],
  [7, null],
]);
// Districts: 1 Alt-Willich neighbours 2 and 3; 4 is far from 2
const neighbours = new Map<number, Set<number>>([
  [1, new Set([2, 3])],
  [2, new Set([1])],
  [3, new Set([1])],
  [4, new Set()],
]);
const ctx: MatchContext = { tree, neighbours, today: "2026-11-21" };

const need = (o: Partial<MatchNeed> = {}): MatchNeed => ({ id: 1, categoryId: 2, size: null, season: null, urgency: "normal", districtId: 1, createdAt: "2026-11-20T10:00:00.000Z", ...o });
const offer = (o: Partial<MatchOffer> = {}): MatchOffer => ({ id: 1, categoryId: 2, size: null, season: null, available: 1, districtId: 1, availableUntil: "2026-12-31", ...o });

describe("category tree", () => {
  it("an offer fits its own category and every ancestor's need, never a sibling or a child need", () => {
    expect(categoryFit(tree, 2, 2)).toBe("same");
    expect(categoryFit(tree, 1, 2)).toBe("sub");
    expect(categoryFit(tree, 4, 6)).toBe("sub");
    expect(categoryFit(tree, 3, 2)).toBeNull();
    expect(categoryFit(tree, 2, 1)).toBeNull();
    expect(categoryFit(tree, 7, 5)).toBeNull();
  });
  it("survives a cycle in bad data instead of looping forever", () => {
    const bad = new Map<number, number | null>([
      [1, 2],
      [2, 1],
    ]);
    expect(categoryFit(bad, 3, 1)).toBeNull();
  });
  it("lists descendants", () => {
    expect(descendantsOf(tree, 4).sort()).toEqual([4, 5, 6]);
    expect(descendantsOf(tree, 7)).toEqual([7]);
  });
});

describe("sizes", () => {
  it("normalises case and spaces", () => {
    expect(normaliseSize(" m ")).toBe("M");
    expect(normaliseSize("26 Zoll")).toBe("26ZOLL");
    expect(normaliseSize("  ")).toBeNull();
    expect(normaliseSize(null)).toBeNull();
  });
  it("equal sizes fit, different ones exclude, a missing one leaves it open", () => {
    expect(sizeFit("38", "38 ")).toBe("fits");
    expect(sizeFit("38", "40")).toBeNull();
    expect(sizeFit(null, "40")).toBe("open");
    expect(sizeFit("38", null)).toBe("open");
  });
  it("summer and winter clothing exclude each other; 'all' fits both", () => {
    expect(scorePair(ctx, need({ season: "winter" }), offer({ season: "summer" }))).toBeNull();
    expect(scorePair(ctx, need({ season: "winter" }), offer({ season: "all" }))).not.toBeNull();
    expect(scorePair(ctx, need({ season: null }), offer({ season: "summer" }))).not.toBeNull();
  });
});

describe("districts and dates", () => {
  it("same, neighbouring, other, unknown", () => {
    expect(districtFit(neighbours, 1, 1)).toBe("same");
    expect(districtFit(neighbours, 1, 2)).toBe("neighbour");
    expect(districtFit(neighbours, 2, 3)).toBe("other");
    expect(districtFit(neighbours, null, 1)).toBe("other");
  });
  it("counts days", () => {
    expect(addDaysToDay("2026-12-30", 3)).toBe("2027-01-02");
    expect(waitingDays("2026-11-01T23:00:00.000Z", "2026-11-21")).toBe(19);
    expect(waitingDays("2026-11-22T00:00:00.000Z", "2026-11-21")).toBe(0);
  });
});

describe("scorePair", () => {
  it("excludes offers without units left or past their availability", () => {
    expect(scorePair(ctx, need(), offer({ available: 0 }))).toBeNull();
    expect(scorePair(ctx, need(), offer({ availableUntil: "2026-11-20" }))).toBeNull();
    expect(scorePair(ctx, need(), offer({ availableUntil: "2026-11-21" }))).not.toBeNull();
  });
  it("explains itself", () => {
    expect(scorePair(ctx, need({ size: "M", urgency: "urgent" }), offer({ size: "m" }))!.reasons).toEqual(["sameDistrict", "sizeFits", "urgent"]);
    expect(scorePair(ctx, need({ categoryId: 1, districtId: 2, size: "M", createdAt: "2026-10-01T00:00:00.000Z" }), offer({ availableUntil: "2026-11-25" }))!.reasons).toEqual([
      "neighbourDistrict",
      "subcategory",
      "sizeOpen",
      "waitingLong",
      "expiresSoon",
    ]);
  });
  it("district outweighs an exact size, size outweighs a subcategory, urgency outweighs a neighbour's advantage", () => {
    const s = (n: Partial<MatchNeed>, o: Partial<MatchOffer>) => scorePair(ctx, need(n), offer(o))!.score;
    expect(s({ size: "M" }, { size: null })).toBeGreaterThan(s({ size: "M", districtId: 4 }, { size: "M" }));
    expect(s({ size: "M" }, { size: "M" })).toBeGreaterThan(s({ size: "M", categoryId: 1 }, { size: null }));
    expect(s({ urgency: "urgent", districtId: 2 }, {})).toBeGreaterThan(s({}, {}));
    expect(s({}, {})).toBeGreaterThan(s({ districtId: 2 }, {}));
    expect(s({ districtId: 2 }, {})).toBeGreaterThan(s({ districtId: 4 }, {}));
  });
  it("older needs score higher, capped", () => {
    const s = (createdAt: string) => scorePair(ctx, need({ createdAt }), offer())!.score;
    expect(s("2026-11-01T00:00:00.000Z")).toBeGreaterThan(s("2026-11-20T00:00:00.000Z"));
    expect(s("2025-01-01T00:00:00.000Z")).toBe(s("2026-08-01T00:00:00.000Z"));
  });
});

describe("ranking", () => {
  const offers: MatchOffer[] = [
    offer({ id: 10, districtId: 4 }),
    offer({ id: 11, districtId: 2 }),
    offer({ id: 12, districtId: 1 }),
    offer({ id: 13, categoryId: 3 }),
    offer({ id: 14, districtId: 1, availableUntil: "2026-12-01" }),
    offer({ id: 15, districtId: 1, available: 0 }),
  ];
  it("ranks offers for a need: district first, ties by earlier end of availability then id", () => {
    expect(rankOffersForNeed(ctx, need(), offers).map((r) => r.offer.id)).toEqual([14, 12, 11, 10]);
    const tied = [offer({ id: 3 }), offer({ id: 1 }), offer({ id: 2 })];
    expect(rankOffersForNeed(ctx, need(), tied).map((r) => r.offer.id)).toEqual([1, 2, 3]);
  });
  it("gives the same answer through the index as through the plain list, and honours the limit", () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      offer({ id: i + 1, categoryId: [2, 3, 5, 6, 7][i % 5], size: [null, "M", "L", "38"][i % 4], districtId: (i % 4) + 1, availableUntil: addDaysToDay("2026-11-21", i % 40) }),
    );
    const needs = [need(), need({ categoryId: 4, size: "M" }), need({ categoryId: 1 }), need({ categoryId: 6, size: "l" }), need({ categoryId: 7, size: "38" }), need({ categoryId: 1, districtId: 4, urgency: "urgent" }), need({ categoryId: 4, districtId: null })];
    // Small limits exercise the skipping of far districts that cannot reach the list.
    for (const limit of [1, 3, 10, 500]) {
      for (const n of needs) expect(rankOffersForNeed(ctx, n, indexOffers(many), limit), `limit ${limit}`).toEqual(rankOffersForNeed(ctx, n, many, limit));
    }
    expect(rankOffersForNeed(ctx, need({ categoryId: 4 }), many, 5)).toHaveLength(5);
  });
  it("a sub-category offer is a candidate for the parent need, not the other way round", () => {
    expect(rankOffersForNeed(ctx, need({ categoryId: 1 }), [offer({ id: 5, categoryId: 2 })]).map((r) => r.offer.id)).toEqual([5]);
    expect(rankOffersForNeed(ctx, need({ categoryId: 2 }), [offer({ id: 5, categoryId: 1 })])).toEqual([]);
  });
  it("ranks needs for an offer: urgency, then district, ties by older need then id", () => {
    const needs = [
      need({ id: 1, districtId: 4 }),
      need({ id: 2, districtId: 1 }),
      need({ id: 3, districtId: 4, urgency: "urgent" }),
      need({ id: 4, districtId: 1, createdAt: "2026-11-19T10:00:00.000Z" }),
      need({ id: 5, districtId: 1, size: "XL" }),
      need({ id: 6, categoryId: 3 }),
    ];
    const ranked = rankNeedsForOffer(ctx, offer({ size: "M" }), needs);
    expect(ranked.map((r) => r.need.id)).toEqual([4, 2, 3, 1]);
    expect(rankNeedsForOffer(ctx, offer(), [need({ id: 9 }), need({ id: 8 })]).map((r) => r.need.id)).toEqual([8, 9]);
  });
});

describe("canServe (the check before a reservation)", () => {
  it("needs a fitting category, size and season", () => {
    const n = { categoryId: 4, size: "M", season: "winter" as const };
    expect(canServe(tree, n, { categoryId: 6, size: "m", season: "all" })).toBe(true);
    expect(canServe(tree, n, { categoryId: 6, size: null, season: null })).toBe(true);
    expect(canServe(tree, n, { categoryId: 6, size: "L", season: "winter" })).toBe(false);
    expect(canServe(tree, n, { categoryId: 6, size: "M", season: "summer" })).toBe(false);
    expect(canServe(tree, n, { categoryId: 7, size: "M", season: "winter" })).toBe(false);
  });
});
