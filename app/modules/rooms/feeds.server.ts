import { getFixedT } from "~/i18n/i18next.server";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { getDb, transaction } from "~/utils/db.server";
import { berlinDay } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { buildCalendar, bookingUid, sequenceOf, type IcsEvent } from "./ical";

const DAY = 86_400_000;
export const feedUrl = (token: string) => `${env().BASE_URL}/raum/feed/${token}`;

const publicCache = new Map<string, { key: string; body: string }>();

/**
 * What the public feed depends on, cheap to read: bookings and closures of the room (count
 * and last change) and the day (the window moves daily). Same key → same body and ETag.
 */
async function publicFeedKey(roomId: number, now: Date) {
  const db = getDb();
  const [b, c] = await Promise.all([
    db.selectFrom("booking").select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("updated_at").as("m")]).where("room_id", "=", roomId).executeTakeFirstOrThrow(),
    db.selectFrom("room_blackout").select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("id").as("m")]).where("room_id", "=", roomId).executeTakeFirstOrThrow(),
  ]);
  return `${roomId}:${berlinDay(now)}:${b.n}:${b.m}:${c.n}:${c.m}`;
}

/** Public free/busy per room: confirmed bookings and closures, times only — no personal data. */
export async function publicRoomFeed(roomId: number, labels: { booked: string; closed: string }, now = new Date()): Promise<{ body: string; etag: string } | null> {
  const db = getDb();
  const room = await db.selectFrom("room").select(["id", "name", "address"]).where("id", "=", roomId).where("active", "=", 1).executeTakeFirst();
  if (!room) return null;
  const key = `${await publicFeedKey(roomId, now)}:${room.name}:${room.address}:${labels.booked}:${labels.closed}`;
  const etag = `"${hashToken(key).slice(0, 32)}"`;
  const cacheKey = `${roomId}:${labels.booked}`;
  const hit = publicCache.get(cacheKey);
  if (hit && hit.key === key) return { body: hit.body, etag };
  const from = new Date(now.getTime() - 30 * DAY).toISOString();
  const until = new Date(now.getTime() + 400 * DAY).toISOString();
  const [bookings, blackouts] = await Promise.all([
    db.selectFrom("booking").select(["id", "starts_at", "ends_at", "created_at", "updated_at"]).where("room_id", "=", roomId).where("status", "=", "confirmed").where("ends_at", ">", from).where("starts_at", "<", until).orderBy("starts_at").limit(5000).execute(),
    db.selectFrom("room_blackout").select(["id", "starts_at", "ends_at"]).where("room_id", "=", roomId).where("ends_at", ">", from).execute(),
  ]);
  const events: IcsEvent[] = [
    ...bookings.map((b) => ({ uid: bookingUid(b.id), startsAt: b.starts_at, endsAt: b.ends_at, summary: labels.booked, status: "CONFIRMED" as const, location: room.address, sequence: sequenceOf(b.created_at, b.updated_at) })),
    ...blackouts.map((b) => ({ uid: `blackout-${b.id}@ehrenamt-hub`, startsAt: b.starts_at, endsAt: b.ends_at, summary: labels.closed, status: "CONFIRMED" as const, location: room.address })),
  ];
  const body = buildCalendar({ name: room.name, events, now });
  if (publicCache.size > 500) publicCache.clear();
  publicCache.set(cacheKey, { key, body });
  return { body, etag };
}

/** A secret feed URL (stored hashed). Requester feeds cover every booking of one e-mail address. */
export async function createFeed(args: { kind: "requester"; email: string } | { kind: "office"; actor: Actor }, now = new Date()): Promise<string> {
  if (args.kind === "office") requirePermission(args.actor, "approve:booking:any");
  const token = generateToken(24);
  await transaction(async (trx) => {
    const { id } = await trx
      .insertInto("calendar_feed")
      .values({ token_hash: hashToken(token), kind: args.kind, email: args.kind === "requester" ? args.email : null, created_at: now.toISOString(), revoked_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: args.kind === "office" ? args.actor.userId : null, action: "create-feed", entity: "calendar_feed", entityId: id, now });
  });
  return token;
}

export async function revokeRequesterFeeds(email: string, now = new Date()) {
  await getDb().updateTable("calendar_feed").set({ revoked_at: now.toISOString() }).where("kind", "=", "requester").where("email", "=", email).where("revoked_at", "is", null).execute();
}

export async function revokeOfficeFeed(actor: Actor, id: number, now = new Date()) {
  requirePermission(actor, "approve:booking:any");
  await getDb().updateTable("calendar_feed").set({ revoked_at: now.toISOString() }).where("kind", "=", "office").where("id", "=", id).where("revoked_at", "is", null).execute();
}

export async function listOfficeFeeds(actor: Actor) {
  requirePermission(actor, "approve:booking:any");
  return getDb().selectFrom("calendar_feed").select(["id", "created_at"]).where("kind", "=", "office").where("revoked_at", "is", null).orderBy("id").execute();
}

/** The private feed behind a token: null for an unknown or revoked token (→ 404). */
/** A private feed in `lang` (its calendar name is translated; the bookings are the requesters' own words). */
export async function privateFeed(token: string, now = new Date(), lang = "de"): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const db = getDb();
  const feed = await db.selectFrom("calendar_feed").selectAll().where("token_hash", "=", hashToken(token)).where("revoked_at", "is", null).executeTakeFirst();
  if (!feed) return null;
  let q = db
    .selectFrom("booking")
    .innerJoin("room", "room.id", "booking.room_id")
    .select(["booking.id", "booking.starts_at", "booking.ends_at", "booking.status", "booking.purpose", "booking.contact_name", "booking.group_name", "booking.created_at", "booking.updated_at", "room.name", "room.address"])
    .where("booking.status", "in", ["requested", "confirmed", "cancelled"])
    .where("booking.ends_at", ">", new Date(now.getTime() - 90 * DAY).toISOString())
    .orderBy("booking.starts_at")
    .limit(5000);
  if (feed.kind === "requester") q = q.where("booking.contact_email", "=", feed.email!);
  const rows = await q.execute();
  const events: IcsEvent[] = rows.map((b) => ({
    uid: bookingUid(b.id),
    startsAt: b.starts_at,
    endsAt: b.ends_at,
    summary: feed.kind === "office" ? `${b.name}: ${b.purpose} (${b.group_name ?? b.contact_name})` : `${b.name}: ${b.purpose}`,
    location: b.address,
    status: b.status === "confirmed" ? "CONFIRMED" : b.status === "cancelled" ? "CANCELLED" : "TENTATIVE",
    sequence: sequenceOf(b.created_at, b.updated_at),
  }));
  const t = await getFixedT(lang, "rooms");
  return buildCalendar({ name: t(feed.kind === "office" ? "calendarNames.office" : "calendarNames.requester"), events, now });
}
