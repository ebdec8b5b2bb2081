import { type Kysely, sql } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("room")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("capacity", "integer", (c) => c.notNull())
    // JSON: seven entries, Monday first, each {"open":"HH:MM","close":"HH:MM"} or null (closed).
    .addColumn("opening_hours", "text", (c) => c.notNull())
    .addColumn("night_rest_start", "text", (c) => c.notNull().defaultTo("22:00"))
    .addColumn("night_rest_end", "text", (c) => c.notNull().defaultTo("06:00"))
    .addColumn("min_minutes", "integer", (c) => c.notNull().defaultTo(60))
    .addColumn("max_minutes", "integer", (c) => c.notNull().defaultTo(480))
    .addColumn("buffer_minutes", "integer", (c) => c.notNull().defaultTo(30))
    .addColumn("lead_days", "integer", (c) => c.notNull().defaultTo(2))
    .addColumn("horizon_months", "integer", (c) => c.notNull().defaultTo(6))
    .addColumn("key_deposit_cents", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fee_cents", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fee_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("room_part")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("room_id", "integer", (c) => c.notNull().references("room.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("room_part_room_idx").on("room_part").column("room_id").execute();

  // House rules are versioned: a booking records the version its requester accepted.
  await db.schema
    .createTable("room_rules")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("room_id", "integer", (c) => c.notNull().references("room.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("room_rules_version_uq", ["room_id", "version"])
    .execute();

  await db.schema
    .createTable("room_blackout")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("room_id", "integer", (c) => c.notNull().references("room.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("room_blackout_room_idx").on("room_blackout").columns(["room_id", "starts_at"]).execute();

  await db.schema
    .createTable("booking_series")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("room_id", "integer", (c) => c.notNull().references("room.id").onDelete("cascade"))
    .addColumn("frequency", "text", (c) => c.notNull().check(sql`frequency in ('weekly','biweekly')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("booking")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("room_id", "integer", (c) => c.notNull().references("room.id").onDelete("cascade"))
    .addColumn("series_id", "integer", (c) => c.references("booking_series.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('unconfirmed','requested','confirmed','declined','cancelled','expired')`),
    )
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("requester_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text")
    .addColumn("group_name", "text")
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("attendees", "integer", (c) => c.notNull())
    .addColumn("responsible_adult", "text", (c) => c.notNull())
    .addColumn("parts", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("rules_version", "integer", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("de"))
    .addColumn("manage_token_hash", "text", (c) => c.notNull().unique())
    // A guest confirms through the manage link (proof of the address) before this instant.
    .addColumn("confirm_expires_at", "text")
    .addColumn("decision_reason", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("booked_by_office", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reminder_sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("booking_room_time_idx").on("booking").columns(["room_id", "starts_at", "ends_at"]).execute();
  await db.schema.createIndex("booking_status_idx").on("booking").columns(["status", "starts_at"]).execute();
  await db.schema.createIndex("booking_series_idx").on("booking").column("series_id").execute();

  await db.schema
    .createTable("key_handover")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("booking_id", "integer", (c) => c.notNull().unique().references("booking.id").onDelete("cascade"))
    .addColumn("handed_out_at", "text", (c) => c.notNull())
    .addColumn("handed_to", "text", (c) => c.notNull())
    .addColumn("deposit_cents", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("condition_out", "text")
    .addColumn("returned_at", "text")
    .addColumn("deposit_outcome", "text", (c) => c.check(sql`deposit_outcome in ('returned','kept','partly_kept')`))
    .addColumn("condition_back", "text")
    .addColumn("damages", "text")
    .addColumn("reminder_sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Secret calendar feed URLs (stored hashed, revocable): per requester e-mail, or for the office.
  await db.schema
    .createTable("calendar_feed")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('requester','office')`))
    .addColumn("email", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["calendar_feed", "key_handover", "booking", "booking_series", "room_blackout", "room_rules", "room_part", "room"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
