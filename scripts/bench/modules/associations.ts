import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { BenchContext, BenchModule, BenchRoute } from "../types";
import { germanSortKey } from "../../../app/utils/text-keys";

const ASSOCIATIONS = 200;
const OFFERS = 2_000;
const LANGUAGES = ["de", "en", "ar", "uk", "ru", "tr", "fa", "ku", "pl", "ro"];
const COSTS = ["free", "reduced", "fee"] as const;
const GROUPS = ["everyone", "children", "youth", "women", "families", "seniors"] as const;

const pick = <T>(ctx: BenchContext, xs: readonly T[]) => xs[Math.floor(ctx.random() * xs.length)];

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 300) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * The associations' directory at the size issue #15 names: 200 associations (9 in 10 verified) with
 * fields and languages, and 2,000 offers (4 in 5 published), so the public directory's filters and
 * paging are measured against it (goal: at least as fast as /spenden).
 */
export const associationsBench: BenchModule = {
  name: "associations",
  requiresTables: ["association_profile", "association_offer"],
  async generate(db: Kysely<DB>, ctx: BenchContext) {
    const at = ctx.now.toISOString();
    await db.transaction().execute(async (trx) => {
      const districts = (await trx.selectFrom("district").select("id").execute()).map((d) => d.id);
      const fields = (await trx.selectFrom("field_of_action").select("id").execute()).map((f) => f.id);
      const known = new Set((await trx.selectFrom("language").select("code").execute()).map((l) => l.code));
      const languages = LANGUAGES.filter((l) => known.has(l));
      const orgIds: number[] = [];
      for (let i = 0; i < ASSOCIATIONS; i++) {
        const name = `Bench Verein ${String(i).padStart(3, "0")} e.V.`;
        const { id } = await trx
          .insertInto("organisation")
          .values({ name, name_key: germanSortKey(name), legal_form: "registered_association", contact_name: null, email: `bench-verein-${i}@example.org`, phone: null, street: `Vereinsweg ${i}`, postal_code: "47877", town: "Willich", website: null, insurer: "Bench Versicherung", policy_number: `B-${i}`, policy_valid_until: "2099-12-31", archived_at: null, created_at: at, updated_at: at })
          .returning("id")
          .executeTakeFirstOrThrow();
        orgIds.push(id);
      }
      await insertChunked(
        orgIds.map((organisation_id, i) => ({ organisation_id, status: (i % 10 === 9 ? "pending" : "verified") as "pending" | "verified", kind: "registered_association" as const, register_court: "Amtsgericht Krefeld", register_number: `VR ${i}`, district_id: pick(ctx, districts), description: "Bench", fees: null, reduced_fees: ctx.random() < 0.5 ? "ermäßigt" : null, barrier_free: ctx.random() < 0.4 ? 1 : 0, registered_by: null, decided_by: null, decided_at: at, rejection_reason: null, created_at: at, updated_at: at })),
        (c) => trx.insertInto("association_profile").values(c).execute(),
      );
      const fieldRows = orgIds.flatMap((organisation_id) => [...new Set([pick(ctx, fields), pick(ctx, fields)])].map((field_id) => ({ organisation_id, field_id })));
      await insertChunked(fieldRows, (c) => trx.insertInto("association_field").values(c).execute());
      const langRows = orgIds.flatMap((organisation_id) => [...new Set(["de", pick(ctx, languages), pick(ctx, languages)])].map((language_code) => ({ organisation_id, language_code })));
      await insertChunked(langRows, (c) => trx.insertInto("association_language").values(c).execute());
      for (let i = 0; i < OFFERS; i++) {
        const title = `Bench Angebot ${i}`;
        const { id } = await trx
          .insertInto("association_offer")
          .values({ organisation_id: pick(ctx, orgIds), title, title_key: germanSortKey(title), description: "Bench", field_id: pick(ctx, fields), district_id: pick(ctx, districts), place: "Halle", times: "dienstags", target_group: pick(ctx, GROUPS), cost: pick(ctx, COSTS), fee_note: null, barrier_free: 0, contact_path: "Einfach vorbeikommen", published: ctx.random() < 0.8 ? 1 : 0, created_by: null, created_at: at, updated_at: at })
          .returning("id")
          .executeTakeFirstOrThrow();
        const codes = [...new Set(["de", pick(ctx, languages)])];
        await trx.insertInto("association_offer_language").values(codes.map((language_code) => ({ offer_id: id, language_code }))).execute();
      }
      ctx.ids.associations = orgIds;
    });
  },
  async routes(ctx: BenchContext): Promise<BenchRoute[]> {
    const first = ctx.ids.associations?.[0] ?? 1;
    return [
      { name: "public associations directory", path: "/vereine" },
      { name: "public directory, filtered (language, free)", path: "/vereine?language=ar&free=1" },
      { name: "public directory, page 5", path: "/vereine?page=5" },
      { name: "public association page", path: `/vereine/${first}` },
    ];
  },
};
