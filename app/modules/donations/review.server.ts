import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { getDb, transaction } from "~/utils/db.server";
import { derived } from "~/utils/derived-cache.server";
import { literalCount } from "~/utils/paging.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { categoryNameColumns } from "./category-names";
import type { OfferFilter } from "./schema";
import { closeTasksFor } from "~/modules/tasks/tasks.server";

export const OFFER_PAGE_SIZE = 25;
// The filters live in the shared schema: a `.server` module is empty in the browser bundle.
export { OFFER_FILTERS, type OfferFilter } from "./schema";

/** The office's offer list (donor contact included: office only). */
export async function listOffersForOffice(actor: Actor, filter: OfferFilter, page: number) {
  if (!can(actor, "manage:donation:any")) return { items: [], total: 0, page: 1, pageSize: OFFER_PAGE_SIZE };
  const db = getDb();
  let q = db.selectFrom("donation_offer as o");
  q = filter === "closed" ? q.where("o.status", "!=", "open") : q.where("o.status", "=", "open").where("o.review_state", "=", filter);
  const [total, items] = await Promise.all([
    // The count per filter reads every open offer (about 2 ms at 50,000): kept while no offer changes.
    derived(`offer-count:${filter}`, ["offers"], async () => Number((await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow()).total)),
    q
      .innerJoin("donation_category as c", "c.id", "o.category_id")
      .leftJoin("district as d", "d.id", "o.pickup_district_id")
      .select([
        "o.id",
        ...categoryNameColumns("c"),
        "c.tested_only",
        "o.size",
        "o.quantity",
        "o.quantity_reserved",
        "o.condition",
        "o.description",
        "d.name as district",
        "o.pickup_street",
        "o.delivery",
        "o.available_until",
        "o.donor_name",
        "o.donor_email",
        "o.donor_phone",
        "o.review_state",
        "o.review_reason",
        "o.status",
        "o.created_at",
      ])
      .orderBy("o.created_at", filter === "pending" ? "asc" : "desc")
      .orderBy("o.id")
      // Numbers in the text: PostgreSQL keeps one plan for the page (ADR 0054).
      .limit(literalCount(OFFER_PAGE_SIZE))
      .offset(literalCount((Math.max(1, page) - 1) * OFFER_PAGE_SIZE))
      .execute(),
  ]);
  // The page's photo ids in a second query (one engine-neutral read instead of SQLite's group_concat).
  const photos = items.length
    ? await db.selectFrom("donation_offer_photo").select(["id", "offer_id"]).where("offer_id", "in", items.map((i) => i.id)).orderBy("id").execute()
    : [];
  const photoIds = new Map<number, number[]>();
  for (const p of photos) photoIds.set(p.offer_id, [...(photoIds.get(p.offer_id) ?? []), p.id]);
  return {
    items: items.map((i) => ({ ...i, photoIds: photoIds.get(i.id) ?? [] })),
    total: Number(total),
    page: Math.max(1, page),
    pageSize: OFFER_PAGE_SIZE,
  };
}

/** Accept or decline (with a reason) a confirmed offer; the donor is told in their language. */
export async function reviewOffer(actor: Actor, args: { offerId: number; decision: "accepted" | "declined"; reason?: string }, now = new Date()) {
  requirePermission(actor, "manage:donation:any");
  await transaction(async (trx) => {
    const o = await trx.selectFrom("donation_offer").select(["id", "review_state", "status", "donor_name", "donor_email", "donor_locale"]).where("id", "=", args.offerId).executeTakeFirst();
    if (!o) throw new AppError("errors.notFound", 404);
    if (o.status !== "open" || o.review_state !== "pending") throw new AppError("donations:errors.notPending", 400);
    const ts = now.toISOString();
    await trx
      .updateTable("donation_offer")
      .set({ review_state: args.decision, review_reason: args.reason ?? null, reviewed_by: actor.userId, reviewed_at: ts, status: args.decision === "declined" ? "closed" : "open", updated_at: ts })
      .where("id", "=", o.id)
      .execute();
    await closeTasksFor(trx, "donation-offer-review", o.id, now);
    if (o.donor_email) {
      await enqueueMail(trx, {
        to: o.donor_email,
        locale: o.donor_locale,
        template: "donation-offer-reviewed",
        data: { name: o.donor_name ?? "", accepted: args.decision === "accepted", reason: args.reason ?? null, url: `${env().BASE_URL}/spenden` },
        now,
      });
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: args.decision === "accepted" ? "accept" : "decline", entity: "donation_offer", entityId: o.id, now });
  });
}

/** A photo of an offer, for the office only. */
export async function getOfferPhoto(actor: Actor, photoId: number) {
  if (!can(actor, "manage:donation:any")) return null;
  return getDb().selectFrom("donation_offer_photo").select(["mime", "data"]).where("id", "=", photoId).executeTakeFirst();
}

/** The donor's private links of an offer (office only): when sent, with which mail, revoked or not. */
export async function listOfferLinks(actor: Actor, offerId: number) {
  if (!can(actor, "manage:donation:any")) return [];
  return getDb()
    .selectFrom("donation_offer_link as l")
    .leftJoin("user as u", "u.id", "l.revoked_by")
    .select(["l.id", "l.sent_with", "l.created_at", "l.revoked_at", "u.name as revokedBy"])
    .where("l.offer_id", "=", offerId)
    .orderBy("l.id")
    .execute();
}

/** Ends one private link (e.g. forwarded by mistake); the donor's other links keep working. */
export async function revokeOfferLink(actor: Actor, offerId: number, linkId: number, now = new Date()) {
  requirePermission(actor, "manage:donation:any");
  await transaction(async (trx) => {
    const r = await trx
      .updateTable("donation_offer_link")
      .set({ revoked_at: now.toISOString(), revoked_by: actor.userId })
      .where("id", "=", linkId)
      .where("offer_id", "=", offerId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("donations:errors.linkRevoked", 400);
    await recordAudit(trx, { actorUserId: actor.userId, action: "revoke", entity: "donation_offer_link", entityId: linkId, details: { offerId }, now });
  });
}
