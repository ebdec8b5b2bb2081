import type { Kysely } from "kysely";
import type { DB, TandemEndReason, TandemStatus } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { berlinDay, berlinToInstant, todayOf } from "~/utils/dates";
import { transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { closeTandemAssignment, openTandemAssignment } from "./tandem-assignment.server";
import { factsOf, tandemWithProgramme, type TandemRow } from "./tandem-queries.server";
import { endTandem, firstMeetingHeld, regularCheckIn, trialCheckIn, type Change, type CheckInDecision, type EventKind, type Moderator, type StepProblem, type TrialDecision } from "./tandem-rules";

/**
 * The office's steps of a tandem's lifecycle. Each is one transaction: the rules
 * (`tandem-rules.ts`) decide, the tandem row changes, a `tandem_event` says who, when and why,
 * and the coverage assignment opens (active) or closes (ended) with it.
 */

export async function writeTandemEvent(
  trx: Kysely<DB>,
  e: { tandemId: number; kind: EventKind; from?: TandemStatus | null; to?: TandemStatus | null; reason?: string | null; note?: string | null; actorId: string | null; now: Date },
) {
  await trx
    .insertInto("tandem_event")
    .values({ tandem_id: e.tandemId, kind: e.kind, from_status: e.from ?? null, to_status: e.to ?? null, reason: e.reason ?? null, note: e.note ?? null, actor_user_id: e.actorId, at: e.now.toISOString() })
    .execute();
}

const PROBLEM_FIELD: Record<StepProblem, { key: string; field?: string }> = {
  notAllowed: { key: "tandems:errors.notAllowed" },
  future: { key: "tandems:errors.dayInFuture", field: "day" },
  beforeStart: { key: "tandems:errors.dayBeforeStart", field: "day" },
  notPlanned: { key: "tandems:errors.notPlanned" },
};

function orThrow(change: Change | StepProblem): Change {
  if (typeof change === "string") {
    const p = PROBLEM_FIELD[change];
    throw new AppError(p.key, 400, p.field);
  }
  return change;
}

/**
 * Loads the tandem for a step inside the transaction (missing → 404) and checks the actor may run
 * it: the office any tandem, an association's members those of their own programmes (ADR 0040).
 */
async function load(trx: Kysely<DB>, actor: Actor, id: number) {
  const t = await tandemWithProgramme(trx).where("t.id", "=", id).executeTakeFirst();
  if (!t) throw new AppError("errors.notFound", 404);
  requirePermission(actor, "manage:tandem:own", { organisationId: t.programme_organisation_id });
  return t;
}

/** Applies a change of the rules: row, event, assignment, request (re-match or closed). */
async function apply(
  trx: Kysely<DB>,
  t: TandemRow,
  change: Change,
  args: { actorId: string; now: Date; reason?: TandemEndReason | null; note?: string | null; rematch?: boolean; day: string },
) {
  const ts = args.now.toISOString();
  await trx
    .updateTable("tandem")
    .set({
      status: change.status,
      ...(change.set.trialEndsOn !== undefined ? { trial_ends_on: change.set.trialEndsOn } : {}),
      ...(change.set.nextCheckInOn !== undefined ? { next_checkin_on: change.set.nextCheckInOn } : {}),
      ...(change.status === "ended" ? { ended_on: args.day, end_reason: args.reason ?? "other", next_checkin_on: null } : {}),
      updated_at: ts,
    })
    .where("id", "=", t.id)
    .execute();
  await writeTandemEvent(trx, { tandemId: t.id, kind: change.event, from: t.status, to: change.status, reason: change.status === "ended" ? (args.reason ?? "other") : null, note: args.note, actorId: args.actorId, now: args.now });
  if (change.status === "active" && t.status !== "active") await openTandemAssignment(trx, t, args.day, args.actorId, args.now);
  if (change.status === "ended") {
    await closeTandemAssignment(trx, t, args.day, args.actorId, args.now);
    await releaseRequest(trx, t, { rematch: !!args.rematch, actorId: args.actorId, now: args.now });
  }
  await recordAudit(trx, { actorUserId: args.actorId, action: change.event, entity: "tandem", entityId: t.id, now: args.now });
}

/**
 * After the end: with re-match the request goes back to the queue, ahead of the others
 * (priority); otherwise it is closed. A request of a household that withdrew its consent is gone.
 */
async function releaseRequest(trx: Kysely<DB>, t: Pick<TandemRow, "id" | "request_id">, args: { rematch: boolean; actorId: string; now: Date }) {
  if (!t.request_id) return;
  const ts = args.now.toISOString();
  if (args.rematch) {
    await trx.updateTable("sponsorship_request").set({ status: "open", priority: 1, updated_at: ts }).where("id", "=", t.request_id).execute();
    await writeTandemEvent(trx, { tandemId: t.id, kind: "rematch", actorId: args.actorId, now: args.now });
  } else {
    await trx.updateTable("sponsorship_request").set({ status: "closed", close_reason: "tandem_ended", updated_at: ts }).where("id", "=", t.request_id).where("status", "=", "matched").execute();
  }
}

export async function planFirstMeeting(actor: Actor, id: number, input: { day: string; time: string; place: string; moderator: Moderator }, now = new Date()) {
  await transaction(async (trx) => {
    const t = await load(trx, actor, id);
    if (t.status !== "first_meeting") throw new AppError("tandems:errors.notAllowed", 400);
    if (input.day < t.started_on) throw new AppError("tandems:errors.dayBeforeStart", 400, "day");
    await trx
      .updateTable("tandem")
      .set({ first_meeting_at: berlinToInstant(input.day, input.time).toISOString(), first_meeting_place: input.place, moderator: input.moderator, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await writeTandemEvent(trx, { tandemId: id, kind: "first_meeting_planned", from: t.status, to: t.status, note: `${input.day} ${input.time}, ${input.place}`, reason: input.moderator, actorId: actor.userId, now });
    await recordAudit(trx, { actorUserId: actor.userId, action: "first_meeting_planned", entity: "tandem", entityId: id, now });
  });
}

/** The planned first meeting took place: the trial starts on its day. */
export async function recordFirstMeetingHeld(actor: Actor, id: number, input: { note?: string }, now = new Date()) {
  await transaction(async (trx) => {
    const t = await load(trx, actor, id);
    const { facts, rules } = await factsOf(trx, t);
    const change = orThrow(firstMeetingHeld(facts, rules, todayOf(now)));
    await apply(trx, t, change, { actorId: actor.userId, now, note: input.note, day: facts.firstMeetingOn! });
  });
}

type EndArgs = { reason?: TandemEndReason; rematch: boolean; note?: string };

export async function recordTrialCheckIn(actor: Actor, id: number, input: { day: string; decision: TrialDecision } & EndArgs, now = new Date()) {
  await transaction(async (trx) => {
    const t = await load(trx, actor, id);
    const { facts, rules } = await factsOf(trx, t);
    const change = orThrow(trialCheckIn(facts, rules, input.decision, input.day, todayOf(now)));
    await apply(trx, t, change, { actorId: actor.userId, now, day: input.day, reason: input.reason, note: input.note, rematch: input.rematch });
  });
}

export async function recordCheckIn(actor: Actor, id: number, input: { day: string; decision: CheckInDecision } & EndArgs, now = new Date()) {
  await transaction(async (trx) => {
    const t = await load(trx, actor, id);
    const { facts, rules } = await factsOf(trx, t);
    const change = orThrow(regularCheckIn(facts, rules, input.decision, input.day, todayOf(now)));
    await apply(trx, t, change, { actorId: actor.userId, now, day: input.day, reason: input.reason, note: input.note, rematch: input.rematch });
  });
}

export async function recordTandemEnd(actor: Actor, id: number, input: { day: string; reason: TandemEndReason; rematch: boolean; note?: string }, now = new Date()) {
  await transaction(async (trx) => {
    const t = await load(trx, actor, id);
    const { facts } = await factsOf(trx, t);
    const change = orThrow(endTandem(facts, input.day, todayOf(now)));
    await apply(trx, t, change, { actorId: actor.userId, now, day: input.day, reason: input.reason, note: input.note, rematch: input.rematch });
  });
}

/** For the step page: the day shown by default (today, Berlin). */
export const defaultStepDay = (now = new Date()) => berlinDay(now);
