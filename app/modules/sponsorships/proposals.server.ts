import { randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, SponsorshipDeclineReason } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can, holds, requirePermission } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { hasValidDeclaration } from "~/modules/volunteers/consents.server";
import { maySeeOthersPersonalData } from "~/modules/volunteers/policy";
import { recordView } from "~/modules/volunteers/access-log.server";
import { berlinDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError, forbidden } from "~/utils/errors";
import { checkProposable, OPEN_PROPOSAL_STATUSES, type SponsorPool } from "./candidates.server";
import { closeTasksFor, syncTasks } from "~/modules/tasks/tasks.server";

/**
 * Proposals: the office proposes a sponsor for a request (capacity checked in the command's
 * transaction, so it holds under concurrency: BEGIN IMMEDIATE on SQLite, SERIALIZABLE with retry
 * on PostgreSQL, ADR 0026); the volunteer accepts or declines on /me/sponsorships; the office
 * records the household's agreement, which starts the tandem (status `first_meeting`) and closes
 * the competing proposals.
 */
const ENTITY = "sponsorship_proposal";
const meUrl = () => `${env().BASE_URL}/me/sponsorships`;

// No 0/O, 1/I/L: codes are read out on the phone; a tandem code names nobody.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newTandemCode(): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `T-${s}`;
}

/**
 * The office, or a member of the association whose programme the request is assigned to, proposes
 * `volunteerId` for the request; the volunteer is asked by mail. Returns the proposal's id. One
 * command for both (ADR 0045): the same hard filters and the same capacity check in the same
 * transaction, so capacity holds however many coordinators and association members propose at
 * once. An association member may propose only for a request of their own programme (any other is
 * a 404, as if it did not exist) and only a volunteer of their organisation (`SponsorPool`).
 */
export async function proposeSponsor(actor: Actor, requestId: number, volunteerId: string, now = new Date()): Promise<number> {
  const office = can(actor, "manage:sponsorship:any");
  // Neither the office nor anyone who runs a programme: 403 before anything is read.
  if (!office && !holds(actor, "manage:tandem:own")) throw forbidden();
  return transaction(async (trx) => {
    const r = await trx
      .selectFrom("sponsorship_request as r")
      .innerJoin("household as h", "h.id", "r.household_id")
      .leftJoin("sponsorship_programme as p", "p.id", "r.programme_id")
      .select(["r.id", "r.status", "p.organisation_id as programmeOrganisationId"])
      .where("r.id", "=", requestId)
      .where("h.erased_at", "is", null)
      .executeTakeFirst();
    if (!r) throw new AppError("errors.notFound", 404);
    let pool: SponsorPool | undefined;
    if (!office) {
      const organisationId = r.programmeOrganisationId;
      if (organisationId === null || !can(actor, "manage:tandem:own", { organisationId })) throw new AppError("errors.notFound", 404);
      pool = { organisationId, day: berlinDay(now) };
    }
    if (r.status !== "new" && r.status !== "open") throw new AppError("sponsorships:errors.requestNotOpen", 400, "volunteerId");
    const check = await checkProposable(trx, requestId, volunteerId, now, pool);
    if (check.problem !== null) throw new AppError(check.problem, check.problem === "errors.notFound" ? 404 : 400, "volunteerId");
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("sponsorship_proposal")
      .values({
        request_id: requestId,
        volunteer_user_id: volunteerId,
        status: "proposed",
        score: check.score,
        decline_reason: null,
        proposed_by: actor.userId,
        proposed_at: ts,
        decided_at: null,
        household_agreed_at: null,
        household_agreed_by: null,
        closed_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (r.status === "new") {
      await trx.updateTable("sponsorship_request").set({ status: "open", updated_at: ts }).where("id", "=", requestId).execute();
      await closeTasksFor(trx, "sponsorship-request", requestId, now);
    }
    const v = await trx.selectFrom("user").select(["email", "name", "locale"]).where("id", "=", volunteerId).executeTakeFirstOrThrow();
    await enqueueMail(trx, { to: v.email, locale: v.locale, template: "sponsorship-proposal", data: { name: v.name, url: meUrl() }, now });
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: ENTITY, entityId: id, details: { requestId, score: check.score, ...(pool ? { association: pool.organisationId } : {}) }, now });
    return id;
  });
}

async function loadProposal(trx: Kysely<DB>, requestId: number, proposalId: number) {
  return trx
    .selectFrom("sponsorship_proposal as p")
    .innerJoin("sponsorship_request as r", "r.id", "p.request_id")
    .select(["p.id", "p.status", "p.volunteer_user_id", "p.household_agreed_at", "r.id as requestId", "r.status as requestStatus", "r.household_id as householdId"])
    .where("p.id", "=", proposalId)
    .where("p.request_id", "=", requestId)
    .executeTakeFirst();
}

/** Tells a volunteer that their proposal for a request ended (withdrawn, or another sponsor was chosen). */
async function tellClosed(trx: Kysely<DB>, volunteerId: string, now: Date) {
  const v = await trx.selectFrom("user").select(["email", "name", "locale"]).where("id", "=", volunteerId).executeTakeFirstOrThrow();
  await enqueueMail(trx, { to: v.email, locale: v.locale, template: "sponsorship-proposal-closed", data: { name: v.name, url: meUrl() }, now });
}

