import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { getDb } from "~/utils/db.server";

/**
 * Whose room requests are "the person's own": made while logged in to the account, or under
 * the account's e-mail address once that address is verified (a guest request made before the
 * account existed). An unverified address proves nothing, so it matches nothing (ADR 0023).
 */
async function ownerOf(db: Kysely<DB>, userId: string) {
  const u = await db.selectFrom("user").select(["email", "email_verified_at"]).where("id", "=", userId).executeTakeFirst();
  return { userId, email: u?.email_verified_at ? u.email.toLowerCase() : null };
}

function ownBookings(db: Kysely<DB>, owner: { userId: string; email: string | null }) {
  return db
    .selectFrom("booking as b")
    .innerJoin("room as r", "r.id", "b.room_id")
    .where((eb) => {
      const ors = [eb("b.requester_user_id", "=", owner.userId)];
      if (owner.email) ors.push(eb(eb.fn("lower", ["b.contact_email"]), "=", owner.email));
      return eb.or(ors);
    });
}

/** Art. 15 for an account: its room requests and bookings (also guest requests under its verified e-mail). */
export const roomsExporter: PersonalDataExporter = {
  name: "rooms",
  run: async (trx, userId) => {
    const bookings = await ownBookings(trx, await ownerOf(trx, userId))
      .select([
        "b.id",
        "r.name as room",
        "b.status",
        "b.starts_at",
        "b.ends_at",
        "b.series_id",
        "b.contact_name",
        "b.contact_email",
        "b.contact_phone",
        "b.group_name",
        "b.purpose",
        "b.attendees",
        "b.responsible_adult",
        "b.locale",
        "b.decision_reason",
        "b.decided_at",
        "b.created_at",
      ])
      .orderBy("b.starts_at")
      .execute();
    return { bookings };
  },
};

/**
 * Art. 17 for an account: its bookings (the same ones the export lists) lose the requester's
 * name, e-mail, phone and the responsible adult's name; the booking rows stay (with their room,
 * time and status), so the calendar, the utilisation figures and the key records stay right. The
 * private manage link of each booking ends, the requester's calendar feeds end, and the name on a
 * key handover is removed.
 */
export const roomsEraser: PersonalDataEraser = {
  name: "rooms",
  run: async (trx, userId, now) => {
    const own = await ownBookings(trx, await ownerOf(trx, userId)).select(["b.id", "b.contact_email"]).execute();
    if (own.length === 0) return;
    const at = now.toISOString();
    const emails = [...new Set(own.map((b) => b.contact_email))];
    for (const b of own) {
      await trx
        .updateTable("booking")
        .set({
          requester_user_id: null,
          contact_name: "—",
          contact_email: `deleted-${userId}@invalid.invalid`,
          contact_phone: null,
          responsible_adult: "—",
          // A fresh hash nobody holds the token of: the mailed link stops working.
          manage_token_hash: hashToken(generateToken()),
          updated_at: at,
        })
        .where("id", "=", b.id)
        .execute();
    }
    const ids = own.map((b) => b.id);
    await trx.updateTable("key_handover").set({ handed_to: "—" }).where("booking_id", "in", ids).execute();
    await trx.updateTable("calendar_feed").set({ email: null, revoked_at: at }).where("kind", "=", "requester").where("email", "in", emails).where("revoked_at", "is", null).execute();
    await trx.updateTable("calendar_feed").set({ email: null }).where("kind", "=", "requester").where("email", "in", emails).execute();
  },
};

/** The actor's own room requests for `/me/anfragen` (newest date first; at most 200). */
export async function listOwnBookings(actor: Actor, db: Kysely<DB> = getDb()) {
  return ownBookings(db, await ownerOf(db, actor.userId))
    .select(["b.id", "r.id as roomId", "r.name as room", "b.status", "b.starts_at", "b.ends_at", "b.series_id", "b.purpose", "b.created_at"])
    .orderBy("b.starts_at", "desc")
    .limit(200)
    .execute();
}
