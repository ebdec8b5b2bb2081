import { createHash } from "node:crypto";
import { buildCalendar, utc, type IcsEvent } from "~/modules/rooms/ical";
import { addDaysToDay, berlinToInstant, weekdayOfDay } from "~/utils/dates";
import { getPublicOffer, type OfferDate } from "./offer-directory.server";

/**
 * The iCalendar feed of a public offer (/angebote/:id/kalender.ics): its weekly slots as events with
 * a weekly RRULE in Europe/Berlin (so 18:00 stays 18:00 across the change to and from summer time)
 * and its single dates. Written by the rooms module's iCalendar writer.
 */
const BYDAY = ["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** The first day on or after `from` that falls on the ISO weekday. */
export function firstWeekday(from: string, weekday: number): string {
  return addDaysToDay(from, (weekday - weekdayOfDay(from) + 7) % 7);
}

export function offerEvents(offerId: number, summary: string, location: string | undefined, dates: OfferDate[]): IcsEvent[] {
  const events: IcsEvent[] = [];
  dates.forEach((d, i) => {
    const uid = `offer-${offerId}-${i + 1}@ehrenamt-hub`;
    if (d.kind === "weekly" && d.start_time && d.end_time && d.valid_from) {
      const day = firstWeekday(d.valid_from, d.weekday);
      const until = d.valid_until ? `;UNTIL=${utc(berlinToInstant(d.valid_until, "23:59").toISOString())}` : "";
      events.push({
        uid,
        startsAt: berlinToInstant(day, d.start_time).toISOString(),
        endsAt: berlinToInstant(day, d.end_time).toISOString(),
        summary,
        location,
        rrule: `FREQ=WEEKLY;BYDAY=${BYDAY[d.weekday]}${until}`,
      });
    } else if (d.kind === "single" && d.starts_at && d.ends_at) {
      events.push({ uid, startsAt: d.starts_at, endsAt: d.ends_at, summary, location });
    }
  });
  return events;
}

/** The feed of a public offer in the visitor's language, or null (→ 404). */
export async function offerCalendar(offerId: number, lang: string, now = new Date()) {
  const offer = await getPublicOffer(offerId, lang);
  if (!offer) return null;
  const location = [offer.place, offer.district].filter(Boolean).join(", ") || undefined;
  const summary = `${offer.title} (${offer.organisation_name})`;
  // DTSTAMP from the offer's last change: the same data gives the same bytes (and ETag).
  const body = buildCalendar({ name: summary, events: offerEvents(offer.id, summary, location, offer.dates), now: new Date(offer.updated_at ?? now.toISOString()), prodId: "-//Ehrenamt-Hub//Offers//DE" });
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
}
