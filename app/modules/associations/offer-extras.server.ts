import type { Kysely } from "kysely";
import type { DB, OfferTextLocale } from "@db/schema";
import { berlinDay, berlinTime, berlinToInstant, weekdayOfDay } from "~/utils/dates";
import { titledSearchKey } from "~/utils/text-keys";
import { OFFER_SINGLE_ROWS, OFFER_TEXT_LOCALES, OFFER_WEEKLY_ROWS, type OfferInput } from "./schema";

/**
 * What the offers directory (issue #15, migration 0049, ADR 0039) adds to an offer: its title and
 * description in further UI languages, its dates (weekly slots, single dates) and "volunteers
 * wanted". Written in the offer command's transaction; read for the /verein form.
 */
const capital = (l: string) => l[0].toUpperCase() + l.slice(1);
type Input = Omit<OfferInput, "intent">;
type Values = Record<string, string | number | boolean | undefined>;

export async function writeOfferExtras(trx: Kysely<DB>, offerId: number, input: Input, now: Date) {
  const v = input as unknown as Values;
  await trx.deleteFrom("association_offer_text").where("offer_id", "=", offerId).execute();
  const texts = OFFER_TEXT_LOCALES.flatMap((locale) => {
    const title = v[`title${capital(locale)}`];
    const description = v[`description${capital(locale)}`];
    return typeof title === "string" && typeof description === "string"
      ? [{ offer_id: offerId, locale: locale as OfferTextLocale, title, description, search_key: titledSearchKey(title, description) }]
      : [];
  });
  if (texts.length) await trx.insertInto("association_offer_text").values(texts).execute();

  await trx.deleteFrom("association_offer_date").where("offer_id", "=", offerId).execute();
  const dates = [];
  for (let i = 1; i <= OFFER_WEEKLY_ROWS; i++) {
    const day = v[`weekly${i}Day`];
    const from = v[`weekly${i}From`];
    const to = v[`weekly${i}To`];
    if (typeof day !== "number" || typeof from !== "string" || typeof to !== "string") continue;
    const since = typeof v[`weekly${i}Since`] === "string" ? (v[`weekly${i}Since`] as string) : berlinDay(now);
    const until = typeof v[`weekly${i}Until`] === "string" ? (v[`weekly${i}Until`] as string) : null;
    dates.push({ offer_id: offerId, kind: "weekly" as const, weekday: day, start_time: from, end_time: to, valid_from: since, valid_until: until, starts_at: null, ends_at: null });
  }
  for (let i = 1; i <= OFFER_SINGLE_ROWS; i++) {
    const day = v[`single${i}Date`];
    const from = v[`single${i}From`];
    const to = v[`single${i}To`];
    if (typeof day !== "string" || typeof from !== "string" || typeof to !== "string") continue;
    dates.push({
      offer_id: offerId,
      kind: "single" as const,
      weekday: weekdayOfDay(day),
      start_time: null,
      end_time: null,
      valid_from: null,
      valid_until: null,
      starts_at: berlinToInstant(day, from).toISOString(),
      ends_at: berlinToInstant(day, to).toISOString(),
    });
  }
  if (dates.length) await trx.insertInto("association_offer_date").values(dates).execute();
}

export async function deleteOfferExtras(trx: Kysely<DB>, offerId: number) {
  await trx.deleteFrom("association_offer_text").where("offer_id", "=", offerId).execute();
  await trx.deleteFrom("association_offer_date").where("offer_id", "=", offerId).execute();
  await trx.deleteFrom("association_offer_help").where("offer_id", "=", offerId).execute();
}

export async function readOfferExtras(db: Kysely<DB>, offerId: number) {
  const [texts, dates] = await Promise.all([
    db.selectFrom("association_offer_text").select(["locale", "title", "description"]).where("offer_id", "=", offerId).orderBy("locale").execute(),
    db.selectFrom("association_offer_date").selectAll().where("offer_id", "=", offerId).orderBy("kind", "desc").orderBy("starts_at").orderBy("weekday").orderBy("id").execute(),
  ]);
  return { texts, dates };
}

/** The form's values of texts, dates and "volunteers wanted" (rows beyond the form's are dropped). */
export function offerTextDefaults(o: Awaited<ReturnType<typeof readOfferExtras>> & { volunteers_wanted: number }): Record<string, string> {
  const out: Record<string, string> = { volunteersWanted: o.volunteers_wanted ? "on" : "" };
  for (const t of o.texts) {
    out[`title${capital(t.locale)}`] = t.title;
    out[`description${capital(t.locale)}`] = t.description;
  }
  o.dates
    .filter((d) => d.kind === "weekly")
    .slice(0, OFFER_WEEKLY_ROWS)
    .forEach((d, i) => {
      Object.assign(out, { [`weekly${i + 1}Day`]: String(d.weekday), [`weekly${i + 1}From`]: d.start_time ?? "", [`weekly${i + 1}To`]: d.end_time ?? "", [`weekly${i + 1}Since`]: d.valid_from ?? "", [`weekly${i + 1}Until`]: d.valid_until ?? "" });
    });
  o.dates
    .filter((d) => d.kind === "single" && d.starts_at && d.ends_at)
    .slice(0, OFFER_SINGLE_ROWS)
    .forEach((d, i) => {
      Object.assign(out, { [`single${i + 1}Date`]: berlinDay(d.starts_at!), [`single${i + 1}From`]: berlinTime(d.starts_at!), [`single${i + 1}To`]: berlinTime(d.ends_at!) });
    });
  return out;
}
