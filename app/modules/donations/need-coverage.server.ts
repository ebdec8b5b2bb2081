import type { Kysely } from "kysely";
import type { DB, NeedStatus } from "@db/schema";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { formatDate } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { needStatusFor } from "./need-status";
import { closeTasksFor } from "~/modules/tasks/tasks.server";

/**
 * Keeping a need's covered units and status in step with its reservations. Every function
 * runs inside the caller's transaction; the reservations (`donation_match`) are the source
 * of truth, `donation_need.quantity_covered` is their sum kept for cheap lists.
 */

type Change = { by: string | null; reason: string | null; now: Date };

/** Units of a need in reservations and already handed over. */
async function coverageOf(trx: Kysely<DB>, needId: number) {
  const sums = await trx
    .selectFrom("donation_match")
    .select((eb) => ["state", eb.fn.sum<number>("quantity").as("units")])
    .where("need_id", "=", needId)
    .where("state", "in", ["reserved", "handed_over"])
    .groupBy("state")
    .execute();
  return {
    reserved: Number(sums.find((s) => s.state === "reserved")?.units ?? 0),
    handedOver: Number(sums.find((s) => s.state === "handed_over")?.units ?? 0),
  };
}

/** Sets status and covered units; a history entry is written when either changed. */
async function setNeed(trx: Kysely<DB>, needId: number, next: { status: NeedStatus; covered: number }, change: Change): Promise<NeedStatus> {
  const n = await trx.selectFrom("donation_need").select(["status", "quantity_covered", "fulfilled_at"]).where("id", "=", needId).executeTakeFirstOrThrow();
  if (next.status === n.status && next.covered === n.quantity_covered) return n.status;
  const ts = change.now.toISOString();
  await trx
    .updateTable("donation_need")
    .set({ status: next.status, quantity_covered: next.covered, fulfilled_at: next.status === "fulfilled" ? (n.fulfilled_at ?? ts) : null, updated_at: ts })
    .where("id", "=", needId)
    .execute();
  await trx
    .insertInto("donation_need_history")
    .values({ need_id: needId, from_status: n.status, to_status: next.status, covered: next.covered, changed_by: change.by, reason: change.reason, changed_at: ts })
    .execute();
  return next.status;
}

/** Recomputes covered units and status from the reservations (a cancelled need stays cancelled). */
export async function syncNeed(trx: Kysely<DB>, needId: number, change: Change): Promise<NeedStatus> {
  const n = await trx.selectFrom("donation_need").select(["status", "quantity"]).where("id", "=", needId).executeTakeFirstOrThrow();
  const c = await coverageOf(trx, needId);
  const status: NeedStatus = n.status === "cancelled" ? "cancelled" : needStatusFor({ quantity: n.quantity, ...c });
  return setNeed(trx, needId, { status, covered: c.reserved + c.handedOver }, change);
}

/** Opens a cancelled need again (the caller checked the consent); its status follows its handovers. */
export async function reopenNeed(trx: Kysely<DB>, needId: number, change: Change): Promise<NeedStatus> {
  const n = await trx.selectFrom("donation_need").select(["quantity"]).where("id", "=", needId).executeTakeFirstOrThrow();
  const c = await coverageOf(trx, needId);
  return setNeed(trx, needId, { status: needStatusFor({ quantity: n.quantity, ...c }), covered: c.reserved + c.handedOver }, change);
}

/**
 * Ends open requests to transport volunteers of a reservation; everyone who was asked or had
 * accepted gets a short mail in their language (the trip is off), unless the new plan asks
 * the same person again.
 */
export async function withdrawTransports(trx: Kysely<DB>, matchId: number, now: Date, opts: { askedAgain?: string } = {}) {
  const open = await trx
    .selectFrom("donation_transport as t")
    .innerJoin("user as u", "u.id", "t.volunteer_user_id")
    .innerJoin("donation_match as m", "m.id", "t.match_id")
    .select(["t.id", "u.id as userId", "u.email", "u.name", "u.locale", "m.handover_on", "m.time_from", "m.time_to"])
    .where("t.match_id", "=", matchId)
    .where("t.state", "in", ["asked", "accepted"])
    .execute();
  if (!open.length) return;
  await trx.updateTable("donation_transport").set({ state: "withdrawn" }).where("id", "in", open.map((t) => t.id)).execute();
  for (const t of open) {
    // Asked again with a new date or time: the new request mail says it all.
    if (t.userId === opts.askedAgain) continue;
    await enqueueMail(trx, {
      to: t.email,
      locale: t.locale,
      template: "donation-transport-withdrawn",
      data: { name: t.name, date: t.handover_on ? formatDate(t.handover_on, t.locale) : "", from: t.time_from ?? "", to: t.time_to ?? "", url: `${env().BASE_URL}/me/transports` },
      now,
    });
  }
}

/** A reservation did not work out (or its offer or need ended): its units go back to the offer. */
export async function releaseMatch(trx: Kysely<DB>, match: { id: number; offer_id: number; quantity: number }, reason: string | null, now: Date) {
  const ts = now.toISOString();
  await trx.updateTable("donation_match").set({ state: "failed", outcome_reason: reason, outcome_at: ts, updated_at: ts }).where("id", "=", match.id).where("state", "=", "reserved").execute();
  await closeTasksFor(trx, "transport-waiting", match.id, now);
  await trx
    .updateTable("donation_offer")
    .set((eb) => ({ quantity_reserved: eb("quantity_reserved", "-", match.quantity), updated_at: ts }))
    .where("id", "=", match.offer_id)
    .where("quantity_reserved", ">=", match.quantity)
    .execute();
  await withdrawTransports(trx, match.id, now);
}

/**
 * Cancels a need that is open (also partly reserved) or matched: its reservations are
 * released first, so the offers' units are free again. Units already handed over stay counted.
 */
export async function cancelNeed(trx: Kysely<DB>, needId: number, change: Change) {
  const reserved = await trx.selectFrom("donation_match").select(["id", "offer_id", "quantity"]).where("need_id", "=", needId).where("state", "=", "reserved").execute();
  for (const m of reserved) await releaseMatch(trx, m, change.reason ?? "need cancelled", change.now);
  const c = await coverageOf(trx, needId);
  await setNeed(trx, needId, { status: "cancelled", covered: c.handedOver }, change);
}
