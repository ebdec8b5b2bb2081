import type { Kysely } from "kysely";
import { parentRowLock } from "@db/dialect";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { getDb, getEngine, transaction } from "~/utils/db.server";
import { berlinDay, berlinTime } from "~/utils/dates";
import { AppError, isAppError } from "~/utils/errors";
import { sequenceOf } from "./ical";
import { ROOM_TEXT_COLUMNS, roomTextsOf, manageUrl, queueBookingMail } from "./mail.server";
import { checkConflicts, overlaps, slotOf } from "./policy";
import { loadBusy } from "./queries.server";
import { checkDates, validParts, type DatedViolation } from "./request-booking.server";
import type { OfficeBookingInput } from "./schema";
import { closeTasksFor } from "~/modules/tasks/tasks.server";

/** The rooms each open transaction has locked (a rerun gets a new transaction object). */
const lockedRooms = new WeakMap<Kysely<DB>, Set<number>>();

/**
 * Every command that confirms bookings of a room takes the room's row lock before its check
 * (PostgreSQL; on SQLite `BEGIN IMMEDIATE` already runs one command at a time), so such commands
 * for one room run one after the other there too (ADR 0057). Without it two of them could each
 * write an overlapping confirmed booking before either committed; the exclusion constraint of
 * migration 0031 then made each wait for the other, a deadlock that PostgreSQL breaks only after
 * `deadlock_timeout` (1 s), again on every rerun. Serialisable isolation and the constraint stay
 * the guarantee; the lock makes the commands wait in line instead.
 */
export async function lockRoomForConfirming(trx: Kysely<DB>, roomId: number): Promise<void> {
  // A series approval checks each date: the lock is asked for once per transaction and room.
  const held = lockedRooms.get(trx) ?? new Set<number>();
  if (held.has(roomId)) return;
  const lock = parentRowLock(getEngine(), "room", roomId);
  if (lock) await lock.execute(trx);
  held.add(roomId);
  lockedRooms.set(trx, held);
}

/**
 * The final conflict check and the write, in one `BEGIN IMMEDIATE` transaction: whatever
 * arrives at the same time (other requests, a second server process), the second approval
 * of an overlapping slot sees the first one's confirmed row and is refused.
 *
 * The refusal names the booking that blocks, as read here, inside the transaction that
 * refuses: its day and local times and its id (`bookingId`, for the office's link to it).
 * Several candidates are ordered by start, so the answer never depends on the row order
 * SQLite happens to return. An overlap is named before a closure, a closure before the
 * cleaning buffer.
 */
export async function assertSlotFree(trx: Kysely<DB>, b: { id: number; room_id: number; starts_at: string; ends_at: string }) {
  await lockRoomForConfirming(trx, b.room_id);
  const room = await trx.selectFrom("room").select(["buffer_minutes"]).where("id", "=", b.room_id).executeTakeFirstOrThrow();
  const pad = room.buffer_minutes * 60_000;
  const busy = await loadBusy(trx, b.room_id, new Date(Date.parse(b.starts_at) - pad).toISOString(), new Date(Date.parse(b.ends_at) + pad).toISOString(), [b.id]);
  const slot = { startsAt: b.starts_at, endsAt: b.ends_at };
  const confirmed = [...busy.confirmed].sort((x, y) => x.startsAt.localeCompare(y.startsAt) || x.id - y.id);
  const named = (c: (typeof confirmed)[number]) => ({ day: berlinDay(c.startsAt), from: berlinTime(c.startsAt), to: berlinTime(c.endsAt), bookingId: c.id });
  const overlap = confirmed.find((c) => overlaps(slot, c));
  if (overlap) throw new AppError("rooms:errors.alreadyBooked", 409, undefined, named(overlap));
  const closed = checkConflicts({ bufferMinutes: 0 }, slot, [], busy.blackouts)[0];
  if (closed) throw new AppError(closed.key, 409, undefined, closed.values);
  const near = confirmed.find((c) => overlaps(slot, c, room.buffer_minutes));
  if (near) throw new AppError("rooms:rules.withinBuffer", 409, undefined, { ...named(near), minutes: room.buffer_minutes });
}

type Slot = { id: number; room_id: number; starts_at: string; ends_at: string };

