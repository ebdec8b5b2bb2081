import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { BenchContext, BenchModule, BenchRoute } from "../types";
import { germanSortKey, titledSearchKey } from "../../../app/utils/text-keys";

/**
 * The public offers directory /angebote (issue #15, ADR 0039) on the associations module's 200
 * associations and 2,000 offers: each offer gets a searchable title and description (a few words
 * that recur, among them "Übersetzung"), one in three an English or Arabic translation, and a
 * weekly slot or a single date, so search, weekday filter and paging are measured at that size.
 */
const WORDS = ["Sprachcafé", "Übersetzung", "Hausaufgabenhilfe", "Fahrradwerkstatt", "Nähcafé", "Frauentreff", "Fußball", "Kochen", "Beratung", "Deutschkurs"];
const ARABIC = ["مقهى اللغة", "ترجمة", "مساعدة في الواجبات", "ورشة الدراجات", "إرشاد"];

export const offersDirectoryBench: BenchModule = {
  name: "offers-directory",
  requiresTables: ["association_offer_text", "association_offer_date"],
  async generate(db: Kysely<DB>, ctx: BenchContext) {
    await db.transaction().execute(async (trx) => {
      const offers = await trx.selectFrom("association_offer").select(["id"]).where("title", "like", "Bench Angebot %").orderBy("id").execute();
      const texts = [];
      const dates = [];
      for (const [i, { id }] of offers.entries()) {
        const word = WORDS[Math.floor(ctx.random() * WORDS.length)];
        const title = `${word} ${i}`;
        const description = `${word} für alle, die mitmachen möchten. Treffpunkt in der Halle.`;
        await trx.updateTable("association_offer").set({ title, title_key: germanSortKey(title), description, search_key: titledSearchKey(title, description), volunteers_wanted: ctx.random() < 0.2 ? 1 : 0 }).where("id", "=", id).execute();
        if (i % 3 === 0) {
          const locale = ctx.random() < 0.5 ? ("en" as const) : ("ar" as const);
          const t = locale === "en" ? `${word} (English) ${i}` : `${ARABIC[i % ARABIC.length]} ${i}`;
          texts.push({ offer_id: id, locale, title: t, description: t, search_key: titledSearchKey(t, t) });
        }
        const weekday = 1 + Math.floor(ctx.random() * 7);
        if (ctx.random() < 0.7) dates.push({ offer_id: id, kind: "weekly" as const, weekday, start_time: "17:00", end_time: "19:00", valid_from: "2026-01-05", valid_until: null, starts_at: null, ends_at: null });
        else {
          const day = new Date(Date.UTC(2027, 0, 4 + weekday - 1, 16)).toISOString();
          dates.push({ offer_id: id, kind: "single" as const, weekday, start_time: null, end_time: null, valid_from: null, valid_until: null, starts_at: day, ends_at: new Date(Date.parse(day) + 7_200_000).toISOString() });
        }
      }
      for (let i = 0; i < texts.length; i += 300) await trx.insertInto("association_offer_text").values(texts.slice(i, i + 300)).execute();
      for (let i = 0; i < dates.length; i += 300) await trx.insertInto("association_offer_date").values(dates.slice(i, i + 300)).execute();
      const shown = await trx
        .selectFrom("association_offer as o")
        .innerJoin("association_profile as p", "p.organisation_id", "o.organisation_id")
        .select("o.id")
        .where("o.published", "=", 1)
        .where("p.status", "=", "verified")
        .where("o.title", "like", "Übersetzung%")
        .orderBy("o.id")
        .limit(1)
        .executeTakeFirst();
      ctx.ids.publicOffers = shown ? [shown.id] : [];
    });
  },
  async routes(ctx: BenchContext): Promise<BenchRoute[]> {
    const offer = ctx.ids.publicOffers?.[0] ?? 1;
    return [
      { name: "public offers directory", path: "/angebote" },
      { name: "offers directory: search (Übersetzung)", path: "/angebote?q=ubersetzung" },
      // Every offer's description has "Halle": the whole directory matches and is ranked (full text, ADR 0046).
      { name: "offers directory: search matching all (Halle)", path: "/angebote?q=halle" },
      { name: "offers directory: search in Arabic (ترجمة)", path: `/angebote?q=${encodeURIComponent("ترجمة")}` },
      { name: "offers directory: weekday and free and language", path: "/angebote?weekday=2&free=1&language=ar" },
      { name: "offers directory: page 10", path: "/angebote?page=10" },
      { name: "public offer page", path: `/angebote/${offer}` },
    ];
  },
};
