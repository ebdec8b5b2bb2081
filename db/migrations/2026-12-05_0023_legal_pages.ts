import type { Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// The town-specific texts of the public legal and help pages (Impressum, contact, accessibility
// statement, help per user group), one row per page and language, edited by the office. German
// is required for a page to show; other languages fall back to it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("legal_page")
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("legal_page_pk", ["slug", "locale"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("legal_page").ifExists().execute();
}
