import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import type { InboxItem, InboxProvider } from "~/modules/office/inbox-types";
import { berlinDay, daysBetween, addDaysToDay } from "~/utils/dates";
import { derived } from "~/utils/derived-cache.server";
import { getDb } from "~/utils/db.server";
import { categoryNameColumns, categoryNameValues } from "./category-names";
import { descendantsOf, indexOffers, rankOffersForNeed } from "./matching";
import { loadAvailableOffers, loadMatchContext } from "./matching.server";

export const NEED_WAITING_DAYS = 14;
const LIMIT = 50;

/**
 * The donations part of the office inbox: offers waiting for review (one item), urgent needs
 * without any candidate, needs open longer than 14 days, reservations whose handover day
 * passed without an outcome, and transports nobody drives any more (the volunteer declined).
 * Categories are named in every language (`categoryNameValues`); the page picks the reader's.
 */
export const donationsInboxProvider: InboxProvider = async (actor: Actor, now: Date, ctx) => {
  if (!can(actor, "manage:donation:any")) return [];
  const today = berlinDay(now);
  // The same for every office member; ranking the urgent needs against all offers is the costly
  // part, so the items are kept per day and data version (ADR 0012).
  const items = await derived(`inbox:donations:${today}`, ["donations", "offers"], () => donationItems(today));
  // Offers to review and transports waiting are task kinds (donation-offer-review, transport-waiting).
  return ctx?.tasksInQueue ? items.filter((i) => i.id !== "donation-offers-review" && !i.id.startsWith("donation-transport-")) : items;
};

async function donationItems(today: string): Promise<InboxItem[]> {
  const db = getDb();
  const now = new Date(`${today}T12:00:00.000Z`);
  const items: InboxItem[] = [];

  const pending = await db
    .selectFrom("donation_offer")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("oldest")])
    .where("status", "=", "open")
    .where("review_state", "=", "pending")
    .executeTakeFirstOrThrow();
  if (Number(pending.n) > 0) {
    items.push({ id: "donation-offers-review", module: "donations", titleKey: "donations:inbox.offersToReview", values: { count: Number(pending.n) }, href: "/office/donations/offers", severity: "normal", date: String(pending.oldest) });
  }

  const open = await db
    .selectFrom("donation_need as n")
    .innerJoin("household as h", "h.id", "n.household_id")
    .innerJoin("donation_category as c", "c.id", "n.category_id")
    .select(["n.id", "n.category_id", "n.size", "n.season", "n.urgency", "n.created_at", "h.code", "h.district_id", ...categoryNameColumns("c")])
    .where("n.status", "=", "open")
    .where("h.erased_at", "is", null)
    .where((eb) => eb.or([eb("n.urgency", "=", "urgent"), eb("n.created_at", "<", `${addDaysToDay(today, -NEED_WAITING_DAYS)}T00:00:00.000Z`)]))
    .orderBy("n.created_at")
    .limit(500)
    .execute();
  const urgent = open.filter((n) => n.urgency === "urgent");
  if (urgent.length) {
    const ctx = await loadMatchContext(db, now);
    const cats = [...new Set(urgent.flatMap((n) => descendantsOf(ctx.tree, n.category_id)))];
    const index = indexOffers(await loadAvailableOffers(db, ctx.today, cats));
    for (const n of urgent) {
      const need = { id: n.id, categoryId: n.category_id, size: n.size, season: n.season, urgency: n.urgency, districtId: n.district_id, createdAt: n.created_at };
      if (rankOffersForNeed(ctx, need, index, 1).length === 0 && items.length < LIMIT) {
        items.push({ id: `donation-need-nocandidate-${n.id}`, module: "donations", titleKey: "donations:inbox.urgentNoCandidate", values: { ...categoryNameValues("category", n), code: n.code }, href: `/office/donations/needs/${n.id}`, severity: "urgent", date: n.created_at });
      }
    }
  }
  for (const n of open.filter((x) => x.created_at < `${addDaysToDay(today, -NEED_WAITING_DAYS)}T00:00:00.000Z`).slice(0, LIMIT)) {
    const days = daysBetween(berlinDay(n.created_at), today);
    items.push({
      id: `donation-need-waiting-${n.id}`,
      module: "donations",
      titleKey: "donations:inbox.needWaiting",
      values: { ...categoryNameValues("category", n), code: n.code, days },
      href: `/office/donations/needs/${n.id}`,
      severity: "normal",
      date: n.created_at,
      group: { key: "donation-needs-waiting", titleKey: "donations:inbox.needsWaitingGroup", values: { days: NEED_WAITING_DAYS } },
    });
  }

  const overdue = await db
    .selectFrom("donation_match as m")
    .innerJoin("donation_offer as o", "o.id", "m.offer_id")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .innerJoin("donation_need as n", "n.id", "m.need_id")
    .innerJoin("household as h", "h.id", "n.household_id")
    .select(["m.id", "m.handover_on", ...categoryNameColumns("c"), "h.code"])
    .where("m.state", "=", "reserved")
    .where("m.handover_on", "<", today)
    .orderBy("m.handover_on")
    .limit(LIMIT)
    .execute();
  for (const m of overdue) {
    items.push({ id: `donation-handover-${m.id}`, module: "donations", titleKey: "donations:inbox.handoverOverdue", values: { ...categoryNameValues("category", m), code: m.code, date: m.handover_on ?? "" }, href: `/office/donations/matches/${m.id}`, severity: "urgent", date: m.handover_on ?? today });
  }

  const unplanned = await db
    .selectFrom("donation_match as m")
    .innerJoin("donation_offer as o", "o.id", "m.offer_id")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .innerJoin("donation_need as n", "n.id", "m.need_id")
    .innerJoin("household as h", "h.id", "n.household_id")
    .select(["m.id", "m.handover_on", "m.updated_at", ...categoryNameColumns("c"), "h.code"])
    .where("m.state", "=", "reserved")
    .where("m.handover_mode", "=", "transport")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("donation_transport as t").select("t.id").whereRef("t.match_id", "=", "m.id").where("t.state", "in", ["asked", "accepted"]))))
    // NULLs first said out loud: SQLite's default for ascending order, PostgreSQL's is last.
    .orderBy("m.handover_on", (ob) => ob.asc().nullsFirst())
    .limit(LIMIT)
    .execute();
  for (const m of unplanned) {
    items.push({ id: `donation-transport-${m.id}`, module: "donations", titleKey: "donations:inbox.transportDeclined", values: { ...categoryNameValues("category", m), code: m.code, date: m.handover_on ?? "" }, href: `/office/donations/matches/${m.id}`, severity: "urgent", date: m.updated_at });
  }
  return items;
}