/** PostgreSQL's exclusion constraint on confirmed bookings (migration 0031) refused the write. */
function refusedByConstraint(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string } | null;
  return err?.code === "23P01" && err.constraint === "booking_confirmed_no_overlap";
}

/**
 * Runs a command that confirms bookings (one transaction, `transaction`). On PostgreSQL the
 * database refuses two overlapping confirmed bookings itself (migration 0031, ADR 0026); a refusal
 * after a concurrent commit is retried by `transaction`, and the command's own check then answers.
 * Should the constraint still refuse, the answer is the one the app gives for a taken slot: the
 * check run again on `slots()` (read after the refusal) names the booking that blocks, or else
 * "already booked" for the slot itself.
 */
export async function confirmingTransaction<T>(slots: () => Promise<Slot[]>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  try {
    return await transaction(fn);
  } catch (e) {
    if (!refusedByConstraint(e)) throw e;
    const candidates = await slots();
    for (const s of candidates) {
      try {
        await transaction((trx) => assertSlotFree(trx, s));
      } catch (refusal) {
        if (isAppError(refusal)) throw refusal;
        throw e;
      }
    }
    const s = candidates[0];
    throw new AppError("rooms:errors.alreadyBooked", 409, undefined, s ? { day: berlinDay(s.starts_at), from: berlinTime(s.starts_at), to: berlinTime(s.ends_at) } : undefined);
  }
}

/** The slots of these bookings, read now (for `confirmingTransaction`). */
export const bookingSlots = (ids: () => Promise<number[]>) => async (): Promise<Slot[]> => {
  const wanted = await ids();
  if (!wanted.length) return [];
  return getDb().selectFrom("booking").select(["id", "room_id", "starts_at", "ends_at"]).where("id", "in", wanted).orderBy("starts_at").execute();
};

async function loadForDecision(trx: Kysely<DB>, id: number) {
  const b = await trx
    .selectFrom("booking")
    .innerJoin("room", "room.id", "booking.room_id")
    .selectAll("booking")
    .select(["room.name as room_name", "room.address as room_address", ...ROOM_TEXT_COLUMNS])
    .where("booking.id", "=", id)
    .executeTakeFirst();
  if (!b) throw new AppError("errors.notFound", 404);
  return b;
}

export async function approveBooking(actor: Actor, id: number, now = new Date()) {
  requirePermission(actor, "approve:booking:any");
  return confirmingTransaction(bookingSlots(async () => [id]), async (trx) => {
    const b = await loadForDecision(trx, id);
    if (b.status === "confirmed") throw new AppError("rooms:errors.alreadyConfirmed", 409);
    if (b.status !== "requested") throw new AppError("rooms:errors.notPending", 409);
    if (b.starts_at <= now.toISOString()) throw new AppError("rooms:rules.past", 409);
    await assertSlotFree(trx, b);
    const ts = now.toISOString();
    await trx.updateTable("booking").set({ status: "confirmed", decided_by: actor.userId, decided_at: ts, decision_reason: null, updated_at: ts }).where("id", "=", id).where("status", "=", "requested").execute();
    await closeTasksFor(trx, "room-request", id, now);
    await queueBookingMail(trx, {
      template: "room-booking-confirmed",
      to: b.contact_email,
      name: b.contact_name,
      locale: b.locale,
      room: b.room_name,
      slots: [b],
      now,
      ics: { id: b.id, address: b.room_address, purpose: b.purpose, sequence: sequenceOf(b.created_at, ts) },
      roomTexts: roomTextsOf(b),
    });
    await recordAudit(trx, { actorUserId: actor.userId, action: "approve", entity: "booking", entityId: id, now });
  });
}

export async function declineBooking(actor: Actor, id: number, reason: string, now = new Date()) {
  requirePermission(actor, "approve:booking:any");
  return transaction(async (trx) => {
    const b = await loadForDecision(trx, id);
    if (b.status !== "requested" && b.status !== "unconfirmed") throw new AppError("rooms:errors.notPending", 409);
    const ts = now.toISOString();
    await trx.updateTable("booking").set({ status: "declined", decided_by: actor.userId, decided_at: ts, decision_reason: reason, updated_at: ts }).where("id", "=", id).execute();
    await closeTasksFor(trx, "room-request", id, now);
    await queueBookingMail(trx, { template: "room-booking-declined", to: b.contact_email, name: b.contact_name, locale: b.locale, room: b.room_name, slots: [b], reason, now });
    await recordAudit(trx, { actorUserId: actor.userId, action: "decline", entity: "booking", entityId: id, now });
  });
}

