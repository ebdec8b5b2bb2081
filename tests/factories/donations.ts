/**
 * Factories for the donations module: households (with the donations consent by default),
 * needs and offers. Used by tests and by the demo seed (`seedDonationsDemo`).
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, OfferCondition, OfferReviewState, OfferStatus, Season, Urgency } from "../../db/schema";
import { germanSortKeyOrNull } from "../../app/utils/text-keys";

const code = () => `H-T${randomBytes(3).toString("hex").toUpperCase()}`;

export async function categoryId(db: Kysely<DB>, slug: string): Promise<number> {
  const c = await db.selectFrom("donation_category").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return c.id;
}

export type HouseholdOverrides = Partial<{
  code: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  street: string | null;
  districtId: number | null;
  adults: number;
  childrenYears: number[];
  languages: string[];
  notes: string | null;
  consent: boolean;
  createdAt: string;
}>;

export async function createTestHousehold(db: Kysely<DB>, o: HouseholdOverrides = {}) {
  const ts = o.createdAt ?? new Date().toISOString();
  const householdCode = o.code ?? code();
  const { id } = await db
    .insertInto("household")
    .values({
      code: householdCode,
      contact_name: o.contactName === undefined ? "Samira Beispiel" : o.contactName,
      contact_name_key: germanSortKeyOrNull(o.contactName === undefined ? "Samira Beispiel" : o.contactName),
      contact_phone: o.contactPhone === undefined ? "02154 000000" : o.contactPhone,
      contact_email: o.contactEmail === undefined ? `haushalt-${randomBytes(3).toString("hex")}@example.org` : o.contactEmail,
      street: o.street === undefined ? "Musterweg 7" : o.street,
      district_id: o.districtId === undefined ? 1 : o.districtId,
      adults: o.adults ?? 2,
      notes: o.notes ?? null,
      erased_at: null,
      created_by: null,
      created_at: ts,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (o.childrenYears?.length) await db.insertInto("household_child").values(o.childrenYears.map((birth_year) => ({ household_id: id, birth_year }))).execute();
  if (o.languages?.length) await db.insertInto("household_language").values(o.languages.map((language_code) => ({ household_id: id, language_code }))).execute();
  if (o.consent !== false) {
    const text = await db.selectFrom("household_consent_text").select("id").where("purpose", "=", "donations").where("locale", "=", "de").executeTakeFirstOrThrow();
    await db
      .insertInto("household_consent")
      .values({ household_id: id, purpose: "donations", consent_text_id: text.id, language_shown: "de", volunteer_user_id: null, given_on: ts.slice(0, 10), recorded_by: null, recorded_at: ts, withdrawn_at: null, withdrawn_by: null })
      .execute();
  }
  return { id, code: householdCode };
}

export type NeedOverrides = Partial<{ category: string; size: string | null; season: Season | null; quantity: number; urgency: Urgency; note: string | null; createdAt: string; status: "open" | "matched" | "fulfilled" | "cancelled" }>;

export async function createTestNeed(db: Kysely<DB>, householdId: number, o: NeedOverrides = {}) {
  const ts = o.createdAt ?? new Date().toISOString();
  const status = o.status ?? "open";
  const { id } = await db
    .insertInto("donation_need")
    .values({
      household_id: householdId,
      category_id: await categoryId(db, o.category ?? "wardrobe"),
      size: o.size ?? null,
      season: o.season ?? null,
      quantity: o.quantity ?? 1,
      urgency: o.urgency ?? "normal",
      note: o.note ?? null,
      status,
      created_by: null,
      created_at: ts,
      updated_at: ts,
      fulfilled_at: status === "fulfilled" ? ts : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("donation_need_history").values({ need_id: id, from_status: null, to_status: status, changed_by: null, reason: null, changed_at: ts }).execute();
  return { id };
}

export type OfferOverrides = Partial<{
  category: string;
  size: string | null;
  season: Season | null;
  quantity: number;
  reserved: number;
  condition: OfferCondition;
  description: string | null;
  districtId: number | null;
  availableUntil: string;
  reviewState: OfferReviewState;
  status: OfferStatus;
  donorName: string | null;
  donorEmail: string | null;
  donorPhone: string | null;
  pickupStreet: string | null;
}>;

export async function createTestOffer(db: Kysely<DB>, o: OfferOverrides = {}) {
  const ts = new Date().toISOString();
  const until = o.availableUntil ?? new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const { id } = await db
    .insertInto("donation_offer")
    .values({
      donor_user_id: null,
      donor_name: o.donorName === undefined ? "Peter Spender" : o.donorName,
      donor_email: o.donorEmail === undefined ? `spender-${randomBytes(3).toString("hex")}@example.org` : o.donorEmail,
      donor_phone: o.donorPhone ?? null,
      donor_locale: "de",
      category_id: await categoryId(db, o.category ?? "wardrobe"),
      size: o.size ?? null,
      season: o.season ?? null,
      quantity: o.quantity ?? 1,
      quantity_reserved: o.reserved ?? 0,
      condition: o.condition ?? "good",
      description: o.description ?? null,
      pickup_district_id: o.districtId === undefined ? 1 : o.districtId,
      pickup_street: o.pickupStreet ?? "Spenderstraße 3",
      available_until: until,
      delivery: "needs_pickup",
      manage_token_hash: null,
      confirmed_at: ts,
      review_state: o.reviewState ?? "accepted",
      review_reason: null,
      reviewed_by: null,
      reviewed_at: o.reviewState === "pending" ? null : ts,
      status: o.status ?? "open",
      expiry_notice_sent_at: null,
      created_at: ts,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}

export type MatchOverrides = Partial<{
  quantity: number;
  handoverMode: "donor" | "office" | "transport" | null;
  handoverOn: string | null;
  timeFrom: string | null;
  timeTo: string | null;
  createdAt: string;
}>;

/**
 * A reservation of `quantity` units of an offer for a need, with the counters the commands
 * keep (the offer's reserved units, the need's covered units and status "matched" once
 * covered) and a history entry. For tests and the demo; the app reserves through `confirmMatch`.
 */
