import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { TemplateName } from "@emails/templates";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { formatSlot } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { bookingUid, buildCalendar } from "./ical";
import { localisedText, type ShownText } from "./translations";

type RoomTemplate = Extract<TemplateName, `room-${string}`>;

/**
 * The room's texts a confirmation carries: where and when the key is collected (migration 0063) and
 * the note on the fee (migration 0065), each the German text and its translations (JSON), as stored.
 */
export type RoomTexts = { place: string; hours: string; placeTranslations?: string; hoursTranslations?: string; feeNote?: string; feeNoteTranslations?: string };

/** The room columns `roomTextsOf` reads, for a query joining `room`. */
export const ROOM_TEXT_COLUMNS = ["room.key_pickup_place", "room.key_pickup_hours", "room.key_pickup_place_translations", "room.key_pickup_hours_translations", "room.fee_note", "room.fee_note_translations"] as const;

export const roomTextsOf = (r: {
  key_pickup_place: string;
  key_pickup_hours: string;
  key_pickup_place_translations: string;
  key_pickup_hours_translations: string;
  fee_note: string;
  fee_note_translations: string;
}): RoomTexts => ({
  place: r.key_pickup_place,
  hours: r.key_pickup_hours,
  placeTranslations: r.key_pickup_place_translations,
  hoursTranslations: r.key_pickup_hours_translations,
  feeNote: r.fee_note,
  feeNoteTranslations: r.fee_note_translations,
});

/** The room's texts in the mail's language; one that falls back to German says so (`keyPlaceLang`, …), so the HTML marks it. */
function roomTextsData(k: RoomTexts | undefined, locale: string) {
  if (!k) return {};
  const shown = (german: string | undefined, json: string | undefined) => (german ? localisedText(german, json, locale) : null);
  const place = shown(k.place, k.placeTranslations);
  const hours = shown(k.hours, k.hoursTranslations);
  const fee = shown(k.feeNote, k.feeNoteTranslations);
  const other = (s: ShownText | null) => (s && s.lang !== locale ? s.lang : undefined);
  return {
    keyPlace: place?.text || undefined,
    keyPlaceLang: other(place),
    keyHours: hours?.text || undefined,
    keyHoursLang: other(hours),
    feeNote: fee?.text || undefined,
    feeNoteLang: other(fee),
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
    /** Where and when the key is collected and the note on the fee (confirmations), as configured for the room. */
    roomTexts?: RoomTexts;
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
      ...roomTextsData(args.roomTexts, args.locale),
    },
    now: args.now,
    attachments,
  });
}
