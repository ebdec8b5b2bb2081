import type { Kysely } from "kysely";
import type { DB, Room } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { getDb, transaction } from "~/utils/db.server";
import { berlinDay, berlinTime } from "~/utils/dates";
import { AppError } from "~/utils/errors";
import { manageUrl, queueBookingMail } from "./mail.server";
import { checkSlot, expandSeries, slotOf, type Interval, type Violation } from "./policy";
import { currentRules, loadBusy, rulesOf } from "./queries.server";
import type { RequestInput } from "./schema";
import { syncTasks } from "~/modules/tasks/tasks.server";

export const CONFIRM_TTL_MS = 24 * 3600_000;

export type DatedViolation = Violation & { day?: string };
export type PreviewDate = Interval & { day: string; violations: Violation[] };

async function loadActiveRoom(db: Kysely<DB>, roomId: number): Promise<Room> {
  const room = await db.selectFrom("room").selectAll().where("id", "=", roomId).where("active", "=", 1).executeTakeFirst();
  if (!room) throw new AppError("errors.notFound", 404);
  return room;
}

/** The dates a request stands for: one, or a series (refused beyond the maximum). */
function datesOf(input: Pick<RequestInput, "day" | "startTime" | "endTime" | "repeat" | "until" | "count">) {
  if (input.repeat === "none") return { ok: true as const, dates: [{ day: input.day, ...slotOf(input.day, input.startTime, input.endTime) }] };
  return expandSeries({ day: input.day, startTime: input.startTime, endTime: input.endTime, frequency: input.repeat, until: input.until, count: input.count });
}

/** Checks every date against every rule; reads only. The preview of a series shows this per date. */
export async function checkDates(db: Kysely<DB>, room: Room, input: RequestInput, now: Date, opts: { skipLeadTime?: boolean } = {}) {
  const expanded = datesOf(input);
  if (!expanded.ok) return { ok: false as const, error: expanded.error };
  const rules = rulesOf(room);
  if (opts.skipLeadTime) rules.leadDays = 0;
  const first = expanded.dates[0].startsAt;
  const last = expanded.dates[expanded.dates.length - 1].endsAt;
  const pad = rules.bufferMinutes * 60_000;
  const busy = await loadBusy(db, room.id, new Date(Date.parse(first) - pad).toISOString(), new Date(Date.parse(last) + pad).toISOString());
  const dates: PreviewDate[] = expanded.dates.map((d) => ({
    ...d,
    violations: checkSlot(rules, d, { now, attendees: input.attendees, confirmed: busy.confirmed, blackouts: busy.blackouts }),
  }));
  return { ok: true as const, dates };
}

export async function previewRequest(roomId: number, input: RequestInput, now = new Date()) {
  const db = getDb();
  return checkDates(db, await loadActiveRoom(db, roomId), input, now);
}

export type RequestResult =
  | { ok: true; bookingIds: number[]; manageToken: string; needsConfirmation: boolean }
  | { ok: false; violations: DatedViolation[]; field?: string };

/**
 * A request by a guest or a logged-in person. Pending requests never block anyone; they
 * only have to pass the rules and must not collide with a confirmed booking. A guest's
 * request waits for the confirmation through the mailed link (24 h).
 */
