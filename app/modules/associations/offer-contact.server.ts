import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { requirePermission, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { recordView } from "~/modules/volunteers/access-log.server";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { requireAdminOf } from "./members.server";

/**
 * Visitors reach an association about an offer without seeing its address (issue #15, ADR 0039):
 * the contact form's message and a volunteer's "I'd like to help" are mailed to the association's
 * role address through the outbox, in the same transaction as what they record.
 */

/** The role address and names of a public offer (verified, published); null when it has none. */
async function recipientOf(trx: Kysely<DB>, offerId: number) {
  return trx
    .selectFrom("association_offer as o")
    .innerJoin("association_profile as p", "p.organisation_id", "o.organisation_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .select(["o.id", "o.title", "o.volunteers_wanted", "o.organisation_id", "org.name as association", "org.email"])
    .where("o.id", "=", offerId)
    .where("o.published", "=", 1)
    .where("p.status", "=", "verified")
    .where("org.archived_at", "is", null)
    .executeTakeFirst();
}

export type OfferContactInput = { name: string; email: string; message: string };

/** The visitor's message, relayed to the association (a missing or hidden offer is a 404). */
export async function sendOfferContact(offerId: number, input: OfferContactInput, senderLocale: string, now = new Date()) {
  await transaction(async (trx) => {
    const offer = await recipientOf(trx, offerId);
    if (!offer) throw new AppError("errors.notFound", 404);
    if (!offer.email) throw new AppError("directory:errors.noAddress", 400);
    await enqueueMail(trx, {
      to: offer.email,
      locale: "de",
      template: "offer-contact-message",
      data: { association: offer.association, offer: offer.title, senderName: input.name, senderEmail: input.email, senderLocale, message: input.message, url: `${env().BASE_URL}/angebote/${offer.id}` },
      now,
    });
    await recordAudit(trx, { actorUserId: null, action: "contact", entity: "association_offer", entityId: offer.id, now });
  });
}

/** Has the signed-in volunteer offered to help with this offer already? */
export async function hasOfferedHelp(actor: Actor, offerId: number) {
  const row = await getDb().selectFrom("association_offer_help").select("id").where("offer_id", "=", offerId).where("user_id", "=", actor.userId).executeTakeFirst();
  return !!row;
}

/** "I'd like to help": recorded once per volunteer and offer; the association is told by mail. */
export async function offerHelp(actor: Actor, offerId: number, now = new Date()): Promise<"sent" | "already"> {
  requirePermission(actor, "help:offer:own", { userId: actor.userId });
  return transaction(async (trx) => {
    const offer = await recipientOf(trx, offerId);
    if (!offer || !offer.volunteers_wanted) throw new AppError("errors.notFound", 404);
    const existing = await trx.selectFrom("association_offer_help").select("id").where("offer_id", "=", offerId).where("user_id", "=", actor.userId).executeTakeFirst();
    if (existing) return "already";
    await trx.insertInto("association_offer_help").values({ offer_id: offerId, user_id: actor.userId, created_at: now.toISOString() }).execute();
    if (offer.email) {
      await enqueueMail(trx, {
        to: offer.email,
        locale: "de",
        template: "offer-help-offered",
        data: { association: offer.association, offer: offer.title, volunteerName: actor.name, volunteerEmail: actor.email, url: `${env().BASE_URL}/verein/angebote/${offer.id}` },
        now,
      });
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "help", entity: "association_offer", entityId: offer.id, now });
    return "sent";
  });
}

/** Who offered to help with an offer, for its association's admins (/verein/angebote/:id; access logged). */
export async function listOfferHelpers(actor: Actor, offerId: number, organisationId: number, now = new Date()) {
  return transaction(async (trx) => {
    await requireAdminOf(actor, organisationId, trx);
    const rows = await trx
      .selectFrom("association_offer_help as h")
      .innerJoin("user", "user.id", "h.user_id")
      .select(["h.id", "h.user_id", "h.created_at", "user.name", "user.email"])
      .where("h.offer_id", "=", offerId)
      .orderBy("h.created_at", "desc")
      .limit(200)
      .execute();
    for (const r of rows) await recordView(trx, { actorUserId: actor.userId, entity: "user", entityId: r.user_id, via: "offer-helpers", now });
    return rows.map(({ user_id: _userId, ...r }) => r);
  });
}
