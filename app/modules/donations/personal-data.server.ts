import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";
import { getDb } from "~/utils/db.server";
import { categoryNameColumns, withCategoryName } from "./category-names";
import { closeOffer } from "./offers.server";
import { systemReason } from "./system-reasons";

/**
 * The account's own offers: made while logged in, or as a guest under the account's e-mail
 * address once that address is verified (an unverified address proves nothing; ADR 0023).
 */
async function ownOffers(db: Kysely<DB>, userId: string) {
  const u = await db.selectFrom("user").select(["email", "email_verified_at"]).where("id", "=", userId).executeTakeFirst();
  const email = u?.email_verified_at ? u.email.toLowerCase() : null;
  return db
    .selectFrom("donation_offer as o")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .where((eb) => eb.or([eb("o.donor_user_id", "=", userId), ...(email ? [eb(eb.fn("lower", ["o.donor_email"]), "=", email)] : [])]));
}

/** The actor's own donation offers for `/me/anfragen` (newest first; at most 200). */
export async function listOwnOffers(actor: Actor, db: Kysely<DB> = getDb()) {
  return (await ownOffers(db, actor.userId))
    .select(["o.id", ...categoryNameColumns("c"), "o.size", "o.quantity", "o.quantity_reserved", "o.review_state", "o.status", "o.available_until", "o.created_at"])
    .orderBy("o.created_at", "desc")
    .limit(200)
    .execute();
}

/** Art. 15 for an account: the offers it made as donor and the transports it was asked for. */
export const donationsExporter: PersonalDataExporter = {
  name: "donations",
  run: async (trx, userId, lang) => {
    const [offers, transports] = await Promise.all([
      ownOffers(trx, userId).then(async (q) => {
        const rows = await q.select(["o.id", ...categoryNameColumns("c"), "o.size", "o.quantity", "o.condition", "o.description", "o.donor_name", "o.donor_email", "o.donor_phone", "o.pickup_street", "o.available_until", "o.review_state", "o.status", "o.created_at"]).orderBy("o.id").execute();
        // The category in the reader's language (German where it has no name in it).
        return rows.map((r) => withCategoryName(r, lang, "category"));
      }),
      trx
        .selectFrom("donation_transport as t")
        .innerJoin("donation_match as m", "m.id", "t.match_id")
        .select(["t.state", "t.asked_at", "t.answered_at", "t.decline_reason", "m.handover_on", "m.time_from", "m.time_to"])
        .where("t.volunteer_user_id", "=", userId)
        .execute(),
    ]);
    return { offers, transports };
  },
};

/**
 * Art. 17 for an account: open offers end (reservations are released), the donor's contact
 * and address are removed from every offer and its private links end; open transport requests
 * end and transport answers lose their free text. Counts for the figures stay.
 */
export const donationsEraser: PersonalDataEraser = {
  name: "donations",
  run: async (trx, userId, now) => {
    const open = await trx.selectFrom("donation_offer").select("id").where("donor_user_id", "=", userId).where("status", "=", "open").execute();
    for (const o of open) await closeOffer(trx, o.id, "withdrawn", systemReason("donorErased"), now);
    // No private link of the account's offers works any more.
    await trx.deleteFrom("donation_offer_link").where("offer_id", "in", (eb) => eb.selectFrom("donation_offer").select("id").where("donor_user_id", "=", userId)).execute();
    await trx
      .updateTable("donation_offer")
      .set({ donor_user_id: null, donor_name: null, donor_email: null, donor_phone: null, pickup_street: null, description: null, manage_token_hash: null, updated_at: now.toISOString() })
      .where("donor_user_id", "=", userId)
      .execute();
    // Trips the person was asked for or had accepted are off; the office sees them to plan again.
    await trx.updateTable("donation_transport").set({ state: "withdrawn" }).where("volunteer_user_id", "=", userId).where("state", "in", ["asked", "accepted"]).execute();
    await trx.updateTable("donation_transport").set({ decline_reason: null }).where("volunteer_user_id", "=", userId).execute();
  },
};
