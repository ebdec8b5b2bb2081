import type { Kysely } from "kysely";
import type { DB, Room } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { hashToken } from "~/utils/crypto.server";
import { getDb } from "~/utils/db.server";
import { parseOpeningHours, type Interval, type RoomRules } from "./policy";

export function rulesOf(room: Room): RoomRules {
  return {
    capacity: room.capacity,
    openingHours: parseOpeningHours(room.opening_hours),
    nightRestStart: room.night_rest_start,
    nightRestEnd: room.night_rest_end,
    minMinutes: room.min_minutes,
    maxMinutes: room.max_minutes,
    bufferMinutes: room.buffer_minutes,
    leadDays: room.lead_days,
    horizonMonths: room.horizon_months,
  };
}

/** Public room facts: no personal data. In German name order on both engines (`name_key`, migration 0033). */
export async function listRooms(opts: { includeInactive?: boolean } = {}) {
  let q = getDb().selectFrom("room").select(["id", "name", "address", "description", "description_translations", "capacity", "active"]).orderBy("name_key").orderBy("name").orderBy("id");
  if (!opts.includeInactive) q = q.where("active", "=", 1);
  return q.execute();
}

/** A bookable room with its parts and current house rules, or null (→ 404). */
export async function getPublicRoom(id: number, opts: { includeInactive?: boolean } = {}) {
  const db = getDb();
  let q = db.selectFrom("room").selectAll().where("id", "=", id);
  if (!opts.includeInactive) q = q.where("active", "=", 1);
  const room = await q.executeTakeFirst();
  if (!room) return null;
  const [parts, rules] = await Promise.all([
    db.selectFrom("room_part").select(["id", "name", "name_translations"]).where("room_id", "=", id).orderBy("sort_order").orderBy("id").execute(),
    currentRules(db, id),
  ]);
  return { room, parts, rules: rules ?? { version: 1, text: "", text_translations: "{}" } };
}

export async function currentRules(db: Kysely<DB>, roomId: number) {
  return db.selectFrom("room_rules").select(["version", "text", "text_translations"]).where("room_id", "=", roomId).orderBy("version", "desc").limit(1).executeTakeFirst();
}

/** Confirmed bookings and blackouts that could collide with [from, to) (buffer added by the caller). */
export async function loadBusy(db: Kysely<DB>, roomId: number, from: string, to: string, excludeIds: number[] = []) {
  let q = db
    .selectFrom("booking")
    .select(["id", "starts_at as startsAt", "ends_at as endsAt"])
    .where("room_id", "=", roomId)
    .where("status", "=", "confirmed")
    .where("starts_at", "<", to)
    .where("ends_at", ">", from);
  if (excludeIds.length) q = q.where("id", "not in", excludeIds);
  const [confirmed, blackouts] = await Promise.all([
    q.execute(),
    db
      .selectFrom("room_blackout")
      .select(["starts_at as startsAt", "ends_at as endsAt", "reason"])
      .where("room_id", "=", roomId)
      .where("starts_at", "<", to)
      .where("ends_at", ">", from)
      .execute(),
  ]);
  return { confirmed: confirmed as Array<Interval & { id: number }>, blackouts };
}

export type CalendarBlock = Interval & { state: "requested" | "booked" | "blackout" };

/**
 * What the public calendar shows between two instants: times and a state, never who or why.
 * Guest requests not yet confirmed by mail are not shown.
 */
