import { sql, type ExpressionBuilder } from "kysely";
import { offerTextHits } from "@db/dialect";
import type { DB, OfferTextLocale } from "@db/schema";
import { getDb, getEngine } from "~/utils/db.server";
import { searchWords } from "~/utils/text-keys";
import type { OfferFilter } from "./schema";

/**
 * The public offers directory /angebote and the offer page /angebote/:id (issue #15, ADR 0039):
 * published offers of verified, not archived associations. Anonymous by design and served from the
 * page cache (scope "organisations": migrations 0037, 0038, 0049). No person's data: no member, no
 * e-mail address (the contact form relays to the association's role address).
 *
 * Texts: the visitor's UI language when the association wrote one, else the German text marked as
 * such (`fallback`: the page sets `lang="de"` on it and says that it is German).
 *
 * Search: full text on both engines (migration 0057, ADR 0046): every word of the search must be in
 * the German text or in one translation, the last word also as the start of a longer one; the
 * best-matching offers come first. Case, umlauts and Arabic letter forms are folded on both sides.
 */
export const OFFER_PAGE_SIZE = 20;
const EXCERPT = 220;

type Eb = ExpressionBuilder<DB & { o: DB["association_offer"] }, "o">;

/**
 * Published offers of verified associations; with search words only those the full-text index
 * finds, joined as `h` (`h.offer_id`, `h.score`). Why a cross join: to SQLite it means "the hits
 * first", so it reads the index once and looks each hit up by id; with an inner join its planner
 * went through every offer and ran the full-text query again for each (3 s instead of 2 ms for
 * one word at 2,000 offers). PostgreSQL plans it like any join.
 */
function publicOffers(words: readonly string[] = []) {
  const plain = getDb().selectFrom("association_offer as o");
  const from = words.length
    ? (getDb()
        .selectFrom(offerTextHits(getEngine(), words).as("h"))
        .crossJoin("association_offer as o")
        .where("o.id", "=", sql.ref<number>("h.offer_id")) as unknown as typeof plain)
    : plain;
  return from
    .innerJoin("association_profile as p", "p.organisation_id", "o.organisation_id")
    .innerJoin("organisation as org", "org.id", "o.organisation_id")
    .where("o.published", "=", 1)
    .where("p.status", "=", "verified")
    .where("org.archived_at", "is", null);
}

/** At most this many words of a search count (the field takes 32 characters). */
const MAX_WORDS = 8;

/** The folded words of a search ("Übersetzung, Briefe!" → ["ubersetzung", "briefe"]). */
export function searchTerms(q: string | undefined): string[] {
  return q ? searchWords(q).split(" ").filter(Boolean).slice(0, MAX_WORDS) : [];
}

/** Every chosen filter but the search (that is a join: `listPublicOffers`). */
function matches(eb: Eb, f: OfferFilter) {
  const parts = [];
  if (f.field !== undefined) parts.push(eb("o.field_id", "=", f.field));
  if (f.district !== undefined) parts.push(eb("o.district_id", "=", f.district));
  if (f.target !== undefined) parts.push(eb("o.target_group", "=", f.target));
  if (f.free) parts.push(eb("o.cost", "=", "free"));
  if (f.language !== undefined) {
    const code = f.language;
    parts.push(eb.exists(eb.selectFrom("association_offer_language as ol").select("ol.offer_id").whereRef("ol.offer_id", "=", "o.id").where("ol.language_code", "=", code)));
  }
  if (f.weekday !== undefined) {
    const day = f.weekday;
    parts.push(eb.exists(eb.selectFrom("association_offer_date as d").select("d.offer_id").whereRef("d.offer_id", "=", "o.id").where("d.weekday", "=", day)));
  }
  return eb.and(parts);
}

export type LocalText = { title: string; description: string; fallback: boolean };

/** The texts of the offers in `lang` (German offers and German pages need no query). */
async function textsIn(ids: number[], lang: string) {
  if (!ids.length || lang === "de") return new Map<number, { title: string; description: string }>();
  const rows = await getDb().selectFrom("association_offer_text").select(["offer_id", "title", "description"]).where("offer_id", "in", ids).where("locale", "=", lang as OfferTextLocale).execute();
  return new Map(rows.map((r) => [r.offer_id, r]));
}

