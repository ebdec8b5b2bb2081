import type { Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Where and when a guest collects the room key: the office enters it per room, and the booking
// confirmation mail says it (empty: the mail names the coordination office in general).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("room").addColumn("key_pickup_place", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("room").addColumn("key_pickup_hours", "text", (c) => c.notNull().defaultTo("")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("room").dropColumn("key_pickup_hours").execute();
  await db.schema.alterTable("room").dropColumn("key_pickup_place").execute();
}
