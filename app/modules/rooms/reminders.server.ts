import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { addDaysToDay, berlinDay, berlinToInstant } from "~/utils/dates";
import { queueBookingMail } from "./mail.server";

/** Daily: a reminder the day before each confirmed booking (once; a changed time resets it). */
export async function remindTomorrowsBookings(trx: Kysely<DB>, now: Date): Promise<number> {
  const tomorrow = addDaysToDay(berlinDay(now), 1);
  const from = berlinToInstant(tomorrow).toISOString();
  const to = berlinToInstant(addDaysToDay(tomorrow, 1)).toISOString();
  const due = await trx
    .selectFrom("booking")
    .innerJoin("room", "room.id", "booking.room_id")
    .select(["booking.id", "booking.contact_email", "booking.contact_name", "booking.locale", "booking.starts_at", "booking.ends_at", "room.name"])
    .where("booking.status", "=", "confirmed")
    .where("booking.reminder_sent_at", "is", null)
    .where("booking.starts_at", ">=", from)
    .where("booking.starts_at", "<", to)
    .execute();
  for (const b of due) {
    await queueBookingMail(trx, { template: "room-booking-reminder", to: b.contact_email, name: b.contact_name, locale: b.locale, room: b.name, slots: [b], now });
    await trx.updateTable("booking").set({ reminder_sent_at: now.toISOString() }).where("id", "=", b.id).execute();
  }
  return due.length;
}