const localText = (own: { title: string; description: string } | undefined, german: { title: string; description: string }, lang: string): LocalText =>
  own ? { title: own.title, description: own.description, fallback: false } : { title: german.title, description: german.description, fallback: lang !== "de" };

const excerpt = (s: string) => (s.length > EXCERPT ? `${s.slice(0, EXCERPT).trimEnd()}…` : s);

type DateRow = { offer_id: number; kind: "weekly" | "single"; weekday: number; start_time: string | null; end_time: string | null; valid_from: string | null; valid_until: string | null; starts_at: string | null; ends_at: string | null };

async function datesOf(ids: number[]): Promise<DateRow[]> {
  if (!ids.length) return [];
  return getDb()
    .selectFrom("association_offer_date")
    .select(["offer_id", "kind", "weekday", "start_time", "end_time", "valid_from", "valid_until", "starts_at", "ends_at"])
    .where("offer_id", "in", ids)
    .orderBy("offer_id")
    .orderBy("kind", "desc")
    .orderBy("weekday")
    .orderBy("starts_at")
    .orderBy("id")
    .execute();
}

/**
 * One page of /angebote: searched, filtered, counted and paged in SQL; with a search the most
 * relevant first, else (and among equally relevant ones) in title order.
 */
export async function listPublicOffers(filter: OfferFilter, requestedPage: number, lang: string) {
  const filtered = filter.field !== undefined || filter.district !== undefined || filter.target !== undefined || filter.free || filter.language !== undefined || filter.weekday !== undefined;
  const words = searchTerms(filter.q);
  // A search of nothing but punctuation ("%", "--") finds nothing, as before.
  if (filter.q !== undefined && !words.length) return { items: [], total: 0, page: 1, pageSize: OFFER_PAGE_SIZE };
  const query = filtered ? publicOffers(words).where((eb) => matches(eb as unknown as Eb, filter)) : publicOffers(words);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const count = Number(total);
  const pages = Math.max(1, Math.ceil(count / OFFER_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const ranked = words.length ? query.orderBy(sql.ref("h.score"), "desc") : query;
  const rows = await ranked
    .leftJoin("district", "district.id", "o.district_id")
    .select(["o.id", "o.title", "o.description", "o.field_id", "o.cost", "o.target_group", "o.volunteers_wanted", "o.barrier_free", "o.organisation_id", "org.name as organisation_name", "district.name as district"])
    .orderBy("o.title_key")
    .orderBy("o.id")
    .limit(OFFER_PAGE_SIZE)
    .offset((page - 1) * OFFER_PAGE_SIZE)
    .execute();
  const ids = rows.map((r) => r.id);
  const [texts, dates] = await Promise.all([textsIn(ids, lang), datesOf(ids)]);
  const items = rows.map(({ title, description, ...r }) => {
    const text = localText(texts.get(r.id), { title, description }, lang);
    return { ...r, ...text, description: excerpt(text.description), dates: dates.filter((d) => d.offer_id === r.id) };
  });
  return { items, total: count, page, pageSize: OFFER_PAGE_SIZE };
}

/** One published offer of a verified association (null → 404), in the visitor's language. */
export async function getPublicOffer(id: number, lang: string) {
  const offer = await publicOffers()
    .leftJoin("district", "district.id", "o.district_id")
    .select([
      "o.id",
      "o.title",
      "o.description",
      "o.field_id",
      "o.place",
      "o.times",
      "o.target_group",
      "o.cost",
      "o.fee_note",
      "o.barrier_free",
      "o.contact_path",
      "o.volunteers_wanted",
      "o.updated_at",
      "o.organisation_id",
      "org.name as organisation_name",
      "org.town",
      "org.website",
      "district.name as district",
    ])
    .where("o.id", "=", id)
    .executeTakeFirst();
  if (!offer) return null;
  const db = getDb();
  const [texts, dates, languages] = await Promise.all([
    textsIn([id], lang),
    datesOf([id]),
    db.selectFrom("association_offer_language").select("language_code").where("offer_id", "=", id).orderBy("language_code").execute(),
  ]);
  const { title, description, ...rest } = offer;
  return { ...rest, ...localText(texts.get(id), { title, description }, lang), german: { title, description }, dates, languages: languages.map((l) => l.language_code) };
}
export type PublicOffer = NonNullable<Awaited<ReturnType<typeof getPublicOffer>>>;
export type OfferDate = DateRow;
