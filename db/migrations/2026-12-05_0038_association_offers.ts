import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// Offers of associations (issue #15): what an association does that newcomers can join. Managed
// by the association's admins at /verein/angebote; the public directory (/vereine) shows the
// published offers of verified associations, filtered by field of action, district, language and
// "free of charge", paged in SQL. `title_key` is the folded title (`germanSortKey`) lists sort by.
// Languages of an offer are rows, so the language filter is an indexed lookup on both engines.
// Writes bump the page cache scope "organisations" (the directory's scope, migration 0037).

const SCOPED = ["association_offer", "association_offer_language"];
const EVENTS = ["insert", "update", "delete"] as const;

export function migration(engine: Engine): Migration {
  const keyType = engine === "postgres" ? sql`text collate "C"` : sql`text`;
  const trigger = (table: string, event: (typeof EVENTS)[number]) =>
    engine === "postgres"
      ? `create trigger cache_organisations_${table}_${event} after ${event} on "${table}" for each statement execute function bump_cache_scope('organisations')`
      : `create trigger cache_organisations_${table}_${event} after ${event} on "${table}" begin update cache_scope set version = version + 1 where scope = 'organisations'; end`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("association_offer")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("title_key", keyType, (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("field_id", "integer", (c) => c.notNull().references("field_of_action.id"))
        .addColumn("district_id", "integer", (c) => c.references("district.id"))
        .addColumn("place", "text")
        .addColumn("times", "text", (c) => c.notNull())
        .addColumn("target_group", "text", (c) => c.notNull().check(sql`target_group in ('children','youth','women','families','seniors','everyone')`))
        .addColumn("cost", "text", (c) => c.notNull().check(sql`cost in ('free','reduced','fee')`))
        .addColumn("fee_note", "text")
        .addColumn("barrier_free", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("contact_path", "text", (c) => c.notNull())
        .addColumn("published", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("association_offer_org_idx").on("association_offer").columns(["organisation_id", "published", "title_key"]).execute();
      await db.schema.createIndex("association_offer_field_idx").on("association_offer").columns(["field_id", "published", "organisation_id"]).execute();
      await db.schema.createIndex("association_offer_district_idx").on("association_offer").columns(["district_id", "published", "organisation_id"]).execute();
      await db.schema.createIndex("association_offer_cost_idx").on("association_offer").columns(["cost", "published", "organisation_id"]).execute();

      await db.schema
        .createTable("association_offer_language")
        .addColumn("offer_id", "integer", (c) => c.notNull().references("association_offer.id").onDelete("cascade"))
        .addColumn("language_code", "text", (c) => c.notNull().references("language.code"))
        .addPrimaryKeyConstraint("association_offer_language_pk", ["offer_id", "language_code"])
        .execute();
      await db.schema.createIndex("association_offer_language_code_idx").on("association_offer_language").columns(["language_code", "offer_id"]).execute();

      for (const table of SCOPED) for (const event of EVENTS) await sql.raw(trigger(table, event)).execute(db);
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const table of SCOPED) {
        for (const event of EVENTS) {
          const name = `cache_organisations_${table}_${event}`;
          await sql.raw(engine === "postgres" ? `drop trigger if exists ${name} on "${table}"` : `drop trigger if exists ${name}`).execute(db);
        }
      }
      await db.schema.dropTable("association_offer_language").execute();
      await db.schema.dropTable("association_offer").execute();
    },
  };
}
