import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { recordView } from "~/modules/volunteers/access-log.server";
import { hasValidDeclaration, usersWithValidDeclaration } from "~/modules/volunteers/consents.server";
import { maySeeOthersPersonalData } from "~/modules/volunteers/policy";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { berlinDay, formatDate } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { categoryNameColumns } from "./category-names";
import { isoWeekday, isValidWindow, slotsOf, type HandoverModeName } from "./handover-policy";
import { releaseMatch, syncNeed, withdrawTransports } from "./need-coverage.server";
import { closeTasksFor, syncTasks } from "~/modules/tasks/tasks.server";

/** A reservation with what the office needs to plan the handover (office only). */
export async function getMatchForOffice(actor: Actor, matchId: number) {
  if (!can(actor, "manage:donation:any")) return null;
  const db = getDb();
  const m = await db
    .selectFrom("donation_match as m")
    .innerJoin("donation_offer as o", "o.id", "m.offer_id")
    .innerJoin("donation_need as n", "n.id", "m.need_id")
    .innerJoin("household as h", "h.id", "n.household_id")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .leftJoin("district as od", "od.id", "o.pickup_district_id")
    .leftJoin("district as hd", "hd.id", "h.district_id")
    .select([
      "m.id",
      "m.quantity",
      "m.handover_mode",
      "m.handover_on",
      "m.time_from",
      "m.time_to",
      "m.state",
      "m.outcome_reason",
      "m.need_id",
      "o.id as offer_id",
      "o.pickup_district_id",
      "od.name as pickupDistrict",
      "o.pickup_street",
      "o.donor_name",
      "o.donor_email",
      "o.donor_phone",
      "o.delivery",
      "h.id as household_id",
      "h.code",
      "hd.name as householdDistrict",
      ...categoryNameColumns("c"),
    ])
    .where("m.id", "=", matchId)
    .executeTakeFirst();
  if (!m) return null;
  const transports = await db
    .selectFrom("donation_transport as t")
    .innerJoin("user as u", "u.id", "t.volunteer_user_id")
    .select(["t.id", "t.state", "t.asked_at", "t.answered_at", "t.decline_reason", "u.name"])
    .where("t.match_id", "=", matchId)
    .orderBy("t.id")
    .execute();
  return { ...m, transports };
}

/**
 * Volunteers who could drive: active, with a car, their confidentiality declaration in force
 * (a driver sees the donor's address and phone), living in the pickup district or a neighbouring
 * one, and available on the day's slots (when a date is set).
 */