/** The office takes a proposal back before the household agreed (the volunteer is told). */
export async function withdrawProposal(actor: Actor, requestId: number, proposalId: number, now = new Date()) {
  requirePermission(actor, "manage:sponsorship:any");
  await transaction(async (trx) => {
    const p = await loadProposal(trx, requestId, proposalId);
    if (!p) throw new AppError("errors.notFound", 404);
    if (!(OPEN_PROPOSAL_STATUSES as readonly string[]).includes(p.status) || p.household_agreed_at) throw new AppError("sponsorships:errors.proposalNotOpen", 400, "proposalId");
    await trx.updateTable("sponsorship_proposal").set({ status: "withdrawn", closed_at: now.toISOString() }).where("id", "=", p.id).execute();
    await closeTasksFor(trx, "sponsorship-accepted", p.id, now);
    await tellClosed(trx, p.volunteer_user_id, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "withdraw", entity: ENTITY, entityId: p.id, now });
  });
}

/** Every open proposal of the request but `keep` ends (`closed`); their volunteers are told. */
export async function closeOpenProposals(trx: Kysely<DB>, requestId: number, keep: number | null, now: Date) {
  let q = trx
    .selectFrom("sponsorship_proposal")
    .select(["id", "volunteer_user_id"])
    .where("request_id", "=", requestId)
    .where("status", "in", [...OPEN_PROPOSAL_STATUSES])
    .where("household_agreed_at", "is", null);
  if (keep !== null) q = q.where("id", "<>", keep);
  const open = await q.execute();
  if (!open.length) return;
  await trx
    .updateTable("sponsorship_proposal")
    .set({ status: "closed", closed_at: now.toISOString() })
    .where("id", "in", open.map((p) => p.id))
    .execute();
  for (const p of open) {
    await closeTasksFor(trx, "sponsorship-accepted", p.id, now);
    await tellClosed(trx, p.volunteer_user_id, now);
  }
}

/**
 * The office records that the household agreed to the sponsor who accepted: the tandem starts in
 * status `first_meeting` under the programme chosen, with a pseudonymous code and its first history
 * entry; the request is matched and the competing proposals close. Returns the tandem's id.
 */
export async function recordHouseholdAgreement(actor: Actor, requestId: number, proposalId: number, programmeId: number, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:sponsorship:any");
  return transaction(async (trx) => {
    const p = await loadProposal(trx, requestId, proposalId);
    if (!p) throw new AppError("errors.notFound", 404);
    if (p.status !== "accepted" || p.household_agreed_at) throw new AppError("sponsorships:errors.notAccepted", 400, "proposalId");
    if (p.requestStatus !== "new" && p.requestStatus !== "open") throw new AppError("sponsorships:errors.requestNotOpen", 400, "proposalId");
    const programme = await trx.selectFrom("sponsorship_programme").select("id").where("id", "=", programmeId).where("active", "=", 1).executeTakeFirst();
    if (!programme) throw new AppError("errors.invalidChoice", 400, "programmeId");
    const ts = now.toISOString();
    await trx.updateTable("sponsorship_proposal").set({ household_agreed_at: ts, household_agreed_by: actor.userId }).where("id", "=", p.id).execute();
    await closeTasksFor(trx, "sponsorship-accepted", p.id, now);
    let code = newTandemCode();
    while (await trx.selectFrom("tandem").select("id").where("code", "=", code).executeTakeFirst()) code = newTandemCode();
    const { id } = await trx
      .insertInto("tandem")
      .values({
        code,
        request_id: p.requestId,
        proposal_id: p.id,
        household_id: p.householdId,
        volunteer_user_id: p.volunteer_user_id,
        programme_id: programmeId,
        assignment_id: null,
        status: "first_meeting",
        first_meeting_at: null,
        first_meeting_place: null,
        moderator: null,
        trial_ends_on: null,
        next_checkin_on: null,
        last_meeting_on: null,
        nudged_on: null,
        office_alerted_on: null,
        started_on: berlinDay(now),
        ended_on: null,
        end_reason: null,
        created_by: actor.userId,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("tandem_event").values({ tandem_id: id, kind: "created", from_status: null, to_status: "first_meeting", reason: "household_agreed", note: null, actor_user_id: actor.userId, at: ts }).execute();
    await trx.updateTable("sponsorship_request").set({ status: "matched", programme_id: programmeId, priority: 0, updated_at: ts }).where("id", "=", p.requestId).execute();
    await closeOpenProposals(trx, p.requestId, p.id, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "agree", entity: ENTITY, entityId: p.id, details: { tandemId: id }, now });
    return id;
  });
}

/**
 * The volunteer answers a proposal made to them (a proposal of someone else is a 404). Accepting
 * means learning the household's first name: only with the confidentiality declaration in force.
 */
export async function answerProposal(actor: Actor, proposalId: number, answer: "accepted" | "declined", reason: SponsorshipDeclineReason | undefined, now = new Date()) {
  await transaction(async (trx) => {
    const p = await trx.selectFrom("sponsorship_proposal").select(["id", "status", "volunteer_user_id"]).where("id", "=", proposalId).where("volunteer_user_id", "=", actor.userId).executeTakeFirst();
    if (!p) throw new AppError("errors.notFound", 404);
    requirePermission(actor, "update:sponsorship:own", { userId: p.volunteer_user_id });
    if (p.status !== "proposed") throw new AppError("sponsorships:errors.proposalAnswered", 400, "answer");
    if (answer === "accepted" && !maySeeOthersPersonalData(actor, await hasValidDeclaration(actor.userId, trx))) throw new AppError("volunteers:errors.declarationMissing", 400, "answer");
    await trx
      .updateTable("sponsorship_proposal")
      .set({ status: answer, decided_at: now.toISOString(), decline_reason: answer === "declined" ? (reason ?? "other") : null })
      .where("id", "=", p.id)
      .execute();
    await syncTasks(trx, "sponsorship-accepted", [p.id], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: answer === "accepted" ? "accept" : "decline", entity: ENTITY, entityId: p.id, details: answer === "declined" ? { reason } : undefined, now });
  });
}

