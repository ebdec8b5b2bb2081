import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { TemplateName } from "@emails/templates";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { formatSlot } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { bookingUid, buildCalendar } from "./ical";

type RoomTemplate = Extract<TemplateName, `room-${string}`>;

export const manageUrl = (token: string) => `${env().BASE_URL}/raum/buchung/${token}`;

/** Queues one room message to the requester, in their language, inside the caller's transaction. */
export async function queueBookingMail(
  trx: Kysely<DB>,
  args: {
    template: RoomTemplate;
    to: string;
    name: string;
    locale: string;
    room: string;
    /** With `id` (and `sequence`) per slot, each date of a series becomes its own event in the .ics. */
    slots: Array<{ starts_at: string; ends_at: string; id?: number; sequence?: number }>;
    url?: string;
    reason?: string | null;
    now: Date;
    /** Attach the booking(s) as an .ics (confirmations). */
    ics?: { id?: number; address: string; purpose: string; sequence?: number };
    /** Where and when the key is collected (confirmations), as configured for the room. */
    keyPickup?: { place: string; hours: string };
  },
) {
  const attachments = args.ics
    ? [
        {
          filename: "buchung.ics",
          contentType: "text/calendar; charset=utf-8; method=PUBLISH",
          content: buildCalendar({
            name: args.room,
            now: args.now,
            events: args.slots.map((s) => ({
              uid: bookingUid(s.id ?? args.ics!.id!),
              startsAt: s.starts_at,
              endsAt: s.ends_at,
              summary: `${args.room}: ${args.ics!.purpose}`,
              location: args.ics!.address,
              status: "CONFIRMED" as const,
              sequence: s.sequence ?? args.ics!.sequence ?? 0,
            })),
          }),
        },
      ]
    : undefined;
  await enqueueMail(trx, {
    to: args.to,
    locale: args.locale,
    template: args.template,
    data: {
      name: args.name,
      room: args.room,
      dates: args.slots.map((s) => formatSlot(s.starts_at, s.ends_at, args.locale)),
      url: args.url,
      reason: args.reason ?? undefined,
      keyPlace: args.keyPickup?.place || undefined,
      keyHours: args.keyPickup?.hours || undefined,
    },
    now: args.now,
    attachments,
  });
}
