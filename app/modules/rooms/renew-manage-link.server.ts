import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { manageUrl, queueBookingMail } from "./mail.server";

/**
 * The office revokes a booking's private manage link (e.g. forwarded by mistake) and mails a
 * new one to the requester. Every date of the series gets a new hash at once, so the old link
 * and its per-date variants stop working in the same transaction; only hashes are stored.
 */
export async function renewManageLink(actor: Actor, bookingId: number, now = new Date()) {
  requirePermission(actor, "approve:booking:any");
  return transaction(async (trx) => {
    const b = await trx
      .selectFrom("booking")
      .innerJoin("room", "room.id", "booking.room_id")
      .select(["booking.id", "booking.series_id", "booking.contact_email", "booking.contact_name", "booking.locale", "room.name as room_name"])
      .where("booking.id", "=", bookingId)
      .executeTakeFirst();
    if (!b) throw new AppError("errors.notFound", 404);
    const dates = b.series_id
      ? await trx.selectFrom("booking").select(["id", "starts_at", "ends_at", "status"]).where("series_id", "=", b.series_id).orderBy("id").execute()
      : await trx.selectFrom("booking").select(["id", "starts_at", "ends_at", "status"]).where("id", "=", b.id).execute();
    const token = generateToken();
    const ts = now.toISOString();
    // The link names the first date (as the first mail's did); every other date has its own hash.
    for (const [i, d] of dates.entries()) {
      await trx.updateTable("booking").set({ manage_token_hash: hashToken(i === 0 ? token : `${token}.${i}`), updated_at: ts }).where("id", "=", d.id).execute();
    }
    const active = dates.filter((d) => ["unconfirmed", "requested", "confirmed"].includes(d.status) && d.starts_at > ts);
    await queueBookingMail(trx, {
      template: "room-manage-link",
      to: b.contact_email,
      name: b.contact_name,
      locale: b.locale,
      room: b.room_name,
      slots: (active.length ? active : dates).map((d) => ({ starts_at: d.starts_at, ends_at: d.ends_at })),
      url: manageUrl(token),
      now,
    });
    await recordAudit(trx, { actorUserId: actor.userId, action: "renew-manage-link", entity: "booking", entityId: b.id, details: { ids: dates.map((d) => d.id) }, now });
    return { to: b.contact_email };
  });
}
