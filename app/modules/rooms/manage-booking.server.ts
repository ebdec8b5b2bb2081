import type { Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { transaction } from "~/utils/db.server";
import { berlinDay } from "~/utils/dates";
import { AppError } from "~/utils/errors";
import { queueBookingMail } from "./mail.server";
import { checkSlot, isActive, slotOf } from "./policy";
import { currentRules, loadBusy, rulesOf } from "./queries.server";
import { validParts, type DatedViolation } from "./request-booking.server";
import type { ChangeInput } from "./schema";
import { syncTasks } from "~/modules/tasks/tasks.server";

/**
 * What a requester does through the private manage link (the token was already resolved
 * to `bookingId` by the route). A changed time is checked against every rule again and
 * goes back to the office for approval; changed details keep the status.
 */
export async function changeBooking(
  bookingId: number,
  input: ChangeInput,
  now = new Date(),
): Promise<{ ok: true; status: string } | { ok: false; violations: DatedViolation[]; field?: string }> {
  return transaction(async (trx) => {
    const b = await trx.selectFrom("booking").selectAll().where("id", "=", bookingId).executeTakeFirst();
    if (!b) throw new AppError("errors.notFound", 404);
    if (!isActive(b.status)) return { ok: false, violations: [{ key: "rooms:errors.notActive" }] };
    if (b.starts_at <= now.toISOString()) return { ok: false, violations: [{ key: "rooms:errors.alreadyStarted" }] };
    const room = await trx.selectFrom("room").selectAll().where("id", "=", b.room_id).executeTakeFirstOrThrow();
    const partIds = await validParts(trx, room.id, input.parts);
    if (!partIds) return { ok: false, field: "parts", violations: [{ key: "errors.invalidChoice" }] };
    const slot = slotOf(input.day, input.startTime, input.endTime);
    const rules = rulesOf(room);
    const pad = rules.bufferMinutes * 60_000;
    const ok = Date.parse(slot.endsAt) > Date.parse(slot.startsAt);
    const busy = ok
      ? await loadBusy(trx, room.id, new Date(Date.parse(slot.startsAt) - pad).toISOString(), new Date(Date.parse(slot.endsAt) + pad).toISOString(), [b.id])
      : { confirmed: [], blackouts: [] };
    const violations = checkSlot(rules, slot, { now, attendees: input.attendees, ...busy });
    if (violations.length) return { ok: false, violations };
    const timeChanged = slot.startsAt !== b.starts_at || slot.endsAt !== b.ends_at;
    const status = timeChanged && b.status === "confirmed" ? "requested" : b.status;
    const ts = now.toISOString();
    await trx
      .updateTable("booking")
      .set({
        starts_at: slot.startsAt,
        ends_at: slot.endsAt,
        parts: JSON.stringify(partIds),
        purpose: input.purpose,
        attendees: input.attendees,
        responsible_adult: input.responsibleAdult,
        contact_phone: input.phone ?? null,
        status,
        rules_version: (await currentRules(trx, room.id))?.version ?? b.rules_version,
        reminder_sent_at: timeChanged ? null : b.reminder_sent_at,
        updated_at: ts,
      })
      .where("id", "=", b.id)
      .execute();
    await syncTasks(trx, "room-request", [b.id], now);
    await queueBookingMail(trx, { template: "room-booking-changed", to: b.contact_email, name: b.contact_name, locale: b.locale, room: room.name, slots: [slot].map((s) => ({ starts_at: s.startsAt, ends_at: s.endsAt })), now });
    await recordAudit(trx, { actorUserId: null, action: "change", entity: "booking", entityId: b.id, details: { timeChanged }, now });
    return { ok: true, status };
  });
}

/**
 * The requester cancels one date (`scope: "one"`, the date must belong to the link's
 * booking or its series) or every future date of the series (`scope: "series"`).
 */
export async function cancelOwnBooking(linkBookingId: number, args: { scope: "one" | "series"; bookingId?: number }, actor: Actor | null = null, now = new Date()) {
  return transaction(async (trx) => {
    const link = await trx.selectFrom("booking").select(["id", "series_id", "room_id", "contact_email", "contact_name", "locale"]).where("id", "=", linkBookingId).executeTakeFirst();
    if (!link) throw new AppError("errors.notFound", 404);
    let q = trx.selectFrom("booking").select(["id", "starts_at", "ends_at", "status"]).where("status", "in", ["unconfirmed", "requested", "confirmed"]).where("starts_at", ">", now.toISOString());
    if (args.scope === "series" && link.series_id) q = q.where("series_id", "=", link.series_id);
    else {
      const target = args.bookingId ?? link.id;
      // A date of another series (or another person's booking) is never reachable through this link.
      if (target !== link.id && !link.series_id) throw new AppError("errors.notFound", 404);
      q = q.where("id", "=", target);
      if (target !== link.id) q = q.where("series_id", "=", link.series_id!);
    }
    const rows = await q.orderBy("starts_at").execute();
    if (!rows.length) throw new AppError("rooms:errors.nothingToCancel", 409);
    const ts = now.toISOString();
    await trx.updateTable("booking").set({ status: "cancelled", updated_at: ts }).where("id", "in", rows.map((r) => r.id)).execute();
    await syncTasks(trx, "room-request", rows.map((r) => r.id), now);
    const room = await trx.selectFrom("room").select("name").where("id", "=", link.room_id).executeTakeFirstOrThrow();
    await queueBookingMail(trx, { template: "room-booking-cancelled", to: link.contact_email, name: link.contact_name, locale: link.locale, room: room.name, slots: rows, now });
    await recordAudit(trx, { actorUserId: actor?.userId ?? null, action: "cancel-own", entity: "booking", entityId: link.id, details: { ids: rows.map((r) => r.id) }, now });
    return rows.length;
  });
}

/**
 * Changes the times of every future active date of the link's series at once (each date keeps
 * its day; each is re-checked). All or nothing: the dates that would break a rule are listed.
 */
export async function changeSeriesTimes(
  linkBookingId: number,
  times: { startTime: string; endTime: string },
  now = new Date(),
): Promise<{ ok: true; count: number } | { ok: false; violations: DatedViolation[] }> {
  return transaction(async (trx) => {
    const link = await trx.selectFrom("booking").selectAll().where("id", "=", linkBookingId).executeTakeFirst();
    if (!link) throw new AppError("errors.notFound", 404);
    if (!link.series_id) return { ok: false, violations: [{ key: "rooms:errors.notASeries" }] };
    const dates = await trx
      .selectFrom("booking")
      .selectAll()
      .where("series_id", "=", link.series_id)
      .where("status", "in", ["unconfirmed", "requested", "confirmed"])
      .where("starts_at", ">", now.toISOString())
      .orderBy("starts_at")
      .execute();
    if (!dates.length) return { ok: false, violations: [{ key: "rooms:errors.notActive" }] };
    const room = await trx.selectFrom("room").selectAll().where("id", "=", link.room_id).executeTakeFirstOrThrow();
    const rules = rulesOf(room);
    const pad = rules.bufferMinutes * 60_000;
    const ids = dates.map((d) => d.id);
    const planned = dates.map((d) => ({ booking: d, day: berlinDay(d.starts_at), slot: slotOf(berlinDay(d.starts_at), times.startTime, times.endTime) }));
    const violations: DatedViolation[] = [];
    for (const p of planned) {
      const valid = Date.parse(p.slot.endsAt) > Date.parse(p.slot.startsAt);
      const busy = valid
        ? await loadBusy(trx, room.id, new Date(Date.parse(p.slot.startsAt) - pad).toISOString(), new Date(Date.parse(p.slot.endsAt) + pad).toISOString(), ids)
        : { confirmed: [], blackouts: [] };
      for (const v of checkSlot(rules, p.slot, { now, attendees: p.booking.attendees, ...busy })) violations.push({ ...v, day: p.day });
    }
    if (violations.length) return { ok: false, violations };
    const ts = now.toISOString();
    for (const p of planned) {
      await trx
        .updateTable("booking")
        .set({ starts_at: p.slot.startsAt, ends_at: p.slot.endsAt, status: p.booking.status === "confirmed" ? "requested" : p.booking.status, reminder_sent_at: null, updated_at: ts })
        .where("id", "=", p.booking.id)
        .execute();
    }
    await syncTasks(trx, "room-request", ids, now);
    await queueBookingMail(trx, {
      template: "room-booking-changed",
      to: link.contact_email,
      name: link.contact_name,
      locale: link.locale,
      room: room.name,
      slots: planned.map((p) => ({ starts_at: p.slot.startsAt, ends_at: p.slot.endsAt })),
      now,
    });
    await recordAudit(trx, { actorUserId: null, action: "change-series", entity: "booking", entityId: link.id, details: { ids }, now });
    return { ok: true, count: planned.length };
  });
}
