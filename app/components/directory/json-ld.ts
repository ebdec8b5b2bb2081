import { berlinToInstant } from "~/utils/dates";
import type { OfferDateView } from "./offer-bits";

const BYDAY = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

type JsonLdOffer = {
  id: number;
  title: string;
  description: string;
  organisation_name: string;
  place: string | null;
  district: string | null;
  town?: string | null;
  cost: string;
  dates: readonly OfferDateView[];
};

/**
 * schema.org data of a public offer (issue #15): an `Event` with its single dates and weekly
 * `Schedule`s when it has dates, else a `Service`. Organiser and place only, no person. Serialised
 * for a `<script type="application/ld+json">`: `<` is escaped so no text can close the element.
 */
export function offerJsonLd(o: JsonLdOffer, url: string): string {
  const organizer = { "@type": "Organization", name: o.organisation_name };
  const place = [o.place, o.district].filter(Boolean).join(", ");
  const location = place ? { "@type": "Place", name: place, address: { "@type": "PostalAddress", addressLocality: o.town ?? undefined, addressCountry: "DE" } } : undefined;
  const offers = o.cost === "free" ? { "@type": "Offer", price: 0, priceCurrency: "EUR" } : undefined;
  const single = o.dates.filter((d) => d.kind === "single" && d.starts_at);
  const weekly = o.dates.filter((d) => d.kind === "weekly" && d.start_time && d.end_time);
  const body =
    single.length || weekly.length
      ? {
          "@context": "https://schema.org",
          "@type": "Event",
          name: o.title,
          description: o.description,
          url,
          organizer,
          location,
          offers,
          eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
          startDate: single[0]?.starts_at ?? (weekly[0].valid_from ? berlinToInstant(weekly[0].valid_from, weekly[0].start_time!).toISOString() : undefined),
          endDate: single[0]?.ends_at ?? undefined,
          eventSchedule: weekly.length
            ? weekly.map((d) => ({
                "@type": "Schedule",
                repeatFrequency: "P1W",
                byDay: `https://schema.org/${BYDAY[d.weekday]}`,
                startTime: d.start_time,
                endTime: d.end_time,
                startDate: d.valid_from ?? undefined,
                endDate: d.valid_until ?? undefined,
                scheduleTimezone: "Europe/Berlin",
              }))
            : undefined,
        }
      : { "@context": "https://schema.org", "@type": "Service", name: o.title, description: o.description, url, provider: organizer, areaServed: location, offers };
  return JSON.stringify(body).replace(/</g, "\\u003c");
}
