import type { Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Room photos (issue 4): re-encoded JPEGs without metadata, a large version and a thumbnail,
// each photo with the office's alt text and its place in the order. `version` is a hash of the
// image, part of the public URL, so the photo can be cached for a long time.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("room_photo")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("room_id", "integer", (c) => c.notNull().references("room.id").onDelete("cascade"))
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("alt", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("data", "blob", (c) => c.notNull())
    .addColumn("thumb_width", "integer", (c) => c.notNull())
    .addColumn("thumb_height", "integer", (c) => c.notNull())
    .addColumn("thumb", "blob", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("room_photo_room_idx").on("room_photo").columns(["room_id", "sort_order"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("room_photo").ifExists().execute();
}
