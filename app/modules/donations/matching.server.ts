import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { berlinDay } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { containsUpperCase } from "~/utils/like.server";
import { clampPage } from "~/utils/params";
import { categoryNameColumns } from "./category-names";
import { descendantsOf, rankNeedsForOffer, rankOffersForNeed, type MatchContext, type MatchNeed, type MatchOffer } from "./matching";

/** The category tree and the neighbourhood of districts, as the pure ranking wants them. */
export async function loadMatchContext(db: Kysely<DB>, now: Date): Promise<MatchContext> {
  const [cats, pairs] = await Promise.all([
    db.selectFrom("donation_category").select(["id", "parent_id"]).execute(),
    db.selectFrom("district_neighbour").select(["district_id", "neighbour_id"]).execute(),
  ]);
  const neighbours = new Map<number, Set<number>>();
  for (const p of pairs) neighbours.set(p.district_id, (neighbours.get(p.district_id) ?? new Set()).add(p.neighbour_id));
  return { tree: new Map(cats.map((c) => [c.id, c.parent_id])), neighbours, today: berlinDay(now) };
}

/** Offers that can still be promised: confirmed, accepted, open, not expired, units left. */
export async function loadAvailableOffers(db: Kysely<DB>, today: string, categoryIds?: number[]): Promise<MatchOffer[]> {
  let q = db
    .selectFrom("donation_offer")
    .select(["id", "category_id", "size", "season", "quantity", "quantity_reserved", "pickup_district_id", "available_until"])
    .where("status", "=", "open")
    .where("review_state", "=", "accepted")
    .where("available_until", ">=", today)
    .whereRef("quantity_reserved", "<", "quantity");
  if (categoryIds) q = q.where("category_id", "in", categoryIds);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    size: r.size,
    season: r.season,
    available: r.quantity - r.quantity_reserved,
    districtId: r.pickup_district_id,
    availableUntil: r.available_until,
  }));
}