export async function listCalendarBlocks(roomId: number, from: string, to: string): Promise<CalendarBlock[]> {
  const db = getDb();
  const [bookings, blackouts] = await Promise.all([
    db
      .selectFrom("booking")
      .select(["starts_at", "ends_at", "status"])
      .where("room_id", "=", roomId)
      .where("status", "in", ["requested", "confirmed"])
      .where("starts_at", "<", to)
      .where("ends_at", ">", from)
      .orderBy("starts_at")
      .execute(),
    db.selectFrom("room_blackout").select(["starts_at", "ends_at"]).where("room_id", "=", roomId).where("starts_at", "<", to).where("ends_at", ">", from).execute(),
  ]);
  return [
    ...blackouts.map((b) => ({ startsAt: b.starts_at, endsAt: b.ends_at, state: "blackout" as const })),
    ...bookings.map((b) => ({ startsAt: b.starts_at, endsAt: b.ends_at, state: b.status === "confirmed" ? ("booked" as const) : ("requested" as const) })),
  ].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** The booking a manage link stands for (and the rest of its series); null for an unknown token. */
export async function getBookingByManageToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const db = getDb();
  const booking = await db.selectFrom("booking").selectAll().where("manage_token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!booking) return null;
  const series = booking.series_id
    ? await db.selectFrom("booking").select(["id", "starts_at", "ends_at", "status"]).where("series_id", "=", booking.series_id).orderBy("starts_at").execute()
    : [];
  return { booking, series };
}

/** Another date of a series (the manage page's "change this date"). */
export async function getSeriesDate(seriesId: number, id: number) {
  return getDb().selectFrom("booking").selectAll().where("series_id", "=", seriesId).where("id", "=", id).executeTakeFirst();
}

export const REQUESTS_PER_PAGE = 50;

/** The office queue: requests waiting for a decision, by date, one page at a time, with the total. */
export async function listPendingRequests(actor: Actor, opts: { page?: number } = {}) {
  if (!can(actor, "approve:booking:any")) return { requests: [], total: 0, page: 1, pages: 1 };
  const db = getDb();
  const total = await countPendingRequests(actor);
  const pages = Math.max(1, Math.ceil(total / REQUESTS_PER_PAGE));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const requests = await db
    .selectFrom("booking")
    .innerJoin("room", "room.id", "booking.room_id")
    .select([
      "booking.id",
      "booking.room_id",
      "room.name as room_name",
      "booking.status",
      "booking.starts_at",
      "booking.ends_at",
      "booking.contact_name",
      "booking.group_name",
      "booking.purpose",
      "booking.attendees",
      "booking.series_id",
      "booking.created_at",
    ])
    .where("booking.status", "=", "requested")
    // The id breaks ties: the same request stays on the same page between two requests.
    .orderBy("booking.starts_at")
    .orderBy("booking.id")
    .limit(REQUESTS_PER_PAGE)
    .offset((page - 1) * REQUESTS_PER_PAGE)
    .execute();
  return { requests, total, page, pages };
}

export async function countPendingRequests(actor: Actor): Promise<number> {
  if (!can(actor, "approve:booking:any")) return 0;
  const r = await getDb().selectFrom("booking").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "requested").executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The waiting future dates of a series (what "approve the series" would confirm, conflicts aside). */
export async function listWaitingSeriesDates(actor: Actor, seriesId: number, now = new Date()) {
  if (!can(actor, "approve:booking:any")) return [];
  return getDb()
    .selectFrom("booking")
    .select(["id", "starts_at", "ends_at"])
    .where("series_id", "=", seriesId)
    .where("status", "=", "requested")
    .where("starts_at", ">", now.toISOString())
    .orderBy("starts_at")
    .execute();
}

/** One booking for the office, with the confirmed bookings it would collide with. */
export async function getBookingForOffice(actor: Actor, id: number) {
  if (!can(actor, "approve:booking:any")) return null;
  const db = getDb();
  const booking = await db
    .selectFrom("booking")
    .innerJoin("room", "room.id", "booking.room_id")
    .selectAll("booking")
    .select(["room.name as room_name", "room.buffer_minutes", "room.key_deposit_cents"])
    .where("booking.id", "=", id)
    .executeTakeFirst();
  if (!booking) return null;
  const buffer = booking.buffer_minutes * 60_000;
  const from = new Date(Date.parse(booking.starts_at) - buffer).toISOString();
  const to = new Date(Date.parse(booking.ends_at) + buffer).toISOString();
  const [busy, parts, key] = await Promise.all([
    loadBusy(db, booking.room_id, from, to, [booking.id]),
    db.selectFrom("room_part").select(["id", "name", "name_translations"]).where("room_id", "=", booking.room_id).execute(),
    db.selectFrom("key_handover").selectAll().where("booking_id", "=", id).executeTakeFirst(),
  ]);
  const partIds = safeIds(booking.parts);
  return { booking, conflicts: busy.confirmed, blackouts: busy.blackouts, parts: parts.filter((p) => partIds.includes(p.id)), key: key ?? null };
}

export function safeIds(json: string): number[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x) => Number.isInteger(x)) : [];
  } catch {
    return [];
  }
}

/** Confirmed bookings of a room that start in a Berlin month (`YYYY-MM`), for the utilisation page. */
export async function listConfirmedInMonth(actor: Actor, roomId: number, from: string, to: string) {
  if (!can(actor, "manage:room:any")) return [];
  return getDb()
    .selectFrom("booking")
    .select(["starts_at", "ends_at"])
    .where("room_id", "=", roomId)
    .where("status", "=", "confirmed")
    .where("starts_at", ">=", from)
    .where("starts_at", "<", to)
    .execute();
}
