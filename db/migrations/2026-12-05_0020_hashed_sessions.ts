import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Sessions are stored by the SHA-256 of the cookie's token (a leaked database yields no live
// session), and a session has a stage: `full`, or `second_factor` (password checked, the
// two-factor code not yet: such a session opens no page but the code page). The old rows held
// the cookie value itself, so they are dropped: everybody logs in again once (README).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("session").execute();
  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("full").check(sql`stage in ('full','second_factor')`))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();
  await db.schema.createIndex("session_expires_idx").on("session").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("session").execute();
  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();
}