export async function createTestMatch(db: Kysely<DB>, needId: number, offerId: number, o: MatchOverrides = {}) {
  const ts = o.createdAt ?? new Date().toISOString();
  const quantity = o.quantity ?? 1;
  const { id } = await db
    .insertInto("donation_match")
    .values({
      offer_id: offerId,
      need_id: needId,
      quantity,
      handover_mode: o.handoverMode ?? null,
      handover_on: o.handoverOn ?? null,
      time_from: o.timeFrom ?? null,
      time_to: o.timeTo ?? null,
      state: "reserved",
      outcome_reason: null,
      outcome_at: null,
      created_by: null,
      created_at: ts,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.updateTable("donation_offer").set((eb) => ({ quantity_reserved: eb("quantity_reserved", "+", quantity) })).where("id", "=", offerId).execute();
  const n = await db.selectFrom("donation_need").select(["status", "quantity", "quantity_covered"]).where("id", "=", needId).executeTakeFirstOrThrow();
  const covered = n.quantity_covered + quantity;
  const status = covered >= n.quantity ? "matched" : "open";
  await db.updateTable("donation_need").set({ quantity_covered: covered, status }).where("id", "=", needId).execute();
  await db.insertInto("donation_need_history").values({ need_id: needId, from_status: n.status, to_status: status, covered, changed_by: null, reason: null, changed_at: ts }).execute();
  return { id };
}

/** A request to a volunteer to drive a reservation (state "asked" unless told otherwise). */
export async function createTestTransport(db: Kysely<DB>, matchId: number, volunteerUserId: string, o: Partial<{ state: "asked" | "accepted" | "declined"; askedAt: string }> = {}) {
  const at = o.askedAt ?? new Date().toISOString();
  const { id } = await db
    .insertInto("donation_transport")
    .values({ match_id: matchId, volunteer_user_id: volunteerUserId, state: o.state ?? "asked", asked_at: at, answered_at: o.state && o.state !== "asked" ? at : null, decline_reason: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}
