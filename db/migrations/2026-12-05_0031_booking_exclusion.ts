import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app but the engine type, Kysely<any> only. Never edit after it landed.
//
// A room slot is confirmed once (issue #13, ADR 0026). On SQLite, BEGIN IMMEDIATE serialises every
// command, and the command's own check (app/modules/rooms/decide-booking.server.ts `assertSlotFree`)
// is the whole guarantee: this migration does nothing there. On PostgreSQL the database guarantees
// it as well, so that no code path (a forgotten check, a script, a hand-written statement) can
// confirm two bookings of one room whose times overlap, cleaning buffer included:
//
// - Bookings store their times as text, UTC ISO 8601 with "Z" (migration 0003); the cleaning
//   buffer is the room's `buffer_minutes` and can change. An exclusion constraint may only use the
//   row's own columns through immutable expressions, so it cannot read the room's buffer. The range
//   a confirmed booking blocks is therefore stored on the booking: `busy_span` = [starts_at,
//   ends_at + the room's buffer), a `tstzrange`, NULL unless the booking is confirmed. Two such
//   ranges overlap exactly when the app's check (`overlaps(a, b, buffer)`: a.start < b.end + buffer
//   and b.start < a.end + buffer) finds a conflict with the same buffer.
// - A trigger fills `busy_span` whenever a row is confirmed, moved or given to another room, from
//   the room's buffer at that moment (the buffer the app's check used); a later write that leaves
//   status and times alone keeps the span, clamped to [starts_at, ends_at + the room's buffer now].
//   Whatever a statement writes into `busy_span` itself, the span never leaves out the booking's
//   own times.
// - When a room's buffer is lowered, the spans of its confirmed bookings shrink with it (a span
//   that only shrinks never conflicts). When it is raised, the existing spans stay as they were
//   confirmed (raising them could make confirmed bookings collide; the app does not re-check them
//   either). So a stored span is never longer than the room's current buffer allows, and the
//   constraint never refuses what the app's check, with the current buffer, allows.
// - `exclude using gist (room_id with =, busy_span with &&) where (status = 'confirmed')`; the
//   `btree_gist` extension gives GiST the equality on `room_id`. PostgreSQL reports a violation as
//   SQLSTATE 23P01 with the constraint's name: db/database.ts retries the command once more (the
//   conflicting booking was committed by a concurrent command the snapshot did not see, and the
//   command's own check then names it); app/modules/rooms answers a persisting one as "slot taken".
//
// `busy_span` exists on PostgreSQL only; the app never reads or writes it.

const POSTGRES_UP = [
  sql`create extension if not exists btree_gist`,
  sql`alter table booking add column busy_span tstzrange`,
  sql`
    create function booking_busy_span() returns trigger language plpgsql as $$
    declare
      s timestamptz;
      e timestamptz;
      full_end timestamptz;
    begin
      if new.status <> 'confirmed' then
        new.busy_span := null;
        return new;
      end if;
      s := new.starts_at::timestamptz;
      e := new.ends_at::timestamptz;
      full_end := e + make_interval(mins => coalesce((select r.buffer_minutes from room r where r.id = new.room_id), 0));
      if tg_op = 'UPDATE' and old.status = 'confirmed' and new.starts_at = old.starts_at and new.ends_at = old.ends_at and new.room_id = old.room_id then
        new.busy_span := tstzrange(s, greatest(e, least(coalesce(upper(new.busy_span), full_end), full_end)), '[)');
      else
        new.busy_span := tstzrange(s, greatest(e, full_end), '[)');
      end if;
      return new;
    end $$
  `,
  sql`create trigger booking_busy_span before insert or update on booking for each row execute function booking_busy_span()`,
  sql`
    create function room_buffer_lowered() returns trigger language plpgsql as $$
    begin
      update booking set busy_span = null
      where room_id = new.id and status = 'confirmed'
        and upper(busy_span) > ends_at::timestamptz + make_interval(mins => new.buffer_minutes);
      return null;
    end $$
  `,
  sql`
    create trigger room_buffer_lowered after update of buffer_minutes on room
    for each row when (new.buffer_minutes < old.buffer_minutes) execute function room_buffer_lowered()
  `,
  // The bookings confirmed before this migration get their span (the trigger computes it).
  sql`update booking set busy_span = null where status = 'confirmed'`,
  sql`alter table booking add constraint booking_confirmed_has_span check (status <> 'confirmed' or busy_span is not null)`,
  sql`
    alter table booking add constraint booking_confirmed_no_overlap
    exclude using gist (room_id with =, busy_span with &&) where (status = 'confirmed')
  `,
];

const POSTGRES_DOWN = [
  sql`alter table booking drop constraint if exists booking_confirmed_no_overlap`,
  sql`alter table booking drop constraint if exists booking_confirmed_has_span`,
  sql`drop trigger if exists room_buffer_lowered on room`,
  sql`drop function if exists room_buffer_lowered()`,
  sql`drop trigger if exists booking_busy_span on booking`,
  sql`drop function if exists booking_busy_span()`,
  sql`alter table booking drop column if exists busy_span`,
];

export function migration(engine: Engine): Migration {
  if (engine !== "postgres") {
    // SQLite: BEGIN IMMEDIATE serialises the commands; their check is the guarantee (ADR 0002).
    return { up: async () => {}, down: async () => {} };
  }
  return {
    up: async (db: Kysely<any>) => {
      for (const statement of POSTGRES_UP) await statement.execute(db);
    },
    down: async (db: Kysely<any>) => {
      for (const statement of POSTGRES_DOWN) await statement.execute(db);
    },
  };
}
