import type { Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// TOTP two-factor login (ADR 0021). `user_totp` holds one key per user (encrypted when the
// server has TOTP_ENCRYPTION_KEY); `confirmed_at` is null while enrolment waits for the first
// code; `last_step` is the last accepted 30-second step (a code is never accepted twice).
// Recovery codes are kept only as SHA-256 hashes of high-entropy codes, each usable once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("user_recovery_code")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_recovery_code_user_idx").on("user_recovery_code").columns(["user_id", "code_hash"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("user_recovery_code").ifExists().execute();
  await db.schema.dropTable("user_totp").ifExists().execute();
}
