import type { Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Facts about a volunteer that the rules in `policy.ts` derive from many rows (insured today,
// certificate state, Ehrenamtskarte eligibility, the latest inspection's state and urgency), one
// row per person with an assignment or an inspection, for the day in `computed_for_day`
// (ADR 0019). The commands that change those rows refresh them in their transaction; the daily
// job refreshes everyone for the new day. `fact_refresh` says for which day and rules the whole
// table was last computed: a reader that finds another day or other rules recomputes it first.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("volunteer_fact")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("insured_today", "integer", (c) => c.notNull())
    .addColumn("certificate_state", "text", (c) => c.notNull())
    .addColumn("ehrenamtskarte_eligible", "integer", (c) => c.notNull())
    .addColumn("karte_hours", "real", (c) => c.notNull())
    .addColumn("karte_first_day", "text")
    .addColumn("latest_inspection_id", "integer")
    .addColumn("inspection_state", "text")
    .addColumn("inspection_deletion_day", "text")
    .addColumn("inspection_rank", "integer")
    .addColumn("computed_for_day", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("volunteer_fact_insured_idx").on("volunteer_fact").columns(["insured_today", "user_id"]).execute();
  await db.schema.createIndex("volunteer_fact_certificate_idx").on("volunteer_fact").columns(["certificate_state", "user_id"]).execute();
  await db.schema.createIndex("volunteer_fact_karte_idx").on("volunteer_fact").columns(["ehrenamtskarte_eligible", "user_id"]).execute();
  await db.schema.createIndex("volunteer_fact_inspection_idx").on("volunteer_fact").columns(["inspection_rank", "latest_inspection_id"]).execute();
  await db.schema
    .createTable("fact_refresh")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("computed_for_day", "text", (c) => c.notNull())
    .addColumn("rules", "text", (c) => c.notNull())
    .addColumn("refreshed_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("fact_refresh").ifExists().execute();
  await db.schema.dropTable("volunteer_fact").ifExists().execute();
}
