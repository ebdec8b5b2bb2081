/**
 * PostgreSQL's own guarantee that a room slot is confirmed once (migration 0031, ADR 0026): an
 * exclusion constraint over each confirmed booking's time range plus the room's cleaning buffer.
 * Bookings here are written directly in SQL, past every check of the app.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { approveBooking } from "../../../app/modules/rooms/decide-booking.server";
import { getDb } from "../../../app/utils/db.server";
import { isAppError } from "../../../app/utils/errors";
import { createTestBooking, createTestRoom, createTestUser } from "../../factories";

const at = (hhmm: string) => `2031-03-10T${hhmm}:00.000Z`;

const refusal = { code: "23P01", constraint: "booking_confirmed_no_overlap" };

const confirm = (id: number) => sql`update booking set status = 'confirmed' where id = ${id}`.execute(getDb());

// PostgreSQL only: on SQLite there is no such constraint (BEGIN IMMEDIATE serialises the commands,
// and their check is the guarantee: concurrency.test.ts runs on both engines).
// Skipped on SQLite (reason): the exclusion constraint exists on PostgreSQL only (migration 0031); the PostgreSQL pass runs it.
describe.skipIf(!process.env.TEST_DATABASE_URL)("the exclusion constraint on confirmed bookings (PostgreSQL)", () => {
  it("refuses an overlapping confirmed booking written directly in SQL and accepts one that keeps the buffer", async () => {
    const room = await createTestRoom(getDb(), { bufferMinutes: 30 });
    await createTestBooking(getDb(), room.id, { status: "confirmed", startsAt: at("10:00"), endsAt: at("12:00") });

    const insert = (from: string, to: string) => sql`
      insert into booking (room_id, status, starts_at, ends_at, contact_name, contact_email, purpose, attendees, responsible_adult, rules_version, manage_token_hash, created_at, updated_at)
      values (${room.id}, 'confirmed', ${at(from)}, ${at(to)}, 'Direkt', 'direkt@example.org', 'SQL', 3, 'Direkt', 1, ${`direct-${from}-${to}`}, ${at("00:00")}, ${at("00:00")})
    `.execute(getDb());

    // Overlapping times, and a start inside the 30 minutes after the other one's end.
    await expect(insert("11:00", "13:00")).rejects.toMatchObject(refusal);
    await expect(insert("12:15", "13:00")).rejects.toMatchObject(refusal);
    await expect(insert("08:00", "09:45")).rejects.toMatchObject(refusal);
    // Exactly at the buffer's end, and ending with the buffer before the other one's start.
    await expect(insert("12:30", "14:00")).resolves.toBeDefined();
    await expect(insert("08:00", "09:30")).resolves.toBeDefined();

    const confirmed = await getDb().selectFrom("booking").select(["starts_at", "ends_at"]).where("room_id", "=", room.id).where("status", "=", "confirmed").orderBy("starts_at").execute();
    expect(confirmed).toEqual([
      { starts_at: at("08:00"), ends_at: at("09:30") },
      { starts_at: at("10:00"), ends_at: at("12:00") },
      { starts_at: at("12:30"), ends_at: at("14:00") },
    ]);
  });

  it("lets requested bookings overlap and refuses confirming the second one; another room is not affected", async () => {
    const room = await createTestRoom(getDb());
    const other = await createTestRoom(getDb());
    const a = await createTestBooking(getDb(), room.id, { status: "requested", startsAt: at("16:00"), endsAt: at("18:00") });
    const b = await createTestBooking(getDb(), room.id, { status: "requested", startsAt: at("17:00"), endsAt: at("19:00") });
    const c = await createTestBooking(getDb(), other.id, { status: "requested", startsAt: at("17:00"), endsAt: at("19:00") });
    await confirm(a.id);
    await expect(confirm(b.id)).rejects.toMatchObject(refusal);
    await confirm(c.id);
    // Cancelled, the first one frees the slot.
    await sql`update booking set status = 'cancelled' where id = ${a.id}`.execute(getDb());
    await confirm(b.id);
    // Moving a confirmed booking into another one's slot is refused too.
    const d = await createTestBooking(getDb(), room.id, { status: "confirmed", startsAt: at("08:00"), endsAt: at("09:00") });
    await expect(sql`update booking set starts_at = ${at("18:00")}, ends_at = ${at("20:00")} where id = ${d.id}`.execute(getDb())).rejects.toMatchObject(refusal);
  });

  it("a statement writing the stored span itself cannot narrow it past the booking's own times", async () => {
    const room = await createTestRoom(getDb());
    const a = await createTestBooking(getDb(), room.id, { status: "confirmed", startsAt: at("10:00"), endsAt: at("12:00") });
    await sql`update booking set busy_span = tstzrange(${at("10:00")}::timestamptz, ${at("10:01")}::timestamptz) where id = ${a.id}`.execute(getDb());
    const b = await createTestBooking(getDb(), room.id, { status: "requested", startsAt: at("11:00"), endsAt: at("11:30") });
    await expect(confirm(b.id)).rejects.toMatchObject(refusal);
  });

  it("the spans shrink when the room's buffer is lowered and stay when it is raised", async () => {
    const room = await createTestRoom(getDb(), { bufferMinutes: 60 });
    const a = await createTestBooking(getDb(), room.id, { status: "confirmed", startsAt: at("10:00"), endsAt: at("12:00") });
    // 12:30 is within the room's 60 minutes; with 30, it is free.
    const c = await createTestBooking(getDb(), room.id, { status: "requested", startsAt: at("12:30"), endsAt: at("13:30") });
    await expect(confirm(c.id)).rejects.toMatchObject(refusal);
    await getDb().updateTable("room").set({ buffer_minutes: 30 }).where("id", "=", room.id).execute();
    await confirm(c.id);
    // Raised again, confirmed bookings keep the span they have (raising it would make them collide).
    await getDb().updateTable("room").set({ buffer_minutes: 90 }).where("id", "=", room.id).execute();
    const spans = await sql<{ id: number; starts: boolean; buffer: number }>`
      select id, lower(busy_span) = starts_at::timestamptz as starts,
             extract(epoch from upper(busy_span) - ends_at::timestamptz) / 60 as buffer
      from booking where room_id = ${room.id} and status = 'confirmed' order by id`.execute(getDb());
    expect(spans.rows.map((r) => ({ ...r, buffer: Number(r.buffer) }))).toEqual([
      { id: a.id, starts: true, buffer: 30 },
      { id: c.id, starts: true, buffer: 30 },
    ]);
  });

  it("a refusal by the constraint that the command's own check does not foresee is answered as a taken slot", async () => {
    const room = await createTestRoom(getDb(), { bufferMinutes: 30 });
    // A confirmed booking whose stored span is wider than the app's check knows: written with the
    // triggers switched off for this one connection (what no code path of the app can do).
    await getDb()
      .connection()
      .execute(async (conn) => {
        await sql`set session_replication_role = replica`.execute(conn);
        try {
          await sql`
            insert into booking (room_id, status, starts_at, ends_at, busy_span, contact_name, contact_email, purpose, attendees, responsible_adult, rules_version, manage_token_hash, created_at, updated_at)
            values (${room.id}, 'confirmed', ${at("08:00")}, ${at("09:00")}, tstzrange(${at("08:00")}::timestamptz, ${at("14:00")}::timestamptz), 'Alt', 'alt@example.org', 'Alt', 3, 'Alt', 1, 'wide-span', ${at("00:00")}, ${at("00:00")})
          `.execute(conn);
        } finally {
          await sql`set session_replication_role = origin`.execute(conn);
        }
      });
    const waiting = await createTestBooking(getDb(), room.id, { status: "requested", startsAt: at("12:00"), endsAt: at("13:00") });
    const u = await createTestUser(getDb(), { roles: ["coordinator"] });
    const actor: Actor = { userId: u.id, email: u.email, name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
    const outcome = await approveBooking(actor, waiting.id, new Date("2031-03-01T08:00:00Z")).then(
      () => "confirmed",
      (e) => (isAppError(e) ? { key: e.key, values: e.values } : e),
    );
    expect(outcome).toEqual({ key: "rooms:errors.alreadyBooked", values: { day: "2031-03-10", from: "13:00", to: "14:00" } });
    const row = await getDb().selectFrom("booking").select("status").where("id", "=", waiting.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("requested");
  });
});
