import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { berlinDay, addDaysToDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { msg } from "~/utils/validation";
import { categoryNameColumns } from "./category-names";
import { releaseMatch, syncNeed } from "./need-coverage.server";
import { requireCategory, sizeFor } from "./needs.server";
import type { ProcessedPhoto } from "./photos.server";
import { MAX_OFFER_DAYS, type OfferInput } from "./schema";
import { systemReason } from "./system-reasons";
import { closeTasksFor, syncTasks } from "~/modules/tasks/tasks.server";

export const manageUrl = (token: string) => `${env().BASE_URL}/spenden/angebot/${token}`;

/** The end of availability must lie between today and half a year ahead. */
function checkUntil(day: string, now: Date) {
  const today = berlinDay(now);
  if (day < today) throw new AppError("donations:errors.untilPast", 400, "availableUntil");
  if (day > addDaysToDay(today, MAX_OFFER_DAYS)) throw new AppError("donations:errors.untilTooFar", 400, "availableUntil");
}

/**
 * A resident offers an item. Guests confirm by the mailed link (state `unconfirmed` until
 * then); logged-in donors go straight to the office's review. The donor gets a private
 * manage link in every case; only its hash is stored.
 */
export async function createOffer(actor: Actor | null, input: OfferInput, photos: ProcessedPhoto[], locale: string, now = new Date()) {
  const token = generateToken();
  const id = await transaction(async (trx) => {
    const category = await requireCategory(trx, input.categoryId);
    if (category.size_kind === "none" && input.size) input = { ...input, size: undefined };
    const tested = await trx.selectFrom("donation_category").select("tested_only").where("id", "=", category.id).executeTakeFirstOrThrow();
    if (tested.tested_only && !input.tested) throw new AppError("donations:errors.testedOnly", 400, "tested");
    checkUntil(input.availableUntil, now);
    const district = await trx.selectFrom("district").select("id").where("id", "=", input.districtId).where("active", "=", 1).executeTakeFirst();
    if (!district) throw new AppError("errors.invalidChoice", 400, "districtId");
    const ts = now.toISOString();
    const donorEmail = actor ? actor.email : input.donorEmail!;
    // Mails go out in the donor's language: the account's for logged-in donors, the page's for guests.
    const donorLocale = actor ? actor.locale : locale;
    const { id } = await trx
      .insertInto("donation_offer")
      .values({
        donor_user_id: actor?.userId ?? null,
        donor_name: actor ? actor.name : (input.donorName ?? null),
        donor_email: donorEmail,
        donor_phone: input.donorPhone ?? null,
        donor_locale: donorLocale,
        category_id: category.id,
        ...sizeFor(category, input.size, input.season),
        quantity: input.quantity,
        quantity_reserved: 0,
        condition: input.condition,
        description: input.description ?? null,
        pickup_district_id: input.districtId,
        pickup_street: input.pickupStreet ?? null,
        available_until: input.availableUntil,
        delivery: input.delivery,
        manage_token_hash: null,
        confirmed_at: actor ? ts : null,
        review_state: actor ? "pending" : "unconfirmed",
        review_reason: null,
        reviewed_by: null,
        reviewed_at: null,
        status: "open",
        expiry_notice_sent_at: null,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await syncTasks(trx, "donation-offer-review", [id], now);
    await addManageLink(trx, id, token, "offer", now);
    if (photos.length) {
      await trx
        .insertInto("donation_offer_photo")
        .values(photos.map((p) => ({ offer_id: id, mime: p.mime, width: p.width, height: p.height, data: p.data, created_at: ts })))
        .execute();
    }
    await enqueueMail(trx, {
      to: donorEmail,
      locale: donorLocale,
      template: "donation-offer-received",
      data: { name: actor ? actor.name : (input.donorName ?? ""), url: manageUrl(token), needsConfirmation: !actor },
      now,
    });
    return id;
  });
  return { id, token };
}

/**
 * Stores a new private link of an offer (only its hash). An offer may have several valid
 * links — the first mail's and the expiry notice's — so a new one never ends an older one;
 * the office can revoke each (ADR 0011).
 */
export async function addManageLink(trx: Kysely<DB>, offerId: number, token: string, sentWith: "offer" | "expiry-notice", now: Date) {
  await trx.insertInto("donation_offer_link").values({ offer_id: offerId, token_hash: hashToken(token), sent_with: sentWith, created_at: now.toISOString(), revoked_at: null, revoked_by: null }).execute();
}

/** The offer behind a manage link that is not revoked (anonymous: the token is the credential). */
export async function findOfferByToken(token: string, db: Kysely<DB> = getDb()) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  return db
    .selectFrom("donation_offer_link as l")
    .innerJoin("donation_offer as o", "o.id", "l.offer_id")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .leftJoin("district as d", "d.id", "o.pickup_district_id")
    .select([
      "o.id",
      "o.category_id",
      ...categoryNameColumns("c"),
      "o.size",
      "o.season",
      "o.quantity",
      "o.quantity_reserved",
      "o.condition",
      "o.description",
      "d.name as district",
      "o.available_until",
      "o.delivery",
      "o.review_state",
      "o.review_reason",
      "o.status",
      "o.created_at",
    ])
    .where("l.token_hash", "=", hashToken(token))
    .where("l.revoked_at", "is", null)
    .executeTakeFirst();
}

async function offerIdByToken(trx: Kysely<DB>, token: string) {
  const o = await findOfferByToken(token, trx);
  if (!o) throw new AppError("errors.notFound", 404);
  return o;
}

export async function confirmOffer(token: string, now = new Date()) {
  await transaction(async (trx) => {
    const o = await offerIdByToken(trx, token);
    if (o.review_state !== "unconfirmed") return;
    await trx.updateTable("donation_offer").set({ review_state: "pending", confirmed_at: now.toISOString(), updated_at: now.toISOString() }).where("id", "=", o.id).execute();
    await syncTasks(trx, "donation-offer-review", [o.id], now);
  });
}

export async function changeOffer(token: string, input: { quantity: number; availableUntil: string; description?: string }, now = new Date()) {
  await transaction(async (trx) => {
    const o = await offerIdByToken(trx, token);
    if (o.status !== "open") throw new AppError("donations:errors.offerClosed", 400);
    if (input.quantity < o.quantity_reserved) throw new AppError(msg("donations:errors.belowReserved", { reserved: o.quantity_reserved }), 400, "quantity");
    checkUntil(input.availableUntil, now);
    await trx
      .updateTable("donation_offer")
      .set({ quantity: input.quantity, available_until: input.availableUntil, description: input.description ?? null, expiry_notice_sent_at: null, updated_at: now.toISOString() })
      .where("id", "=", o.id)
      .execute();
  });
}

/** Withdrawn by the donor: reserved units are released and their needs go back to the pool. */
export async function withdrawOffer(token: string, now = new Date()) {
  await transaction(async (trx) => {
    const o = await offerIdByToken(trx, token);
    if (o.status !== "open") throw new AppError("donations:errors.offerClosed", 400);
    await closeOffer(trx, o.id, "withdrawn", systemReason("offerWithdrawn"), now);
  });
}

/** Ends an offer; open reservations fail with the reason and their needs lack those units again. */
export async function closeOffer(trx: Kysely<DB>, offerId: number, status: "withdrawn" | "expired", reason: string, now: Date) {
  const reserved = await trx.selectFrom("donation_match").select(["id", "offer_id", "need_id", "quantity"]).where("offer_id", "=", offerId).where("state", "=", "reserved").execute();
  for (const m of reserved) {
    await releaseMatch(trx, m, reason, now);
    await syncNeed(trx, m.need_id, { by: null, reason, now });
  }
  await trx.updateTable("donation_offer").set({ status, quantity_reserved: 0, updated_at: now.toISOString() }).where("id", "=", offerId).execute();
  await closeTasksFor(trx, "donation-offer-review", offerId, now);
}