/** One need (office view: with the household code and district) and its ranked candidate offers. */
export async function candidatesForNeed(actor: Actor, needId: number, now = new Date()) {
  if (!can(actor, "manage:donation:any")) return null;
  const db = getDb();
  const row = await db
    .selectFrom("donation_need as n")
    .innerJoin("household as h", "h.id", "n.household_id")
    .innerJoin("donation_category as c", "c.id", "n.category_id")
    .leftJoin("district as d", "d.id", "h.district_id")
    .select(["n.id", "n.household_id", "h.code", "h.district_id", "d.name as district", "n.category_id", ...categoryNameColumns("c"), "n.size", "n.season", "n.quantity", "n.quantity_covered", "n.urgency", "n.note", "n.status", "n.created_at"])
    .where("n.id", "=", needId)
    .where("h.erased_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const ctx = await loadMatchContext(db, now);
  const need: MatchNeed = { id: row.id, categoryId: row.category_id, size: row.size, season: row.season, urgency: row.urgency, districtId: row.district_id, createdAt: row.created_at };
  // An open need also gets candidates when some of its units are reserved already (for the rest).
  const offers = row.status === "open" ? await loadAvailableOffers(db, ctx.today, descendantsOf(ctx.tree, row.category_id)) : [];
  const ranked = rankOffersForNeed(ctx, need, offers, 20);
  const ids = ranked.map((r) => r.offer.id);
  const details = ids.length
    ? await db
        .selectFrom("donation_offer as o")
        .innerJoin("donation_category as c", "c.id", "o.category_id")
        .leftJoin("district as d", "d.id", "o.pickup_district_id")
        .select(["o.id", ...categoryNameColumns("c"), "o.condition", "o.description", "d.name as district", "o.delivery"])
        .where("o.id", "in", ids)
        .execute()
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const reservations = await db.selectFrom("donation_match").select(["id", "offer_id", "quantity", "state", "handover_on", "outcome_reason"]).where("need_id", "=", needId).orderBy("id").execute();
  return { need: row, candidates: ranked.map((r) => ({ ...r, detail: byId.get(r.offer.id)! })), reservations };
}

export const OPEN_NEEDS_PAGE_SIZE = 25;

export type OpenNeedFilters = {
  /** A category and everything below it. */
  categoryId?: number;
  /** The household's district. */
  districtId?: number;
  urgency?: "normal" | "urgent";
  /** A part of a household code. */
  code?: string;
  page: number;
};

/**
 * The office's open needs, urgent first, then oldest first, a page at a time (the index
 * `donation_need_open_idx` gives this order: "urgent" sorts after "normal", the column's only
 * other value). Households that were erased are left out.
 */
export async function listOpenNeeds(actor: Actor, f: OpenNeedFilters = { page: 1 }) {
  if (!can(actor, "manage:donation:any")) return { items: [], total: 0, page: 1, pageSize: OPEN_NEEDS_PAGE_SIZE };
  const db = getDb();
  let q = db
    .selectFrom("donation_need as n")
    .innerJoin("household as h", "h.id", "n.household_id")
    .where("n.status", "=", "open")
    .where("h.erased_at", "is", null)
    // Out of matching until the office records the imported household's consent (migration 0055).
    .where("h.consent_pending", "=", 0);
  if (f.categoryId) {
    const cats = await db.selectFrom("donation_category").select(["id", "parent_id"]).execute();
    q = q.where("n.category_id", "in", descendantsOf(new Map(cats.map((c) => [c.id, c.parent_id])), f.categoryId));
  }
  if (f.districtId) q = q.where("h.district_id", "=", f.districtId);
  if (f.urgency) q = q.where("n.urgency", "=", f.urgency);
  if (f.code) q = q.where(containsUpperCase("h.code", f.code));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const page = clampPage(f.page, Number(total), OPEN_NEEDS_PAGE_SIZE);
  const items = await q
    .innerJoin("donation_category as c", "c.id", "n.category_id")
    .leftJoin("district as d", "d.id", "h.district_id")
    .select(["n.id", "h.code", "d.name as district", ...categoryNameColumns("c"), "n.size", "n.quantity", "n.quantity_covered", "n.urgency", "n.created_at"])
    .orderBy("n.urgency", "desc")
    .orderBy("n.created_at")
    .orderBy("n.id")
    .limit(OPEN_NEEDS_PAGE_SIZE)
    .offset((page - 1) * OPEN_NEEDS_PAGE_SIZE)
    .execute();
  return { items, total: Number(total), page, pageSize: OPEN_NEEDS_PAGE_SIZE };
}

/** One offer (office view) and the open needs it could serve, best first. */
export async function needsForOffer(actor: Actor, offerId: number, now = new Date()) {
  if (!can(actor, "manage:donation:any")) return null;
  const db = getDb();
  const o = await db
    .selectFrom("donation_offer as o")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .leftJoin("district as d", "d.id", "o.pickup_district_id")
    .select(["o.id", "o.category_id", ...categoryNameColumns("c"), "o.size", "o.season", "o.quantity", "o.quantity_reserved", "o.pickup_district_id", "d.name as district", "o.available_until", "o.condition", "o.description", "o.status", "o.review_state"])
    .where("o.id", "=", offerId)
    .executeTakeFirst();
  if (!o) return null;
  const ctx = await loadMatchContext(db, now);
  // Needs of the offer's category or any category above it.
  const ancestors: number[] = [];
  for (let c: number | null | undefined = o.category_id; c != null && ancestors.length < 32; c = ctx.tree.get(c)) ancestors.push(c);
  const rows = await db
    .selectFrom("donation_need as n")
    .innerJoin("household as h", "h.id", "n.household_id")
    .leftJoin("district as d", "d.id", "h.district_id")
    .select(["n.id", "n.category_id", "n.size", "n.season", "n.urgency", "n.quantity", "n.quantity_covered", "n.created_at", "h.district_id", "h.code", "d.name as district"])
    .where("n.status", "=", "open")
    .where("h.erased_at", "is", null)
    .where("h.consent_pending", "=", 0)
    .where("n.category_id", "in", ancestors)
    .execute();
  const offer: MatchOffer = { id: o.id, categoryId: o.category_id, size: o.size, season: o.season, available: o.quantity - o.quantity_reserved, districtId: o.pickup_district_id, availableUntil: o.available_until };
  const usable = o.status === "open" && o.review_state === "accepted";
  const needs: MatchNeed[] = rows.map((r) => ({ id: r.id, categoryId: r.category_id, size: r.size, season: r.season, urgency: r.urgency, districtId: r.district_id, createdAt: r.created_at }));
  const ranked = usable ? rankNeedsForOffer(ctx, offer, needs, 20) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { offer: o, usable, candidates: ranked.map((r) => ({ ...r, detail: byId.get(r.need.id)! })) };
}
