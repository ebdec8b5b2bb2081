import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { BenchContext, BenchModule, BenchRoute } from "../types";
import { germanSortKey } from "../../../app/utils/text-keys";

const HOUSEHOLDS = 5_000;
const OFFERS = 50_000;
const CLOTHING = ["XS", "S", "M", "L", "XL", "98", "104", "110", "116", "122", "128", "134", "140"];
const SHOES = ["24", "26", "28", "30", "32", "34", "36", "38", "40", "42", "44"];
const BIKES = ["16 Zoll", "20 Zoll", "24 Zoll", "26 Zoll", "28 Zoll"];

const pick = <T>(ctx: BenchContext, xs: readonly T[]) => xs[Math.floor(ctx.random() * xs.length)];
const day = (d: Date) => d.toISOString().slice(0, 10);

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Material donations at county scale: 5,000 households with the donations consent, one open
 * need each (plus fulfilled history), and 50,000 offers in every review state.
 */
export const donationsBench: BenchModule = {
  name: "donations",
  requiresTables: ["household", "donation_offer", "household_consent_text"],
  async generate(db: Kysely<DB>, ctx: BenchContext) {
    const now = ctx.now;
    const at = now.toISOString();
    await db.transaction().execute(async (trx) => {
      const districts = (await trx.selectFrom("district").select("id").execute()).map((d) => d.id);
      const categories = await trx.selectFrom("donation_category").select(["id", "size_kind", "seasonal"]).execute();
      const text = await trx.selectFrom("household_consent_text").select("id").where("purpose", "=", "donations").where("locale", "=", "de").executeTakeFirstOrThrow();
      const sizeOf = (kind: string) => (kind === "clothing" ? pick(ctx, CLOTHING) : kind === "shoes" ? pick(ctx, SHOES) : kind === "bicycle" ? pick(ctx, BIKES) : null);
      const households = Array.from({ length: HOUSEHOLDS }, (_, i) => ({
        code: `H-B${String(i).padStart(5, "0")}`,
        contact_name: `Bench Haushalt ${i}`,
        contact_name_key: germanSortKey(`Bench Haushalt ${i}`),
        contact_phone: `02154 ${String(10000 + i)}`,
        contact_email: `bench-household-${i}@example.org`,
        street: `Benchweg ${i % 200}`,
        district_id: pick(ctx, districts),
        adults: 1 + Math.floor(ctx.random() * 3),
        notes: null,
        erased_at: null,
        created_by: null,
        created_at: at,
        updated_at: at,
      }));
      await insertChunked(households, (c) => trx.insertInto("household").values(c).execute(), 500);
      const ids = (await trx.selectFrom("household").select("id").where("code", "like", "H-B%").orderBy("id").execute()).map((h) => h.id);
      ctx.ids.households = ids;
      await insertChunked(
        ids.map((household_id) => ({ household_id, purpose: "donations" as const, consent_text_id: text.id, language_shown: "de", volunteer_user_id: null, given_on: day(now), recorded_by: null, recorded_at: at, withdrawn_at: null, withdrawn_by: null })),
        (c) => trx.insertInto("household_consent").values(c).execute(),
        500,
      );
      const needs = ids.flatMap((household_id) => {
        const rows = [];
        for (let k = 0; k < 2; k++) {
          const c = pick(ctx, categories);
          const created = new Date(now.getTime() - Math.floor(ctx.random() * 120) * 86_400_000).toISOString();
          const status = k === 0 ? ("open" as const) : ("fulfilled" as const);
          rows.push({
            household_id,
            category_id: c.id,
            size: sizeOf(c.size_kind),
            season: c.seasonal ? pick(ctx, ["summer", "winter", "all"] as const) : null,
            quantity: 1 + Math.floor(ctx.random() * 3),
            urgency: ctx.random() < 0.2 ? ("urgent" as const) : ("normal" as const),
            note: null,
            status,
            created_by: null,
            created_at: created,
            updated_at: created,
            fulfilled_at: status === "fulfilled" ? at : null,
          });
        }
        return rows;
      });
      await insertChunked(needs, (c) => trx.insertInto("donation_need").values(c).execute(), 400);
      const offers = Array.from({ length: OFFERS }, (_, i) => {
        const c = pick(ctx, categories);
        const r = ctx.random();
        const created = new Date(now.getTime() - Math.floor(ctx.random() * 365) * 86_400_000).toISOString();
        return {
          donor_user_id: null,
          donor_name: `Bench Spender ${i}`,
          donor_email: `bench-donor-${i}@example.org`,
          donor_phone: null,
          donor_locale: "de",
          category_id: c.id,
          size: sizeOf(c.size_kind),
          season: c.seasonal ? pick(ctx, ["summer", "winter", "all"] as const) : null,
          quantity: 1 + Math.floor(ctx.random() * 4),
          quantity_reserved: 0,
          condition: pick(ctx, ["new", "good", "used"] as const),
          description: "Bench-Angebot",
          pickup_district_id: pick(ctx, districts),
          pickup_street: `Spenderweg ${i % 300}`,
          available_until: day(new Date(now.getTime() + Math.floor(-30 + ctx.random() * 120) * 86_400_000)),
          delivery: pick(ctx, ["donor_brings", "needs_pickup"] as const),
          manage_token_hash: `bench-${i}`,
          confirmed_at: created,
          review_state: r < 0.8 ? ("accepted" as const) : r < 0.9 ? ("pending" as const) : ("declined" as const),
          review_reason: null,
          reviewed_by: null,
          reviewed_at: null,
          status: r < 0.9 ? ("open" as const) : ("closed" as const),
          expiry_notice_sent_at: null,
          created_at: created,
          updated_at: created,
        };
      });
      await insertChunked(offers, (c) => trx.insertInto("donation_offer").values(c).execute(), 300);
    });
  },
  async routes(ctx: BenchContext): Promise<BenchRoute[]> {
    void ctx;
    return [
      { name: "public needs list", path: "/spenden" },
      { name: "office offer list (to review)", path: "/office/donations/offers", role: "coordinator" },
      { name: "office offer list (accepted)", path: "/office/donations/offers?state=accepted", role: "coordinator" },
      { name: "office open needs", path: "/office/donations", role: "coordinator" },
    ];
  },
};
