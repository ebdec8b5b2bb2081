import { type Kysely, sql } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Assignments are the proof of insurance cover: they are closed, never deleted, and every
// change is appended to assignment_history (triggers refuse deletes and history edits).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("assignment")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("volunteer_user_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("field_of_action_id", "integer", (c) => c.notNull().references("field_of_action.id"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("start_day", "text", (c) => c.notNull())
    .addColumn("end_day", "text")
    .addColumn("document_ref", "text", (c) => c.notNull())
    .addColumn("works_with_minors", "integer", (c) => c.notNull().defaultTo(0).check(sql`works_with_minors in (0,1)`))
    .addColumn("closed_on", "text")
    .addColumn("close_reason", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("assignment_period_ck", sql`end_day is null or end_day >= start_day`)
    .addCheckConstraint("assignment_close_ck", sql`(closed_on is null) = (close_reason is null)`)
    .execute();
  await db.schema.createIndex("assignment_volunteer_idx").on("assignment").columns(["volunteer_user_id", "start_day"]).execute();
  await db.schema.createIndex("assignment_organisation_idx").on("assignment").columns(["organisation_id", "start_day"]).execute();

  await db.schema
    .createTable("assignment_history")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignment.id"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('create','update','close')`))
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.notNull())
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("assignment_history_assignment_idx").on("assignment_history").column("assignment_id").execute();
  await sql`create trigger assignment_no_delete before delete on assignment begin select raise(abort, 'assignments are closed, never deleted'); end`.execute(db);
  await sql`create trigger assignment_history_no_update before update on assignment_history begin select raise(abort, 'assignment history is append-only'); end`.execute(db);
  await sql`create trigger assignment_history_no_delete before delete on assignment_history begin select raise(abort, 'assignment history is append-only'); end`.execute(db);

  // § 72a (5) SGB VIII: only these facts, never a copy and no free text.
  await db.schema
    .createTable("certificate_inspection")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("volunteer_user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("inspected", "integer", (c) => c.notNull().check(sql`inspected in (0,1)`))
    .addColumn("certificate_date", "text", (c) => c.notNull())
    .addColumn("relevant_conviction", "integer", (c) => c.notNull().check(sql`relevant_conviction in (0,1)`))
    .addColumn("inspected_by", "text", (c) => c.notNull())
    .addColumn("inspected_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("certificate_inspection_volunteer_idx").on("certificate_inspection").column("volunteer_user_id").execute();

  await db.schema
    .createTable("hours_entry")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("assignment_id", "integer", (c) => c.notNull().references("assignment.id"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("hours", "real", (c) => c.notNull().check(sql`hours > 0 and hours <= 24`))
    .addColumn("note", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('submitted','confirmed','rejected')`))
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("hours_entry_assignment_idx").on("hours_entry").columns(["assignment_id", "day"]).execute();
  await db.schema.createIndex("hours_entry_status_idx").on("hours_entry").columns(["status", "created_at"]).execute();

  await db.schema
    .createTable("reminder_sent")
    .addColumn("occasion_key", "text", (c) => c.primaryKey())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reminder_sent").execute();
  await db.schema.dropTable("hours_entry").execute();
  await db.schema.dropTable("certificate_inspection").execute();
  await sql`drop trigger if exists assignment_history_no_delete`.execute(db);
  await sql`drop trigger if exists assignment_history_no_update`.execute(db);
  await sql`drop trigger if exists assignment_no_delete`.execute(db);
  await db.schema.dropTable("assignment_history").execute();
  await db.schema.dropTable("assignment").execute();
}
