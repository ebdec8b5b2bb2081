import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// Associations register themselves (issue #15, ADR 0032). An association IS an organisation row;
// what only a self-registered (or office-verified) association has lives beside it:
// - `association_profile` (one row per organisation): status pending → verified | rejected, the
//   finer legal kind (church, public body, … map to the organisation's `legal_form`), the
//   e.V.'s register court and number, district, fees and reduced fees, barrier-free access, who
//   registered it and the office's decision. An organisation without a profile (created by the
//   office before) is not in the public directory.
// - `association_field`, `association_language`: fields of action and languages spoken.
// - `organisation_member.association_admin` (0/1): who manages the association (members, offers).
//   No backfill: existing members stay plain members until the office or an admin says otherwise.
// - `association_invite`: a member invited by e-mail; only the SHA-256 of the link's token is kept.
//
// The public directory (/vereine) is served from the page cache under the scope "organisations":
// writes to these tables, and to the master data it shows (districts, fields, languages), bump it.

const SCOPED = ["association_profile", "association_field", "association_language", "district", "field_of_action", "language"];
const EVENTS = ["insert", "update", "delete"] as const;

export function migration(engine: Engine): Migration {
  const trigger = (table: string, event: (typeof EVENTS)[number]) =>
    engine === "postgres"
      ? `create trigger cache_organisations_${table}_${event} after ${event} on "${table}" for each statement execute function bump_cache_scope('organisations')`
      : `create trigger cache_organisations_${table}_${event} after ${event} on "${table}" begin update cache_scope set version = version + 1 where scope = 'organisations'; end`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("association_profile")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("organisation_id", "integer", (c) => c.notNull().unique().references("organisation.id").onDelete("cascade"))
        .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending','verified','rejected')`))
        .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('registered_association','initiative','church','public_body','other')`))
        .addColumn("register_court", "text")
        .addColumn("register_number", "text")
        .addColumn("district_id", "integer", (c) => c.references("district.id"))
        .addColumn("description", "text")
        .addColumn("fees", "text")
        .addColumn("reduced_fees", "text")
        .addColumn("barrier_free", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("registered_by", "text", (c) => c.references("user.id").onDelete("set null"))
        .addColumn("decided_by", "text", (c) => c.references("user.id").onDelete("set null"))
        .addColumn("decided_at", "text")
        .addColumn("rejection_reason", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("association_profile_status_idx").on("association_profile").columns(["status", "district_id"]).execute();

      await db.schema
        .createTable("association_field")
        .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
        .addColumn("field_id", "integer", (c) => c.notNull().references("field_of_action.id"))
        .addPrimaryKeyConstraint("association_field_pk", ["organisation_id", "field_id"])
        .execute();
      await db.schema.createIndex("association_field_field_idx").on("association_field").columns(["field_id", "organisation_id"]).execute();

      await db.schema
        .createTable("association_language")
        .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
        .addColumn("language_code", "text", (c) => c.notNull().references("language.code"))
        .addPrimaryKeyConstraint("association_language_pk", ["organisation_id", "language_code"])
        .execute();
      await db.schema.createIndex("association_language_code_idx").on("association_language").columns(["language_code", "organisation_id"]).execute();

      await db.schema.alterTable("organisation_member").addColumn("association_admin", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex("organisation_member_org_idx").on("organisation_member").columns(["organisation_id", "association_admin"]).execute();

      await db.schema
        .createTable("association_invite")
        .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("as_admin", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("invited_by", "text", (c) => c.references("user.id").onDelete("set null"))
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("accepted_at", "text")
        .addColumn("accepted_by", "text", (c) => c.references("user.id").onDelete("set null"))
        .addColumn("revoked_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("association_invite_org_idx").on("association_invite").columns(["organisation_id", "created_at"]).execute();

      for (const table of SCOPED) for (const event of EVENTS) await sql.raw(trigger(table, event)).execute(db);
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const table of SCOPED) {
        for (const event of EVENTS) {
          const name = `cache_organisations_${table}_${event}`;
          await sql.raw(engine === "postgres" ? `drop trigger if exists ${name} on "${table}"` : `drop trigger if exists ${name}`).execute(db);
        }
      }
      await db.schema.dropTable("association_invite").execute();
      await db.schema.dropIndex("organisation_member_org_idx").execute();
      await db.schema.alterTable("organisation_member").dropColumn("association_admin").execute();
      await db.schema.dropTable("association_language").execute();
      await db.schema.dropTable("association_field").execute();
      await db.schema.dropTable("association_profile").execute();
    },
  };
}
