import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// The public offers directory /angebote (issue #15, ADR 0039):
// - `association_offer.search_key`: the folded German title and description (the key function of
//   migration 0030/0033), so the full-text search ignores case, umlauts and Arabic alef forms on
//   both engines; `volunteers_wanted`: the offer looks for helpers ("I'd like to help").
// - `association_offer_text`: the offer's title and description in a further UI language (en, ar,
//   uk; German stays in `association_offer`), each with its own folded `search_key`.
// - `association_offer_date`: when the offer takes place: a weekly slot (ISO weekday, Berlin wall
//   clock times, from a first day, optionally until a last day) or a single date (UTC instants).
//   The weekday of single dates is stored too, so the weekday filter is one indexed lookup.
// - `association_offer_help`: a signed-in volunteer's "I'd like to help" (one per offer and person).
// Texts and dates are shown on the cached public pages: their writes bump the scope "organisations".

const SCOPED = ["association_offer_text", "association_offer_date"];
const EVENTS = ["insert", "update", "delete"] as const;

function foldKey(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .replace(/[\u064B-\u065F\u0670]/g, "")
    .replace(/\u0640/g, "")
    .replace(/\u0671/g, "\u0627")
    .replace(/ß/g, "ss")
    .normalize("NFC");
}

export function migration(engine: Engine): Migration {
  const keyType = engine === "postgres" ? sql`text collate "C"` : sql`text`;
  const trigger = (table: string, event: (typeof EVENTS)[number]) =>
    engine === "postgres"
      ? `create trigger cache_organisations_${table}_${event} after ${event} on "${table}" for each statement execute function bump_cache_scope('organisations')`
      : `create trigger cache_organisations_${table}_${event} after ${event} on "${table}" begin update cache_scope set version = version + 1 where scope = 'organisations'; end`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("association_offer").addColumn("search_key", keyType, (c) => c.notNull().defaultTo("")).execute();
      await db.schema.alterTable("association_offer").addColumn("volunteers_wanted", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex("association_offer_public_idx").on("association_offer").columns(["published", "title_key", "id"]).execute();
      await db.schema.createIndex("association_offer_target_idx").on("association_offer").columns(["target_group", "published", "organisation_id"]).execute();

      await db.schema
        .createTable("association_offer_text")
        .addColumn("offer_id", "integer", (c) => c.notNull().references("association_offer.id").onDelete("cascade"))
        .addColumn("locale", "text", (c) => c.notNull().check(sql`locale in ('en','ar','uk')`))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("search_key", keyType, (c) => c.notNull())
        .addPrimaryKeyConstraint("association_offer_text_pk", ["offer_id", "locale"])
        .execute();

      await db.schema
        .createTable("association_offer_date")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("offer_id", "integer", (c) => c.notNull().references("association_offer.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('weekly','single')`))
        .addColumn("weekday", "integer", (c) => c.notNull().check(sql`weekday between 1 and 7`))
        .addColumn("start_time", "text")
        .addColumn("end_time", "text")
        .addColumn("valid_from", "text")
        .addColumn("valid_until", "text")
        .addColumn("starts_at", "text")
        .addColumn("ends_at", "text")
        .execute();
      await db.schema.createIndex("association_offer_date_offer_idx").on("association_offer_date").columns(["offer_id", "kind"]).execute();
      await db.schema.createIndex("association_offer_date_weekday_idx").on("association_offer_date").columns(["weekday", "offer_id"]).execute();

      await db.schema
        .createTable("association_offer_help")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("offer_id", "integer", (c) => c.notNull().references("association_offer.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("association_offer_help_once", ["offer_id", "user_id"])
        .execute();
      await db.schema.createIndex("association_offer_help_user_idx").on("association_offer_help").columns(["user_id"]).execute();

      for (const table of SCOPED) for (const event of EVENTS) await sql.raw(trigger(table, event)).execute(db);

      const backfill = async (trx: Kysely<any>) => {
        const rows = (await trx.selectFrom("association_offer").select(["id", "title", "description"]).execute()) as Array<{ id: number; title: string; description: string }>;
        for (const r of rows) await trx.updateTable("association_offer").set({ search_key: foldKey(`${r.title}\n${r.description}`) }).where("id", "=", r.id).execute();
      };
      if (db.isTransaction) await backfill(db);
      else await db.transaction().execute(backfill);
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const table of SCOPED) {
        for (const event of EVENTS) {
          const name = `cache_organisations_${table}_${event}`;
          await sql.raw(engine === "postgres" ? `drop trigger if exists ${name} on "${table}"` : `drop trigger if exists ${name}`).execute(db);
        }
      }
      await db.schema.dropTable("association_offer_help").execute();
      await db.schema.dropTable("association_offer_date").execute();
      await db.schema.dropTable("association_offer_text").execute();
      await db.schema.dropIndex("association_offer_target_idx").execute();
      await db.schema.dropIndex("association_offer_public_idx").execute();
      await db.schema.alterTable("association_offer").dropColumn("volunteers_wanted").execute();
      await db.schema.alterTable("association_offer").dropColumn("search_key").execute();
    },
  };
}
