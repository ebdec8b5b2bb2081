import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { queueBookingMail } from "./mail.server";
import { closeTasksFor } from "~/modules/tasks/tasks.server";

/** Key out: to whom, deposit received, condition at the start. Only for confirmed bookings. */
export async function handOutKey(actor: Actor, bookingId: number, args: { handedTo: string; deposit: number; conditionOut?: string }, now = new Date()) {
  requirePermission(actor, "approve:booking:any");
  await transaction(async (trx) => {
    const b = await trx.selectFrom("booking").select(["id", "status"]).where("id", "=", bookingId).executeTakeFirst();
    if (!b) throw new AppError("errors.notFound", 404);
    if (b.status !== "confirmed") throw new AppError("rooms:errors.keyNeedsConfirmed", 409);
    const existing = await trx.selectFrom("key_handover").select("id").where("booking_id", "=", bookingId).executeTakeFirst();
    if (existing) throw new AppError("rooms:errors.keyAlreadyOut", 409);
    await trx
      .insertInto("key_handover")
      .values({ booking_id: bookingId, handed_out_at: now.toISOString(), handed_to: args.handedTo, deposit_cents: args.deposit * 100, condition_out: args.conditionOut ?? null, created_at: now.toISOString() })
      .execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "key-out", entity: "booking", entityId: bookingId, now });
  });
}

/** Key back: deposit returned or (partly) kept, condition at the end, damages. */
export async function takeBackKey(
  actor: Actor,
  bookingId: number,
  args: { depositOutcome: "returned" | "kept" | "partly_kept"; conditionBack?: string; damages?: string },
  now = new Date(),
) {
  requirePermission(actor, "approve:booking:any");
  await transaction(async (trx) => {
    const k = await trx.selectFrom("key_handover").select(["id", "returned_at"]).where("booking_id", "=", bookingId).executeTakeFirst();
    if (!k) throw new AppError("rooms:errors.keyNotOut", 409);
    if (k.returned_at) throw new AppError("rooms:errors.keyAlreadyBack", 409);
    await trx
      .updateTable("key_handover")
      .set({ returned_at: now.toISOString(), deposit_outcome: args.depositOutcome, condition_back: args.conditionBack ?? null, damages: args.damages ?? null })
      .where("id", "=", k.id)
      .execute();
    await closeTasksFor(trx, "key-return", bookingId, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "key-back", entity: "booking", entityId: bookingId, now });
  });
}

/** Daily: keys still out a day after the booking ended get one reminder to the requester. */
export async function remindKeyReturns(trx: Kysely<DB>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 3600_000).toISOString();
  const due = await trx
    .selectFrom("key_handover")
    .innerJoin("booking", "booking.id", "key_handover.booking_id")
    .innerJoin("room", "room.id", "booking.room_id")
    .select(["key_handover.id", "booking.contact_email", "booking.contact_name", "booking.locale", "booking.starts_at", "booking.ends_at", "room.name"])
    .where("key_handover.returned_at", "is", null)
    .where("key_handover.reminder_sent_at", "is", null)
    .where("booking.ends_at", "<", cutoff)
    .execute();
  for (const d of due) {
    await queueBookingMail(trx, { template: "room-key-return-reminder", to: d.contact_email, name: d.contact_name, locale: d.locale, room: d.name, slots: [d], now });
    await trx.updateTable("key_handover").set({ reminder_sent_at: now.toISOString() }).where("id", "=", d.id).execute();
  }
  return due.length;
}
