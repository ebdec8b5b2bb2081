import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import { AppError, isAppError } from "~/utils/errors";
import { assertSlotFree, bookingSlots, confirmingTransaction } from "./decide-booking.server";
import { sequenceOf } from "./ical";
import { ROOM_TEXT_COLUMNS, roomTextsOf, queueBookingMail } from "./mail.server";
import { closeTasksFor } from "~/modules/tasks/tasks.server";

/**
 * Approves every waiting future date of a series in one immediate transaction. A date that
 * collides (confirmed booking, buffer, blackout) stays requested and is reported; the others
 * are confirmed — one bad date never breaks the series. One mail lists the confirmed dates.
 */
export async function approveSeries(actor: Actor, seriesId: number, now = new Date()) {
  requirePermission(actor, "approve:booking:any");
  const waiting = async () =>
    (await getDb().selectFrom("booking").select("id").where("series_id", "=", seriesId).where("status", "=", "requested").where("starts_at", ">", now.toISOString()).execute()).map((r) => r.id);
  return confirmingTransaction(bookingSlots(waiting), async (trx) => {
    const dates = await trx
      .selectFrom("booking")
      .innerJoin("room", "room.id", "booking.room_id")
      .selectAll("booking")
      .select(["room.name as room_name", "room.address as room_address", ...ROOM_TEXT_COLUMNS])
      .where("booking.series_id", "=", seriesId)
      .where("booking.status", "=", "requested")
      .where("booking.starts_at", ">", now.toISOString())
      .orderBy("booking.starts_at")
      .execute();
    if (!dates.length) throw new AppError("rooms:errors.notPending", 409);
    const ts = now.toISOString();
    const confirmed: typeof dates = [];
    const skipped: Array<{ id: number; key: string; values?: Record<string, string | number> }> = [];
    for (const b of dates) {
      try {
        // Sees the dates confirmed earlier in this loop: dates of one series never collide either.
        await assertSlotFree(trx, b);
      } catch (e) {
        if (!isAppError(e)) throw e;
        skipped.push({ id: b.id, key: e.key, values: e.values });
        continue;
      }
      await trx.updateTable("booking").set({ status: "confirmed", decided_by: actor.userId, decided_at: ts, updated_at: ts }).where("id", "=", b.id).execute();
      await closeTasksFor(trx, "room-request", b.id, now);
      confirmed.push(b);
    }
    if (confirmed.length) {
      const first = confirmed[0];
      await queueBookingMail(trx, {
        template: "room-booking-confirmed",
        to: first.contact_email,
        name: first.contact_name,
        locale: first.locale,
        room: first.room_name,
        // One event per date (its own stable UID) in the attached .ics.
        slots: confirmed.map((b) => ({ starts_at: b.starts_at, ends_at: b.ends_at, id: b.id, sequence: sequenceOf(b.created_at, ts) })),
        now,
        ics: { address: first.room_address, purpose: first.purpose },
        roomTexts: roomTextsOf(first),
      });
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "approve-series", entity: "booking_series", entityId: seriesId, details: { confirmed: confirmed.map((b) => b.id), skipped: skipped.map((s) => s.id) }, now });
    return { confirmed: confirmed.map((b) => b.id), skipped };
  });
}
