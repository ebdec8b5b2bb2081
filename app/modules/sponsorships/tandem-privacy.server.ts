import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { PersonalDataEraser } from "~/modules/volunteers/personal-data-types";
import { berlinDay } from "~/utils/dates";
import { closeTandemAssignment } from "./tandem-assignment.server";
import { CONSENT_END_REASON } from "./tandem-rules";
import { writeTandemEvent } from "./tandem-steps.server";

/**
 * The household's personal data in tandems (hooked into the donations module's household
 * export, erasure and consent withdrawal, inside their transactions).
 */

/** Art. 15: the household's tandems (its sponsor is a recipient of its data, Art. 15 (1) c) with their meetings. */
export async function exportHouseholdTandems(trx: Kysely<DB>, householdId: number) {
  const tandems = await trx
    .selectFrom("tandem as t")
    .innerJoin("sponsorship_programme as p", "p.id", "t.programme_id")
    .innerJoin("user as u", "u.id", "t.volunteer_user_id")
    .select(["t.id", "t.code", "p.name as programme", "u.name as sponsor", "t.status", "t.started_on", "t.first_meeting_at", "t.first_meeting_place", "t.ended_on", "t.end_reason"])
    .where("t.household_id", "=", householdId)
    .orderBy("t.id")
    .execute();
  if (!tandems.length) return [];
  const ids = tandems.map((t) => t.id);
  const [meetings, events] = await Promise.all([
    trx.selectFrom("tandem_meeting").select(["tandem_id", "day", "minutes", "kind", "topics", "note", "confirmed_at"]).where("tandem_id", "in", ids).orderBy("day").execute(),
    trx.selectFrom("tandem_event").select(["tandem_id", "kind", "from_status", "to_status", "reason", "note", "at"]).where("tandem_id", "in", ids).orderBy("id").execute(),
  ]);
  return tandems.map((t) => ({
    code: t.code,
    programme: t.programme,
    sponsor: t.sponsor,
    status: t.status,
    startedOn: t.started_on,
    firstMeetingAt: t.first_meeting_at,
    firstMeetingPlace: t.first_meeting_place,
    endedOn: t.ended_on,
    endReason: t.end_reason,
    meetings: meetings.filter((m) => m.tandem_id === t.id).map((m) => ({ day: m.day, minutes: m.minutes, kind: m.kind, topics: m.topics, note: m.note, confirmedAt: m.confirmed_at })),
    history: events.filter((e) => e.tandem_id === t.id).map((e) => ({ kind: e.kind, fromStatus: e.from_status, toStatus: e.to_status, reason: e.reason, note: e.note, at: e.at })),
  }));
}

/**
 * Consent withdrawn (or the household erased): every running tandem of the household ends today
 * (reason `consent_withdrawn`, its assignment closes), and all tandems keep only what the funding
 * proof needs, pseudonymised: code, programme, status, days, meeting dates and their confirmation.
 * Notes, topics, the first meeting's place, the links and the references to the household and its
 * request are removed.
 */
export async function detachHouseholdTandems(trx: Kysely<DB>, householdId: number, actorId: string, now: Date, reason: "consent-withdrawn" | "household-erased" = "consent-withdrawn"): Promise<number> {
  const today = berlinDay(now);
  const ts = now.toISOString();
  const tandems = await trx.selectFrom("tandem").select(["id", "status", "assignment_id", "volunteer_user_id", "first_meeting_at"]).where("household_id", "=", householdId).execute();
  for (const t of tandems) {
    if (t.status !== "ended") {
      await trx.updateTable("tandem").set({ status: "ended", ended_on: today, end_reason: CONSENT_END_REASON, next_checkin_on: null, updated_at: ts }).where("id", "=", t.id).execute();
      await writeTandemEvent(trx, { tandemId: t.id, kind: "consent_withdrawn", from: t.status, to: "ended", reason: CONSENT_END_REASON, actorId, now });
      await closeTandemAssignment(trx, t, today, actorId, now);
    }
  }
  if (!tandems.length) return 0;
  const ids = tandems.map((t) => t.id);
  // The requests these tandems came from are done (a new request needs a new consent).
  await trx
    .updateTable("sponsorship_request")
    .set({ status: "closed", close_reason: reason, updated_at: ts })
    .where("id", "in", (eb) => eb.selectFrom("tandem").select("request_id").where("id", "in", ids).where("request_id", "is not", null))
    .where("status", "=", "matched")
    .execute();
  await trx.deleteFrom("tandem_meeting_link").where("meeting_id", "in", (eb) => eb.selectFrom("tandem_meeting").select("id").where("tandem_id", "in", ids)).execute();
  await trx.updateTable("tandem_meeting").set({ note: null, topics: "" }).where("tandem_id", "in", ids).execute();
  await trx.updateTable("tandem_event").set({ note: null }).where("tandem_id", "in", ids).execute();
  await trx.updateTable("tandem").set({ household_id: null, request_id: null, first_meeting_place: null, updated_at: ts }).where("id", "in", ids).execute();
  return tandems.length;
}

/**
 * Art. 17 for a sponsor's account: their running tandems end today (reason "other", the event says
 * why), the households' requests go back to the queue with priority (they still want a sponsor),
 * and the sponsor's meeting notes are removed. The assignment is closed by the coverage eraser;
 * codes, days and confirmations stay for the funding proof.
 */
export const tandemsEraser: PersonalDataEraser = {
  name: "tandems",
  run: async (trx, userId, now) => {
    const today = berlinDay(now);
    const ts = now.toISOString();
    const running = await trx.selectFrom("tandem").select(["id", "status", "request_id"]).where("volunteer_user_id", "=", userId).where("status", "!=", "ended").execute();
    for (const t of running) {
      await trx.updateTable("tandem").set({ status: "ended", ended_on: today, end_reason: "other", next_checkin_on: null, updated_at: ts }).where("id", "=", t.id).execute();
      await writeTandemEvent(trx, { tandemId: t.id, kind: "ended", from: t.status, to: "ended", reason: "other", actorId: null, now });
      if (t.request_id) {
        await trx.updateTable("sponsorship_request").set({ status: "open", priority: 1, updated_at: ts }).where("id", "=", t.request_id).execute();
        await writeTandemEvent(trx, { tandemId: t.id, kind: "rematch", actorId: null, now });
      }
    }
    await trx.updateTable("tandem_meeting").set({ note: null }).where("tandem_id", "in", (eb) => eb.selectFrom("tandem").select("id").where("volunteer_user_id", "=", userId)).execute();
  },
};
