import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { isRunningOn } from "~/modules/coverage/policy";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { refreshVolunteerFacts } from "~/modules/coverage/volunteer-facts.server";
import { todayOf } from "~/utils/dates";
import { transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { LogMeetingInput } from "./meetings-schema";
import { createMeetingLink, firstNameOf, meetingLinkUrl, revokeMeetingLinks } from "./meetings-link.server";
import { factsOf, getOwnTandemRow, tandemWithProgramme } from "./tandem-queries.server";
import { canLogMeetings, meetingDayProblem } from "./tandem-rules";
import { writeTandemEvent } from "./tandem-steps.server";

/**
 * The sponsor's meeting log. A meeting logged moves the tandem's "last meeting" (a new silence
 * starts), and the household gets a one-tap link to confirm it, by e-mail in its language when the
 * household gave an address. The note is short and the page warns against sensitive details.
 */
export async function logMeeting(actor: Actor, tandemId: number, input: LogMeetingInput, now = new Date()): Promise<number> {
  return transaction(async (trx) => {
    const t = await getOwnTandemRow(actor, tandemId, trx);
    if (!t) throw new AppError("errors.notFound", 404);
    if (!canLogMeetings(t.status)) throw new AppError("tandems:errors.notRunning", 400);
    const { facts } = await factsOf(trx, t);
    const problem = meetingDayProblem(facts, input.day, todayOf(now));
    if (problem === "future") throw new AppError("tandems:errors.dayInFuture", 400, "day");
    if (problem) throw new AppError("tandems:errors.dayOutsideTandem", 400, "day");
    const { id } = await trx
      .insertInto("tandem_meeting")
      .values({ tandem_id: t.id, day: input.day, minutes: input.minutes, kind: input.kind, topics: [...new Set(input.topics)].join(","), note: input.note ?? null, logged_by: actor.userId, logged_at: now.toISOString(), confirmed_at: null, hours_entry_id: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (!t.last_meeting_on || input.day > t.last_meeting_on) await trx.updateTable("tandem").set({ last_meeting_on: input.day, updated_at: now.toISOString() }).where("id", "=", t.id).execute();
    await writeTandemEvent(trx, { tandemId: t.id, kind: "meeting_logged", note: input.day, actorId: actor.userId, now });
    // The household's link, in the language of its request; sent only to an address the household gave.
    if (t.household_id && t.request_id) {
      const h = await trx
        .selectFrom("household as h")
        .innerJoin("sponsorship_request as r", "r.household_id", "h.id")
        .select(["h.contact_email as email", "r.locale", "r.first_name as firstName"])
        .where("h.id", "=", t.household_id)
        .where("r.id", "=", t.request_id)
        .where("h.erased_at", "is", null)
        .executeTakeFirst();
      if (h?.email) {
        const token = await createMeetingLink(trx, id, h.locale, now);
        await enqueueMail(trx, { to: h.email, locale: h.locale, template: "tandem-meeting-confirm", data: { name: h.firstName, sponsor: firstNameOf(actor.name), date: input.day, url: meetingLinkUrl(token) }, now });
      }
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "log", entity: "tandem_meeting", entityId: id, now });
    return id;
  });
}

/** Hours of a meeting, in quarter hours (as the hours log takes them), at least a quarter. */
export const meetingHours = (minutes: number) => Math.min(24, Math.max(0.25, Math.round(minutes / 15) / 4));

/**
 * "Add to my hours": one step puts a meeting's time on the volunteer's hours (Ehrenamtskarte), as
 * an entry of the tandem's assignment that the organiser confirms like any other. Only once per
 * meeting, and only on days the assignment ran.
 */
export async function addMeetingToHours(actor: Actor, tandemId: number, meetingId: number, now = new Date()): Promise<number> {
  return transaction(async (trx) => {
    const t = await getOwnTandemRow(actor, tandemId, trx);
    if (!t) throw new AppError("errors.notFound", 404);
    requirePermission(actor, "log:hours:own", { userId: t.volunteer_user_id });
    const m = await trx.selectFrom("tandem_meeting").select(["id", "day", "minutes", "hours_entry_id"]).where("id", "=", meetingId).where("tandem_id", "=", t.id).executeTakeFirst();
    if (!m) throw new AppError("errors.invalidChoice", 400, "meetingId");
    if (m.hours_entry_id) throw new AppError("tandems:errors.hoursAlreadyAdded", 400, "meetingId");
    const a = t.assignment_id
      ? await trx.selectFrom("assignment").select(["id", "start_day as startDay", "end_day as endDay", "closed_on as closedOn"]).where("id", "=", t.assignment_id).executeTakeFirst()
      : undefined;
    if (!a || !isRunningOn(a, m.day)) throw new AppError("tandems:errors.noAssignmentOnDay", 400, "meetingId");
    const { id } = await trx
      .insertInto("hours_entry")
      .values({ assignment_id: a.id, day: m.day, hours: meetingHours(m.minutes), note: `tandem:${t.code}`, status: "submitted", decided_by: null, decided_at: null, decision_reason: null, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("tandem_meeting").set({ hours_entry_id: id }).where("id", "=", m.id).execute();
    await refreshVolunteerFacts(trx, [t.volunteer_user_id], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "log", entity: "hours", entityId: id, details: { meeting: m.id }, now });
    return id;
  });
}

/** The office revokes the links of one meeting of a tandem (404 for a meeting of another tandem). */
export async function revokeLinksOfMeeting(actor: Actor, tandemId: number, meetingId: number, now = new Date()) {
  requirePermission(actor, "manage:tandem:any");
  return transaction(async (trx) => {
    const t = await tandemWithProgramme(trx).where("t.id", "=", tandemId).executeTakeFirst();
    const m = t ? await trx.selectFrom("tandem_meeting").select("id").where("id", "=", meetingId).where("tandem_id", "=", tandemId).executeTakeFirst() : undefined;
    if (!m) throw new AppError("errors.invalidChoice", 400, "meetingId");
    return revokeMeetingLinks(trx, m.id, actor.userId, now);
  });
}
