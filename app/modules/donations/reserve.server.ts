import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { berlinDay } from "~/utils/dates";
import { transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { msg } from "~/utils/validation";
import { canServe } from "./matching";
import { syncNeed } from "./need-coverage.server";
import { stillNeeded } from "./need-status";

/**
 * Confirms a match the office chose: reserves `quantity` units of the offer for the need in
 * one immediate transaction (the write lock is taken before anything is read), and the
 * reservation is a guarded update, so a unit can never be promised twice. A need may be
 * served by several reservations; it is `matched` only when they cover its whole quantity.
 */
export async function confirmMatch(actor: Actor, args: { needId: number; offerId: number; quantity: number }, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:donation:any");
  return transaction(async (trx) => {
    const need = await trx
      .selectFrom("donation_need as n")
      .innerJoin("household as h", "h.id", "n.household_id")
      .select(["n.id", "n.status", "n.category_id", "n.size", "n.season", "n.quantity", "n.quantity_covered", "n.household_id"])
      .where("n.id", "=", args.needId)
      .where("h.erased_at", "is", null)
      // No reservation for an imported household whose consent is still to be recorded (migration 0055).
      .where("h.consent_pending", "=", 0)
      .executeTakeFirst();
    if (!need) throw new AppError("errors.notFound", 404);
    if (need.status !== "open") throw new AppError("donations:errors.needNotOpen", 400);
    const offer = await trx
      .selectFrom("donation_offer")
      .select(["id", "category_id", "size", "season", "quantity", "quantity_reserved", "status", "review_state", "available_until"])
      .where("id", "=", args.offerId)
      .executeTakeFirst();
    if (!offer) throw new AppError("errors.notFound", 404);
    if (offer.status !== "open" || offer.review_state !== "accepted" || offer.available_until < berlinDay(now)) throw new AppError("donations:errors.offerNotAvailable", 400);
    const categories = await trx.selectFrom("donation_category").select(["id", "parent_id"]).execute();
    const tree = new Map(categories.map((c) => [c.id, c.parent_id]));
    if (!canServe(tree, { categoryId: need.category_id, size: need.size, season: need.season }, { categoryId: offer.category_id, size: offer.size, season: offer.season })) {
      throw new AppError("donations:errors.noFit", 400);
    }
    const missing = stillNeeded(need);
    if (args.quantity > missing) throw new AppError(msg("donations:errors.moreThanNeeded", { count: missing }), 400, "quantity");
    const r = await trx
      .updateTable("donation_offer")
      .set((eb) => ({ quantity_reserved: eb("quantity_reserved", "+", args.quantity), updated_at: now.toISOString() }))
      .where("id", "=", offer.id)
      .where((eb) => eb(eb("quantity", "-", eb.ref("quantity_reserved")), ">=", args.quantity))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("donations:errors.notEnoughLeft", 409, "quantity");
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("donation_match")
      .values({
        offer_id: offer.id,
        need_id: need.id,
        quantity: args.quantity,
        handover_mode: null,
        handover_on: null,
        time_from: null,
        time_to: null,
        state: "reserved",
        outcome_reason: null,
        outcome_at: null,
        created_by: actor.userId,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await syncNeed(trx, need.id, { by: actor.userId, reason: null, now });
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "donation_match", entityId: id, details: { needId: need.id, offerId: offer.id, quantity: args.quantity }, now });
    return id;
  });
}
