import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { TemplateName } from "@emails/templates";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { formatSlot } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { bookingUid, buildCalendar } from "./ical";
import { localisedText } from "./translations";

type RoomTemplate = Extract<TemplateName, `room-${string}`>;

/** Where and when the key is collected: the German texts and their translations (JSON), as stored for the room. */
export type KeyPickup = { place: string; hours: string; placeTranslations?: string; hoursTranslations?: string };

export const keyPickupOf = (r: { key_pickup_place: string; key_pickup_hours: string; key_pickup_place_translations: string; key_pickup_hours_translations: string }): KeyPickup => ({
  place: r.key_pickup_place,
  hours: r.key_pickup_hours,
  placeTranslations: r.key_pickup_place_translations,
  hoursTranslations: r.key_pickup_hours_translations,
});

/** The key texts in the mail's language; one that falls back to German says so (`keyPlaceLang`), so the HTML marks it. */
function keyPickupData(k: KeyPickup | undefined, locale: string) {
  if (!k) return {};
  const place = k.place ? localisedText(k.place, k.placeTranslations, locale) : null;
  const hours = k.hours ? localisedText(k.hours, k.hoursTranslations, locale) : null;
  return {
    keyPlace: place?.text || undefined,
    keyPlaceLang: place && place.lang !== locale ? place.lang : undefined,
    keyHours: hours?.text || undefined,
    keyHoursLang: hours && hours.lang !== locale ? hours.lang : undefined,
  };
}

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
    keyPickup?: KeyPickup;
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
      ...keyPickupData(args.keyPickup, args.locale),
    },
    now: args.now,
    attachments,
  });
}