export async function transportCandidates(db: Kysely<DB>, args: { districtId: number | null; day?: string | null; from?: string | null; to?: string | null }) {
  let q = db
    .selectFrom("volunteer_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .leftJoin("district as d", "d.id", "p.district_id")
    .select(["u.id", "u.name", "d.name as district", "p.district_id"])
    .where("p.status", "=", "active")
    .where("p.has_car", "=", 1)
    .where("p.erased_at", "is", null)
    .where("u.disabled_at", "is", null)
    .where("p.user_id", "in", usersWithValidDeclaration(db));
  if (args.districtId) {
    const near = db.selectFrom("district_neighbour").select("neighbour_id").where("district_id", "=", args.districtId);
    q = q.where((eb) => eb.or([eb("p.district_id", "=", args.districtId), eb("p.district_id", "in", near)]));
  }
  if (args.day && args.from && args.to && isValidWindow(args.from, args.to)) {
    const slots = slotsOf(args.from, args.to);
    if (slots.length) {
      q = q.where("p.user_id", "in", db.selectFrom("volunteer_availability").select("user_id").where("weekday", "=", isoWeekday(args.day)).where("slot", "in", slots));
    }
  }
  const rows = await q.orderBy("u.name_key").orderBy("u.name").orderBy("u.id").limit(50).execute();
  return rows.map((r) => ({ ...r, sameDistrict: r.district_id === args.districtId }));
}

/** Sets how and when the item changes hands; for a transport the volunteer is asked by mail. */
export async function planHandover(
  actor: Actor,
  matchId: number,
  args: { mode: HandoverModeName; day: string; from: string; to: string; volunteerId?: string },
  now = new Date(),
) {
  requirePermission(actor, "manage:donation:any");
  await transaction(async (trx) => {
    const m = await trx
      .selectFrom("donation_match as m")
      .innerJoin("donation_offer as o", "o.id", "m.offer_id")
      .select(["m.id", "m.state", "o.pickup_district_id", "o.donor_email", "o.donor_name", "o.donor_locale"])
      .where("m.id", "=", matchId)
      .executeTakeFirst();
    if (!m) throw new AppError("errors.notFound", 404);
    if (m.state !== "reserved") throw new AppError("donations:errors.matchClosed", 400);
    if (args.day < berlinDay(now)) throw new AppError("donations:errors.untilPast", 400, "day");
    if (!isValidWindow(args.from, args.to)) throw new AppError("donations:errors.window", 400, "to");
    const ts = now.toISOString();
    await trx.updateTable("donation_match").set({ handover_mode: args.mode, handover_on: args.day, time_from: args.from, time_to: args.to, updated_at: ts }).where("id", "=", matchId).execute();
    // A new plan ends open requests to volunteers (they are told).
    await withdrawTransports(trx, matchId, now, { askedAgain: args.mode === "transport" ? args.volunteerId : undefined });
    if (args.mode === "transport") {
      if (!args.volunteerId) throw new AppError("donations:errors.volunteerMissing", 400, "volunteerId");
      const eligible = await transportCandidates(trx, { districtId: m.pickup_district_id, day: args.day, from: args.from, to: args.to });
      if (!eligible.some((v) => v.id === args.volunteerId)) throw new AppError("donations:errors.volunteerNotEligible", 400, "volunteerId");
      await trx.insertInto("donation_transport").values({ match_id: matchId, volunteer_user_id: args.volunteerId, state: "asked", asked_at: ts, answered_at: null, decline_reason: null }).execute();
      const v = await trx.selectFrom("user").select(["email", "name", "locale"]).where("id", "=", args.volunteerId).executeTakeFirstOrThrow();
      await enqueueMail(trx, { to: v.email, locale: v.locale, template: "donation-transport-request", data: { name: v.name, date: formatDate(args.day, v.locale), from: args.from, to: args.to, url: `${env().BASE_URL}/me/transports` }, now });
    }
    if (m.donor_email) {
      await enqueueMail(trx, {
        to: m.donor_email,
        locale: m.donor_locale,
        template: "donation-handover-planned",
        data: { name: m.donor_name ?? "", mode: args.mode, date: formatDate(args.day, m.donor_locale), from: args.from, to: args.to },
        now,
      });
    }
    await syncTasks(trx, "transport-waiting", [matchId], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "donation_match", entityId: matchId, details: { mode: args.mode, day: args.day }, now });
  });
}

/** The asked volunteer accepts or declines on their /me page. */
export async function answerTransport(actor: Actor, transportId: number, answer: "accepted" | "declined", reason: string | undefined, now = new Date()) {
  await transaction(async (trx) => {
    const t = await trx.selectFrom("donation_transport").select(["id", "state", "volunteer_user_id", "match_id"]).where("id", "=", transportId).where("volunteer_user_id", "=", actor.userId).executeTakeFirst();
    if (!t) throw new AppError("errors.notFound", 404);
    requirePermission(actor, "update:transport:own", { userId: t.volunteer_user_id });
    if (t.state !== "asked") throw new AppError("donations:errors.transportAnswered", 400);
    // Accepting means seeing the donor's address and phone: only with the declaration in force.
    if (answer === "accepted" && !maySeeOthersPersonalData(actor, await hasValidDeclaration(actor.userId, trx))) {
      throw new AppError("volunteers:errors.declarationMissing", 400);
    }
    await trx.updateTable("donation_transport").set({ state: answer, answered_at: now.toISOString(), decline_reason: answer === "declined" ? (reason ?? null) : null }).where("id", "=", t.id).execute();
    await syncTasks(trx, "transport-waiting", [t.match_id], now);
  });
}

/**
 * Handed over: the units count for the need (fulfilled once every unit was handed over), the
 * offer closes when nothing is left. Did not work out: the units go back to the offer and the
 * need is open again, with the reason in its history.
 */
