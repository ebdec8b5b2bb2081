import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import type { PersonalDataExporter } from "~/modules/volunteers/personal-data-types";
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

/** The actor's own room requests for `/me/anfragen` (newest date first; at most 200). */
export async function listOwnBookings(actor: Actor, db: Kysely<DB> = getDb()) {
  return ownBookings(db, await ownerOf(db, actor.userId))
    .select(["b.id", "r.id as roomId", "r.name as room", "b.status", "b.starts_at", "b.ends_at", "b.series_id", "b.purpose", "b.created_at"])
    .orderBy("b.starts_at", "desc")
    .limit(200)
    .execute();
}
