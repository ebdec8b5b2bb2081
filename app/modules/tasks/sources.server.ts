import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { formatRange } from "~/utils/bidi";
import { addDaysToDay, berlinDay, berlinTime } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { categoryNameColumns, categoryNameValues } from "~/modules/donations/category-names";
import type { TaskSpec } from "./kinds";

/**
 * When there is work, per task kind: each source reads the records that need a task now (all of
 * them, or only `ids`) straight from the module's tables, so the commands (through `syncTasks`) and
 * the daily job (the backfill and the date-driven kinds) apply one rule. Plain queries on purpose:
 * the modules import the task API, so this file imports nothing of theirs but pure helpers (the
 * category names' columns). Texts with translations go into the values in every language
 * (`withTranslations`): each reader's page or digest picks its own (`valuesIn`).
 */
export type TaskSource = (db: Kysely<DB>, ids: string[] | null, now: Date) => Promise<TaskSpec[]>;

/** Numeric record ids; never empty (`in ()` is no SQL): a list without one matches no row. */
const nums = (ids: string[]) => {
  const n = ids.map(Number).filter((x) => Number.isSafeInteger(x));
  return n.length ? n : [-1];
};
const earlier = (a: string, b: string) => (a < b ? a : b);

const roomRequests: TaskSource = async (db, ids, now) => {
  let q = db
    .selectFrom("booking")
    .innerJoin("room", "room.id", "booking.room_id")
    .select(["booking.id", "booking.starts_at", "booking.ends_at", "booking.created_at", "booking.contact_name", "booking.group_name", "room.name"])
    .where("booking.status", "=", "requested")
    .where("booking.starts_at", ">", now.toISOString());
  if (ids) q = q.where("booking.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({
    recordId: String(r.id),
    href: `/office/rooms/bookings/${r.id}`,
    titleKey: "rooms:inbox.request",
    values: { room: r.name, date: r.starts_at, time: formatRange(berlinTime(r.starts_at), berlinTime(r.ends_at)), requester: r.group_name ? `${r.contact_name} (${r.group_name})` : r.contact_name },
    // Decided within three days, and in any case the day before the room is used.
    dueOn: earlier(addDaysToDay(berlinDay(r.created_at), 3), addDaysToDay(berlinDay(r.starts_at), -1)),
  }));
};

/** A key still out after the booking ended: opened by the daily job, closed when it is taken back. */
const keyReturns: TaskSource = async (db, ids, now) => {
  let q = db
    .selectFrom("key_handover as k")
    .innerJoin("booking as b", "b.id", "k.booking_id")
    .innerJoin("room as r", "r.id", "b.room_id")
    .select(["b.id", "b.ends_at", "b.contact_name", "b.group_name", "r.name"])
    .where("k.returned_at", "is", null)
    .where("b.ends_at", "<", now.toISOString());
  if (ids) q = q.where("b.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({
    recordId: String(r.id),
    href: `/office/rooms/bookings/${r.id}`,
    titleKey: "tasks:titles.keyReturn",
    values: { room: r.name, date: r.ends_at, requester: r.group_name ? `${r.contact_name} (${r.group_name})` : r.contact_name },
    dueOn: addDaysToDay(berlinDay(r.ends_at), 1),
  }));
};

const hoursToConfirm: TaskSource = async (db, ids) => {
  let q = db
    .selectFrom("hours_entry as h")
    .innerJoin("assignment as a", "a.id", "h.assignment_id")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .innerJoin("user as u", "u.id", "a.volunteer_user_id")
    .select(["h.id", "h.day", "h.hours", "h.created_at", "u.name", "o.name as organisation"])
    .where("h.status", "=", "submitted");
  if (ids) q = q.where("h.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({
    recordId: String(r.id),
    href: `/office/hours/${r.id}/decide`,
    titleKey: "tasks:titles.hoursConfirm",
    values: { name: r.name, hours: Number(r.hours), date: r.day, organisation: r.organisation },
    dueOn: addDaysToDay(berlinDay(r.created_at), env().HOURS_PENDING_REMINDER_DAYS),
  }));
};

const offersToReview: TaskSource = async (db, ids) => {
  let q = db
    .selectFrom("donation_offer as o")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .select(["o.id", "o.created_at", ...categoryNameColumns("c")])
    .where("o.status", "=", "open")
    .where("o.review_state", "=", "pending");
  if (ids) q = q.where("o.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({ recordId: String(r.id), href: `/office/donations/offers/${r.id}`, titleKey: "tasks:titles.offerReview", values: categoryNameValues("category", r), dueOn: addDaysToDay(berlinDay(r.created_at), 2) }));
};

/** A reservation to be driven with nobody asked or driving any more (the volunteer declined). */
const transportsWaiting: TaskSource = async (db, ids, now) => {
  let q = db
    .selectFrom("donation_match as m")
    .innerJoin("donation_offer as o", "o.id", "m.offer_id")
    .innerJoin("donation_category as c", "c.id", "o.category_id")
    .innerJoin("donation_need as n", "n.id", "m.need_id")
    .innerJoin("household as h", "h.id", "n.household_id")
    .select(["m.id", "m.handover_on", "m.updated_at", ...categoryNameColumns("c"), "h.code"])
    .where("m.state", "=", "reserved")
    .where("m.handover_mode", "=", "transport")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("donation_transport as t").select("t.id").whereRef("t.match_id", "=", "m.id").where("t.state", "in", ["asked", "accepted"]))));
  if (ids) q = q.where("m.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({
    recordId: String(r.id),
    href: `/office/donations/matches/${r.id}`,
    titleKey: "donations:inbox.transportDeclined",
    // The category in every language (the reader's page picks): the queue is read in each office member's.
    values: { ...categoryNameValues("category", r), code: r.code, date: r.handover_on ?? "" },
    // Someone must drive before the handover day; without one, at once.
    dueOn: r.handover_on ? addDaysToDay(r.handover_on, -1) : berlinDay(now),
  }));
};

