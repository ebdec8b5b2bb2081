import { can, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors";
import type { Period } from "./period";
import type { EventInput } from "./schema";

function requireManage(actor: Actor) {
  if (!can(actor, "manage:report:any")) throw forbidden();
}

/** The events register of a period (newest first); counts only, no names. */
export async function listEvents(actor: Actor, period: Pick<Period, "from" | "to">, districtId?: number) {
  if (!can(actor, "read:report:any")) throw forbidden();
  return getDb()
    .selectFrom("report_event as e")
    .leftJoin("district as d", "d.id", "e.district_id")
    .select(["e.id", "e.day", "e.kind", "e.block", "e.title", "e.participants", "e.volunteers", "d.name as district"])
    .where("e.day", ">=", period.from)
    .where("e.day", "<", period.to)
    .$if(!!districtId, (q) => q.where("e.district_id", "=", districtId!))
    .orderBy("e.day", "desc")
    .orderBy("e.id", "desc")
    .limit(500)
    .execute();
}

export async function createEvent(actor: Actor, input: Omit<EventInput, "intent">, now = new Date()) {
  requireManage(actor);
  return transaction(async (trx) => {
    const { id } = await trx
      .insertInto("report_event")
      .values({
        day: input.day,
        kind: input.kind,
        block: input.block,
        title: input.title,
        district_id: input.districtId ?? null,
        participants: input.participants,
        volunteers: input.volunteers,
        created_by: actor.userId,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "report_event", entityId: id, now });
    return Number(id);
  });
}

export async function deleteEvent(actor: Actor, id: number, now = new Date()) {
  requireManage(actor);
  await transaction(async (trx) => {
    const found = await trx.selectFrom("report_event").select("id").where("id", "=", id).executeTakeFirst();
    if (!found) throw notFound();
    await trx.deleteFrom("report_event").where("id", "=", id).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "delete", entity: "report_event", entityId: id, now });
  });
}

/**
 * The confirmed bookings of a period for the room occupancy plan: room, time, group and purpose
 * (what the office decides by), never the contact person; with the office's integration mark.
 */
export async function listPlanBookings(actor: Actor, period: Pick<Period, "fromIso" | "toIso">) {
  if (!can(actor, "read:report:any")) throw forbidden();
  return getDb()
    .selectFrom("booking as b")
    .innerJoin("room as r", "r.id", "b.room_id")
    .select(["b.id", "r.name as room", "b.starts_at", "b.ends_at", "b.group_name", "b.purpose", "b.integration_purpose"])
    .where("b.status", "=", "confirmed")
    .where("b.starts_at", ">=", period.fromIso)
    .where("b.starts_at", "<", period.toIso)
    .orderBy("b.starts_at")
    .orderBy("b.id")
    .limit(1000)
    .execute();
}

/** The office marks whether a booking serves the integration purpose (KOMM-AN block A). */
export async function setBookingIntegration(actor: Actor, bookingId: number, counts: boolean, now = new Date()) {
  requireManage(actor);
  if (!can(actor, "manage:room:any")) throw forbidden();
  await transaction(async (trx) => {
    const found = await trx.selectFrom("booking").select("id").where("id", "=", bookingId).executeTakeFirst();
    if (!found) throw notFound();
    await trx.updateTable("booking").set({ integration_purpose: counts ? 1 : 0 }).where("id", "=", bookingId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "booking", entityId: bookingId, details: { integrationPurpose: counts }, now });
  });
}