/**
 * The volunteer's proposals (newest first). Before accepting they see what the decision needs and
 * nothing that names the household (district, languages, help asked for, times, family tandem);
 * after accepting its first name too — that view goes to the access log.
 */
export async function listOwnProposals(actor: Actor, now = new Date()) {
  requirePermission(actor, "read:sponsorship:own", { userId: actor.userId });
  return transaction(async (trx) => {
    const rows = await trx
      .selectFrom("sponsorship_proposal as p")
      .innerJoin("sponsorship_request as r", "r.id", "p.request_id")
      .leftJoin("district as d", "d.id", "r.district_id")
      .leftJoin("tandem as t", "t.proposal_id", "p.id")
      .select([
        "p.id",
        "p.status",
        "p.decline_reason as declineReason",
        "p.proposed_at as proposedAt",
        "p.decided_at as decidedAt",
        "p.household_agreed_at as householdAgreedAt",
        "r.id as requestId",
        "r.household_id as householdId",
        "r.first_name as firstName",
        "r.times_mask as timesMask",
        "r.family_tandem as familyTandem",
        "r.sponsor_gender_wish as genderWish",
        "d.name as district",
        "t.id as tandemId",
        "t.code as tandemCode",
      ])
      .where("p.volunteer_user_id", "=", actor.userId)
      .orderBy("p.proposed_at", "desc")
      .orderBy("p.id", "desc")
      .limit(50)
      .execute();
    const ids = [...new Set(rows.map((r) => r.requestId))];
    const [languages, help] = ids.length
      ? await Promise.all([
          trx.selectFrom("sponsorship_request_language").select(["request_id", "language_code"]).where("request_id", "in", ids).orderBy("language_code").execute(),
          trx.selectFrom("sponsorship_request_help").select(["request_id", "help"]).where("request_id", "in", ids).orderBy("help").execute(),
        ])
      : [[], []];
    const out = [];
    for (const r of rows) {
      const accepted = r.status === "accepted";
      if (accepted) await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: r.householdId, via: "sponsorship-proposal", now });
      out.push({
        id: r.id,
        status: r.status,
        declineReason: r.declineReason,
        proposedAt: r.proposedAt,
        decidedAt: r.decidedAt,
        householdAgreedAt: r.householdAgreedAt,
        firstName: accepted ? r.firstName : null,
        district: r.district,
        timesMask: r.timesMask,
        familyTandem: !!r.familyTandem,
        genderWish: r.genderWish,
        tandemId: accepted ? r.tandemId : null,
        tandemCode: accepted ? r.tandemCode : null,
        languages: languages.filter((l) => l.request_id === r.requestId).map((l) => l.language_code),
        help: help.filter((h) => h.request_id === r.requestId).map((h) => h.help),
      });
    }
    return out;
  });
}

/** The proposals of a request, for the office's page (newest first). */
export async function listRequestProposals(requestId: number, db: Kysely<DB> = getDb()) {
  return db
    .selectFrom("sponsorship_proposal as p")
    .innerJoin("user as u", "u.id", "p.volunteer_user_id")
    .leftJoin("user as b", "b.id", "p.proposed_by")
    .leftJoin("tandem as t", "t.proposal_id", "p.id")
    .select([
      "p.id",
      "p.status",
      "p.score",
      "p.decline_reason as declineReason",
      "p.proposed_at as proposedAt",
      "p.decided_at as decidedAt",
      "p.household_agreed_at as householdAgreedAt",
      "p.closed_at as closedAt",
      "u.id as volunteerId",
      "u.name as volunteer",
      "b.name as proposedBy",
      "t.id as tandemId",
      "t.code as tandemCode",
      "t.status as tandemStatus",
    ])
    .where("p.request_id", "=", requestId)
    .orderBy("p.proposed_at", "desc")
    .orderBy("p.id", "desc")
    .execute();
}