const sponsorshipRequests: TaskSource = async (db, ids) => {
  let q = db
    .selectFrom("sponsorship_request as r")
    .innerJoin("household as h", "h.id", "r.household_id")
    .select(["r.id", "r.requested_at", "h.code"])
    .where("r.status", "=", "new")
    .where("h.erased_at", "is", null);
  if (ids) q = q.where("r.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({ recordId: String(r.id), href: `/office/sponsorships/requests/${r.id}`, titleKey: "tasks:titles.sponsorshipRequest", values: { code: r.code }, dueOn: addDaysToDay(berlinDay(r.requested_at), 7) }));
};

/** A sponsor accepted the proposal: the office asks the household and records its agreement. */
const proposalsAccepted: TaskSource = async (db, ids, now) => {
  let q = db
    .selectFrom("sponsorship_proposal as p")
    .innerJoin("sponsorship_request as r", "r.id", "p.request_id")
    .innerJoin("household as h", "h.id", "r.household_id")
    .innerJoin("user as u", "u.id", "p.volunteer_user_id")
    .select(["p.id", "p.decided_at", "r.id as requestId", "h.code", "u.name"])
    .where("p.status", "=", "accepted")
    .where("p.household_agreed_at", "is", null)
    .where("r.status", "in", ["new", "open"])
    .where("h.erased_at", "is", null);
  if (ids) q = q.where("p.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({
    recordId: String(r.id),
    href: `/office/sponsorships/requests/${r.requestId}`,
    titleKey: "sponsorships:inbox.accepted",
    values: { name: r.name, code: r.code },
    dueOn: addDaysToDay(berlinDay(r.decided_at ?? now), 7),
  }));
};

const sealToScreen: TaskSource = async (db, ids) => {
  let q = db
    .selectFrom("seal_application as a")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .select(["a.id", "a.submitted_at", "a.updated_at", "o.name"])
    .where("a.status", "=", "submitted");
  if (ids) q = q.where("a.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({ recordId: String(r.id), href: `/office/seal/${r.id}`, titleKey: "seal:inbox.toScreen", values: { name: r.name }, dueOn: addDaysToDay(berlinDay(r.submitted_at ?? r.updated_at), 14) }));
};

const volunteerIntake: TaskSource = async (db, ids) => {
  const days = env().VOLUNTEER_INTAKE_REMINDER_DAYS;
  let q = db
    .selectFrom("volunteer_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .select(["p.user_id", "p.status_changed_at", "u.name"])
    .where("p.status", "=", "registered")
    .where("p.erased_at", "is", null);
  if (ids) q = q.where("p.user_id", "in", ids.length ? ids : ["-"]);
  const rows = await q.execute();
  return rows.map((r) => ({ recordId: r.user_id, href: `/office/volunteers/${r.user_id}`, titleKey: "volunteers:inbox.awaitingIntake", values: { name: r.name }, dueOn: addDaysToDay(berlinDay(r.status_changed_at), days) }));
};

/** Cover ending: an open assignment whose end day is near (or passed): extend it or close it. */
const coverEnding: TaskSource = async (db, ids, now) => {
  const today = berlinDay(now);
  let q = db
    .selectFrom("assignment as a")
    .innerJoin("user as u", "u.id", "a.volunteer_user_id")
    .select(["a.id", "a.activity", "a.end_day", "u.name"])
    .where("a.closed_on", "is", null)
    .where("a.end_day", "is not", null)
    .where("a.end_day", "<=", addDaysToDay(today, env().ASSIGNMENT_END_REMINDER_DAYS));
  if (ids) q = q.where("a.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => ({ recordId: String(r.id), href: `/office/assignments/${r.id}`, titleKey: "tasks:titles.coverEnding", values: { name: r.name, activity: r.activity, date: r.end_day! }, dueOn: r.end_day! }));
};

/** A data subject's open request, due on its (extended) deadline (ADR 0038). */
const privacyRequests: TaskSource = async (db, ids) => {
  let q = db
    .selectFrom("privacy_request as r")
    .select(["r.id", "r.requester_name", "r.due_on", "r.extended_due_on"])
    .where("r.status", "=", "open");
  if (ids) q = q.where("r.id", "in", nums(ids));
  const rows = await q.execute();
  return rows.map((r) => {
    const dueOn = r.extended_due_on ?? r.due_on;
    return { recordId: String(r.id), href: `/office/privacy/${r.id}`, titleKey: "privacy:inbox.open", values: { id: r.id, name: r.requester_name, date: dueOn }, dueOn };
  });
};

export const taskSources = {
  "room-request": roomRequests,
  "key-return": keyReturns,
  "hours-confirm": hoursToConfirm,
  "donation-offer-review": offersToReview,
  "transport-waiting": transportsWaiting,
  "sponsorship-request": sponsorshipRequests,
  "sponsorship-accepted": proposalsAccepted,
  "seal-screen": sealToScreen,
  "volunteer-intake": volunteerIntake,
  "cover-ending": coverEnding,
  "privacy-request": privacyRequests,
} satisfies Record<string, TaskSource>;
export type SourcedKind = keyof typeof taskSources;