export async function requestBooking(actor: Actor | null, roomId: number, input: RequestInput, now = new Date()): Promise<RequestResult> {
  const contact = actor ? { name: actor.name, email: actor.email, locale: actor.locale } : { name: input.name!, email: input.email!, locale: input.locale ?? "de" };
  return transaction(async (trx) => {
    const room = await loadActiveRoom(trx, roomId);
    const rules = await currentRules(trx, roomId);
    if (!rules || rules.version !== input.rulesVersion) return { ok: false, field: "acceptRules", violations: [{ key: "rooms:errors.rulesChanged" }] };
    const partIds = await validParts(trx, roomId, input.parts);
    if (!partIds) return { ok: false, field: "parts", violations: [{ key: "errors.invalidChoice" }] };
    const checked = await checkDates(trx, room, input, now);
    if (!checked.ok) return { ok: false, violations: [checked.error] };
    // A series: the requester may have dropped dates in the preview; one bad date never breaks the rest.
    const chosen = input.repeat !== "none" && input.dates.length ? checked.dates.filter((d) => input.dates.includes(d.day)) : checked.dates;
    if (!chosen.length) return { ok: false, violations: [{ key: "rooms:rules.seriesEmpty" }] };
    const violations = chosen.flatMap((d) => d.violations.map((v) => ({ ...v, day: input.repeat === "none" ? undefined : d.day })));
    if (violations.length) return { ok: false, violations };
    // The same person asking again for the same room and slot (a double click, a second try):
    // no second booking and no second mail; the answer points to the request that exists.
    const duplicates = await trx
      .selectFrom("booking")
      .select(["starts_at", "ends_at"])
      .where("room_id", "=", roomId)
      .where("contact_email", "=", contact.email.toLowerCase())
      .where("status", "in", ["unconfirmed", "requested", "confirmed"])
      .where("starts_at", "in", chosen.map((d) => d.startsAt))
      .orderBy("starts_at")
      .execute();
    const same = duplicates.filter((x) => chosen.some((d) => d.startsAt === x.starts_at && d.endsAt === x.ends_at));
    if (same.length) return { ok: false, violations: same.map((x) => ({ key: "rooms:errors.duplicateRequest", values: { day: berlinDay(x.starts_at), from: berlinTime(x.starts_at), to: berlinTime(x.ends_at) } })) };

    const ts = now.toISOString();
    const seriesId =
      input.repeat === "none"
        ? null
        : (await trx.insertInto("booking_series").values({ room_id: roomId, frequency: input.repeat, created_at: ts }).returning("id").executeTakeFirstOrThrow()).id;
    const token = generateToken();
    // Logged in with a confirmed address: no mail round trip needed.
    const guest = !actor || !actor.emailVerified;
    const ids: number[] = [];
    for (const [i, d] of chosen.entries()) {
      const { id } = await trx
        .insertInto("booking")
        .values({
          room_id: roomId,
          series_id: seriesId,
          status: guest ? "unconfirmed" : "requested",
          starts_at: d.startsAt,
          ends_at: d.endsAt,
          requester_user_id: actor?.userId ?? null,
          contact_name: contact.name,
          contact_email: contact.email,
          contact_phone: input.phone ?? null,
          group_name: input.groupName ?? null,
          purpose: input.purpose,
          attendees: input.attendees,
          responsible_adult: input.responsibleAdult,
          parts: JSON.stringify(partIds),
          rules_version: rules.version,
          locale: contact.locale,
          // The link names the first date; every date of the series has its own unguessable hash.
          manage_token_hash: hashToken(i === 0 ? token : `${token}.${i}`),
          confirm_expires_at: guest ? new Date(now.getTime() + CONFIRM_TTL_MS).toISOString() : null,
          created_at: ts,
          updated_at: ts,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(id);
    }
    await syncTasks(trx, "room-request", ids, now);
    await queueBookingMail(trx, {
      template: guest ? "room-confirm-request" : "room-request-received",
      to: contact.email,
      name: contact.name,
      locale: contact.locale,
      room: room.name,
      slots: chosen.map((d) => ({ starts_at: d.startsAt, ends_at: d.endsAt })),
      url: manageUrl(token),
      now,
    });
    await recordAudit(trx, { actorUserId: actor?.userId ?? null, action: "request", entity: "booking", entityId: ids[0], details: { count: ids.length, seriesId }, now });
    return { ok: true, bookingIds: ids, manageToken: token, needsConfirmation: guest };
  });
}

/** Part ids must belong to the room; returns null when one does not. */
export async function validParts(db: Kysely<DB>, roomId: number, parts: number[]): Promise<number[] | null> {
  const unique = [...new Set(parts)];
  if (!unique.length) return [];
  const found = await db.selectFrom("room_part").select("id").where("room_id", "=", roomId).where("id", "in", unique).execute();
  return found.length === unique.length ? unique.sort((a, b) => a - b) : null;
}

/** Guest confirmation (POST on the manage page): unconfirmed → requested, within 24 h. */
export async function confirmGuestRequest(bookingId: number, now = new Date()): Promise<"confirmed" | "expired" | "nothing"> {
  return transaction(async (trx) => {
    const b = await trx.selectFrom("booking").select(["id", "status", "series_id", "confirm_expires_at"]).where("id", "=", bookingId).executeTakeFirst();
    if (!b || b.status !== "unconfirmed") return "nothing";
    if (!b.confirm_expires_at || b.confirm_expires_at <= now.toISOString()) return "expired";
    let q = trx.updateTable("booking").set({ status: "requested", updated_at: now.toISOString() }).where("status", "=", "unconfirmed");
    q = b.series_id ? q.where("series_id", "=", b.series_id) : q.where("id", "=", b.id);
    await q.execute();
    const confirmed = await trx.selectFrom("booking").select("id").where(b.series_id ? "series_id" : "id", "=", b.series_id ?? b.id).execute();
    await syncTasks(trx, "room-request", confirmed.map((r) => r.id), now);
    // The "received" mail: now the request is with the office (the link was in the first mail).
    const rows = await trx
      .selectFrom("booking")
      .innerJoin("room", "room.id", "booking.room_id")
      .select(["booking.starts_at", "booking.ends_at", "booking.contact_email", "booking.contact_name", "booking.locale", "room.name"])
      .where(b.series_id ? "booking.series_id" : "booking.id", "=", b.series_id ?? b.id)
      .where("booking.status", "=", "requested")
      .orderBy("booking.starts_at")
      .execute();
    if (rows.length) {
      await queueBookingMail(trx, { template: "room-request-received", to: rows[0].contact_email, name: rows[0].contact_name, locale: rows[0].locale, room: rows[0].name, slots: rows, now });
    }
    await recordAudit(trx, { actorUserId: null, action: "confirm-guest", entity: "booking", entityId: b.id, now });
    return "confirmed";
  });
}

/** Daily/periodic: guest requests not confirmed within 24 h expire. */
export async function expireUnconfirmed(trx: Kysely<DB>, now: Date): Promise<number> {
  const r = await trx
    .updateTable("booking")
    .set({ status: "expired", updated_at: now.toISOString() })
    .where("status", "=", "unconfirmed")
    .where("confirm_expires_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
