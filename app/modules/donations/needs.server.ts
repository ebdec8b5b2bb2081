import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { hasDonationsConsent } from "./households.server";
import { normaliseSize } from "./matching";
import { cancelNeed, reopenNeed } from "./need-coverage.server";
import type { NeedInput } from "./schema";

/** An active category; its size kind decides whether size and season are kept. */
export async function requireCategory(db: Kysely<DB>, categoryId: number) {
  const c = await db.selectFrom("donation_category").select(["id", "size_kind", "seasonal"]).where("id", "=", categoryId).where("active", "=", 1).executeTakeFirst();
  if (!c) throw new AppError("donations:errors.unknownCategory", 400, "categoryId");
  return c;
}

/** Sizes are stored as typed (spaces tidied, "m" → "M"); matching compares them normalised. */
export function tidySize(size: string | undefined): string | null {
  if (!normaliseSize(size)) return null;
  const s = size!.trim().replace(/\s+/g, " ");
  return /^[a-z]{1,4}$/i.test(s) ? s.toUpperCase() : s;
}

export function sizeFor(category: { size_kind: string; seasonal: number }, size: string | undefined, season: string | undefined) {
  return {
    size: category.size_kind === "none" ? null : tidySize(size),
    season: category.seasonal ? ((season as "summer" | "winter" | "all" | undefined) ?? null) : null,
  };
}

/** Opens a need. Without the household's donations consent in force, no need can be opened. */
export async function createNeed(actor: Actor, householdId: number, input: NeedInput, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:household:any");
  return transaction(async (trx) => {
    const h = await trx.selectFrom("household").select("id").where("id", "=", householdId).where("erased_at", "is", null).executeTakeFirst();
    if (!h) throw new AppError("errors.notFound", 404);
    if (!(await hasDonationsConsent(trx, householdId))) throw new AppError("donations:errors.noConsent", 400);
    const category = await requireCategory(trx, input.categoryId);
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("donation_need")
      .values({
        household_id: householdId,
        category_id: category.id,
        ...sizeFor(category, input.size, input.season),
        quantity: input.quantity,
        urgency: input.urgency,
        note: input.note ?? null,
        status: "open",
        created_by: actor.userId,
        created_at: ts,
        updated_at: ts,
        fulfilled_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("donation_need_history").values({ need_id: id, from_status: null, to_status: "open", covered: 0, changed_by: actor.userId, reason: null, changed_at: ts }).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "household", entityId: householdId, details: { need: id }, now });
    return id;
  });
}

/**
 * Cancel a need that is open (also partly reserved) or matched — its reservations are
 * released — or open a cancelled one again (only with the donations consent).
 */
export async function setNeedStatus(actor: Actor, householdId: number, needId: number, to: "cancelled" | "open", reason: string | undefined, now = new Date()) {
  requirePermission(actor, "manage:household:any");
  await transaction(async (trx) => {
    const n = await trx.selectFrom("donation_need").select(["id", "status"]).where("id", "=", needId).where("household_id", "=", householdId).executeTakeFirst();
    if (!n) throw new AppError("errors.notFound", 404);
    const allowed = to === "cancelled" ? n.status === "open" || n.status === "matched" : n.status === "cancelled";
    if (!allowed) throw new AppError("donations:errors.needState", 400);
    if (to === "open" && !(await hasDonationsConsent(trx, householdId))) throw new AppError("donations:errors.noConsent", 400);
    const change = { by: actor.userId, reason: reason ?? null, now };
    if (to === "cancelled") await cancelNeed(trx, needId, change);
    else await reopenNeed(trx, needId, change);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "household", entityId: householdId, details: { need: needId, status: to }, now });
  });
}

/** A household's needs with their history, newest first (office only). */
export async function listHouseholdNeeds(householdId: number, db: Kysely<DB> = getDb()) {
  const needs = await db
    .selectFrom("donation_need as n")
    .innerJoin("donation_category as c", "c.id", "n.category_id")
    .select(["n.id", "n.category_id", "c.slug as categorySlug", "n.size", "n.season", "n.quantity", "n.quantity_covered", "n.urgency", "n.note", "n.status", "n.created_at", "n.fulfilled_at"])
    .where("n.household_id", "=", householdId)
    .orderBy("n.id", "desc")
    .execute();
  const history = needs.length
    ? await db
        .selectFrom("donation_need_history as h")
        .leftJoin("user as u", "u.id", "h.changed_by")
        .select(["h.id", "h.need_id", "h.from_status", "h.to_status", "h.covered", "h.reason", "h.changed_at", "u.name as by"])
        .where("h.need_id", "in", needs.map((n) => n.id))
        .orderBy("h.id")
        .execute()
    : [];
  return needs.map((n) => ({ ...n, history: history.filter((h) => h.need_id === n.id) }));
}
