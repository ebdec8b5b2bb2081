import type { Kysely } from "kysely";
import type { DB, VolunteerStatus } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { berlinDay } from "~/utils/dates";
import { hasValidDeclaration } from "./consents.server";
import { canTransition, mayBecomeActive, notifiesVolunteer } from "./policy";
import { syncTasks } from "~/modules/tasks/tasks.server";

async function loadForUpdate(trx: Kysely<DB>, actor: Actor, userId: string) {
  if (!can(actor, "manage:volunteer:any")) throw new AppError("errors.forbidden", 403);
  const row = await trx
    .selectFrom("volunteer_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .select(["p.user_id", "p.status", "p.erased_at", "u.name", "u.email", "u.locale"])
    .where("p.user_id", "=", userId)
    .executeTakeFirst();
  if (!row || row.erased_at) throw new AppError("errors.notFound", 404);
  return row;
}

async function setStatus(trx: Kysely<DB>, args: { userId: string; from: VolunteerStatus; to: VolunteerStatus; by: string; reason: string | null; now: Date }) {
  const at = args.now.toISOString();
  await trx.updateTable("volunteer_profile").set({ status: args.to, status_changed_at: at, updated_at: at }).where("user_id", "=", args.userId).execute();
  await trx
    .insertInto("volunteer_status_history")
    .values({ user_id: args.userId, from_status: args.from, to_status: args.to, changed_by: args.by, reason: args.reason, changed_at: at })
    .execute();
  await syncTasks(trx, "volunteer-intake", [args.userId], args.now);
}

/** Office: moves a volunteer along the workflow, with a reason; tells the volunteer when it matters. */
export async function changeVolunteerStatus(actor: Actor, args: { userId: string; to: VolunteerStatus; reason: string; now?: Date }) {
  const now = args.now ?? new Date();
  await transaction(async (trx) => {
    const v = await loadForUpdate(trx, actor, args.userId);
    if (!canTransition(v.status, args.to)) throw new AppError("volunteers:errors.transitionNotAllowed", 400, "to");
    if (args.to === "intake_scheduled") throw new AppError("volunteers:errors.useScheduleIntake", 400, "to");
    if (!mayBecomeActive(args.to, await hasValidDeclaration(v.user_id, trx))) throw new AppError("volunteers:errors.declarationMissingForActive", 400, "to");
    await setStatus(trx, { userId: v.user_id, from: v.status, to: args.to, by: actor.userId, reason: args.reason, now });
    await recordAudit(trx, { actorUserId: actor.userId, action: "change-status", entity: "volunteer", entityId: v.user_id, details: { from: v.status, to: args.to }, now });
    if (notifiesVolunteer(args.to)) {
      await enqueueMail(trx, {
        to: v.email,
        locale: v.locale,
        template: "volunteer-status-changed",
        data: { name: v.name, status: args.to, url: `${env().BASE_URL}/me` },
        now,
      });
    }
  });
}

/** Office: fixes the date of the intake talk (status → intake scheduled) and invites the volunteer. */
export async function scheduleIntake(actor: Actor, args: { userId: string; intakeOn: string; now?: Date }) {
  const now = args.now ?? new Date();
  await transaction(async (trx) => {
    const v = await loadForUpdate(trx, actor, args.userId);
    if (v.status !== "intake_scheduled" && !canTransition(v.status, "intake_scheduled")) throw new AppError("volunteers:errors.transitionNotAllowed", 400, "intakeOn");
    await trx.updateTable("volunteer_profile").set({ intake_on: args.intakeOn, updated_at: now.toISOString() }).where("user_id", "=", v.user_id).execute();
    if (v.status !== "intake_scheduled") {
      await setStatus(trx, { userId: v.user_id, from: v.status, to: "intake_scheduled", by: actor.userId, reason: null, now });
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "schedule-intake", entity: "volunteer", entityId: v.user_id, details: { intakeOn: args.intakeOn }, now });
    await enqueueMail(trx, {
      to: v.email,
      locale: v.locale,
      template: "volunteer-intake-scheduled",
      data: { name: v.name, date: args.intakeOn, url: `${env().BASE_URL}/me` },
      now,
    });
  });
}

/**
 * Office: records the intake talk (date and notes; notes are seen by the office only). With
 * `activate`, a talk that already took place makes a registered person (or one with a scheduled
 * talk) active at once — no invitation mail, only the usual "you are active" notice.
 */
export async function recordIntake(actor: Actor, args: { userId: string; intakeOn: string; notes: string; activate?: boolean; now?: Date }) {
  const now = args.now ?? new Date();
  await transaction(async (trx) => {
    const v = await loadForUpdate(trx, actor, args.userId);
    if (args.activate) {
      if (v.status !== "registered" && v.status !== "intake_scheduled") throw new AppError("volunteers:errors.transitionNotAllowed", 400, "activate");
      if (args.intakeOn > berlinDay(now)) throw new AppError("volunteers:errors.intakeNotYet", 400, "intakeOn");
    }
    await trx
      .updateTable("volunteer_profile")
      .set({ intake_on: args.intakeOn, intake_notes: args.notes, updated_at: now.toISOString() })
      .where("user_id", "=", v.user_id)
      .execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "record-intake", entity: "volunteer", entityId: v.user_id, details: { activate: !!args.activate }, now });
    if (args.activate) {
      await setStatus(trx, { userId: v.user_id, from: v.status, to: "active", by: actor.userId, reason: null, now });
      await enqueueMail(trx, {
        to: v.email,
        locale: v.locale,
        template: "volunteer-status-changed",
        data: { name: v.name, status: "active", url: `${env().BASE_URL}/me` },
        now,
      });
    }
  });
}