export async function recordOutcome(actor: Actor, matchId: number, outcome: "handed_over" | "failed", reason: string | undefined, now = new Date()) {
  requirePermission(actor, "manage:donation:any");
  await transaction(async (trx) => {
    const m = await trx.selectFrom("donation_match").select(["id", "state", "offer_id", "need_id", "quantity", "handover_on"]).where("id", "=", matchId).executeTakeFirst();
    if (!m) throw new AppError("errors.notFound", 404);
    if (m.state !== "reserved") throw new AppError("donations:errors.matchClosed", 400);
    // Handed over only from the planned day on (Berlin calendar day): not days before it happened.
    if (outcome === "handed_over" && m.handover_on && berlinDay(now) < m.handover_on) throw new AppError("donations:errors.handoverNotYet", 400, "outcome");
    const ts = now.toISOString();
    if (outcome === "failed") await releaseMatch(trx, m, reason ?? null, now);
    else {
      await trx.updateTable("donation_match").set({ state: "handed_over", outcome_reason: reason ?? null, outcome_at: ts, updated_at: ts }).where("id", "=", m.id).execute();
      const o = await trx.selectFrom("donation_offer").select(["quantity", "quantity_reserved"]).where("id", "=", m.offer_id).executeTakeFirstOrThrow();
      const open = await trx.selectFrom("donation_match").select("id").where("offer_id", "=", m.offer_id).where("state", "=", "reserved").executeTakeFirst();
      if (o.quantity_reserved >= o.quantity && !open) await trx.updateTable("donation_offer").set({ status: "closed", updated_at: ts }).where("id", "=", m.offer_id).execute();
    }
    await syncNeed(trx, m.need_id, { by: actor.userId, reason: reason ?? null, now });
    await closeTasksFor(trx, "transport-waiting", m.id, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: outcome, entity: "donation_match", entityId: m.id, now });
  });
}

/**
 * A volunteer's transports. The pickup address and the donor's phone are shown only for
 * transports the volunteer accepted; the household stays a district, unless it consented
 * to share its contact with this volunteer by name.
 */
export async function listOwnTransports(actor: Actor, now = new Date()) {
  requirePermission(actor, "read:transport:own", { userId: actor.userId });
  const db = getDb();
  const maySee = maySeeOthersPersonalData(actor, await hasValidDeclaration(actor.userId, db));
  const rows = await db
    .selectFrom("donation_transport as t")
    .innerJoin("donation_match as m", "m.id", "t.match_id")
    .innerJoin("donation_offer as o", "o.id", "m.offer_id")
    .innerJoin("donation_need as n", "n.id", "m.need_id")
    .innerJoin("household as h", "h.id", "n.household_id")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .leftJoin("district as od", "od.id", "o.pickup_district_id")
    .leftJoin("district as hd", "hd.id", "h.district_id")
    .select((eb) => [
      "t.id",
      "t.state",
      "m.handover_on",
      "m.time_from",
      "m.time_to",
      "m.quantity",
      ...categoryNameColumns("c"),
      "od.name as pickupDistrict",
      "hd.name as householdDistrict",
      "o.pickup_street",
      "o.donor_phone",
      "h.id as householdId",
      "h.contact_name",
      "h.contact_phone",
      "h.street",
      eb
        .exists(
          eb
            .selectFrom("household_consent as hc")
            .select("hc.id")
            .whereRef("hc.household_id", "=", "h.id")
            .where("hc.purpose", "=", "share-contact")
            .where("hc.volunteer_user_id", "=", actor.userId)
            .where("hc.withdrawn_at", "is", null),
        )
        .as("shared"),
    ])
    .where("t.volunteer_user_id", "=", actor.userId)
    .where("t.state", "in", ["asked", "accepted"])
    .where("m.state", "=", "reserved")
    // NULLs first said out loud: SQLite's default for ascending order, PostgreSQL's is last.
    .orderBy("m.handover_on", (ob) => ob.asc().nullsFirst())
    .execute();
  const list = rows.map(({ pickup_street, donor_phone, contact_name, contact_phone, street, shared, householdId, ...r }) => {
    // Without the confidentiality declaration in force nothing personal is shown, accepted or not.
    const accepted = r.state === "accepted" && maySee;
    return {
      ...r,
      pickupStreet: accepted ? pickup_street : null,
      donorPhone: accepted ? donor_phone : null,
      household: accepted && shared ? { id: householdId, name: contact_name, phone: contact_phone, street } : null,
    };
  });
  // A household's contact shown to a volunteer is a view of its record: it goes to the access log.
  const shown = [...new Set(list.flatMap((x) => (x.household ? [x.household.id] : [])))];
  if (shown.length) {
    await transaction(async (trx) => {
      for (const id of shown) await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: id, now });
    });
  }
  return {
    declarationMissing: !maySee,
    transports: list.map(({ household, ...r }) => ({ ...r, household: household && { name: household.name, phone: household.phone, street: household.street } })),
  };
}