/** The office cancels a booking (e.g. one colliding with a new blackout), with a reason mailed. */
export async function cancelBookingByOffice(actor: Actor, id: number, reason: string, now = new Date()) {
  requirePermission(actor, "approve:booking:any");
  return transaction(async (trx) => {
    const b = await loadForDecision(trx, id);
    if (!["unconfirmed", "requested", "confirmed"].includes(b.status)) throw new AppError("rooms:errors.notActive", 409);
    const ts = now.toISOString();
    await trx.updateTable("booking").set({ status: "cancelled", decided_by: actor.userId, decided_at: ts, decision_reason: reason, updated_at: ts }).where("id", "=", id).execute();
    await closeTasksFor(trx, "room-request", id, now);
    await queueBookingMail(trx, { template: "room-booking-cancelled", to: b.contact_email, name: b.contact_name, locale: b.locale, room: b.room_name, slots: [b], reason, now });
    await recordAudit(trx, { actorUserId: actor.userId, action: "cancel", entity: "booking", entityId: id, now });
  });
}

/** The office books directly (phone, counter): every rule but the lead time, confirmed at once. */
export async function bookByOffice(
  actor: Actor,
  roomId: number,
  input: OfficeBookingInput,
  now = new Date(),
): Promise<{ ok: true; id: number } | { ok: false; violations: DatedViolation[]; field?: string }> {
  requirePermission(actor, "approve:booking:any");
  const wanted = async (): Promise<Slot[]> => [{ id: 0, room_id: roomId, ...slotOfInput(input) }];
  return confirmingTransaction(wanted, async (trx) => {
    await lockRoomForConfirming(trx, roomId);
    const room = await trx.selectFrom("room").selectAll().where("id", "=", roomId).executeTakeFirst();
    if (!room) throw new AppError("errors.notFound", 404);
    const partIds = await validParts(trx, roomId, input.parts);
    if (!partIds) return { ok: false, field: "parts", violations: [{ key: "errors.invalidChoice" }] };
    const checked = await checkDates(trx, room, { ...input, repeat: "none", dates: [], intent: "request", rulesVersion: 0, acceptRules: "on" }, now, { skipLeadTime: true });
    if (!checked.ok) return { ok: false, violations: [checked.error] };
    const violations = checked.dates.flatMap((d) => d.violations);
    if (violations.length) return { ok: false, violations };
    const slot = slotOf(input.day, input.startTime, input.endTime);
    const rules = await trx.selectFrom("room_rules").select("version").where("room_id", "=", roomId).orderBy("version", "desc").executeTakeFirst();
    const ts = now.toISOString();
    const token = generateToken();
    const { id } = await trx
      .insertInto("booking")
      .values({
        room_id: roomId,
        series_id: null,
        status: "confirmed",
        starts_at: slot.startsAt,
        ends_at: slot.endsAt,
        requester_user_id: null,
        contact_name: input.name,
        contact_email: input.email,
        contact_phone: input.phone ?? null,
        group_name: input.groupName ?? null,
        purpose: input.purpose,
        attendees: input.attendees,
        responsible_adult: input.responsibleAdult,
        parts: JSON.stringify(partIds),
        rules_version: rules?.version ?? 1,
        locale: input.locale,
        manage_token_hash: hashToken(token),
        confirm_expires_at: null,
        decided_by: actor.userId,
        decided_at: ts,
        booked_by_office: 1,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await queueBookingMail(trx, {
      template: "room-booking-confirmed",
      to: input.email,
      name: input.name,
      locale: input.locale,
      room: room.name,
      slots: [{ starts_at: slot.startsAt, ends_at: slot.endsAt }],
      url: manageUrl(token),
      now,
      ics: { id, address: room.address, purpose: input.purpose },
      roomTexts: roomTextsOf(room),
    });
    await recordAudit(trx, { actorUserId: actor.userId, action: "book", entity: "booking", entityId: id, now });
    return { ok: true, id };
  });
}

function slotOfInput(input: OfficeBookingInput): { starts_at: string; ends_at: string } {
  const slot = slotOf(input.day, input.startTime, input.endTime);
  return { starts_at: slot.startsAt, ends_at: slot.endsAt };
}
