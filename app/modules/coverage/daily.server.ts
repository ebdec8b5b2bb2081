import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { DailyTask } from "~/modules/jobs/daily-types";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { addDaysToDay, berlinDay, formatDate } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { listDeletableInspections, listDueReinspections } from "./certificates.server";
import { coverEvidenceTask } from "./personal-data.server";

/**
 * Daily work of the coverage module (appended to `dailyTasks`): delete certificate records
 * when their time has come, and send each reminder once per occasion (`reminder_sent`).
 */

/** Claims an occasion; true if this run is the first to see it (so the mail goes exactly once). */
async function claimOccasion(trx: Kysely<DB>, key: string, now: Date): Promise<boolean> {
  const r = await trx.insertInto("reminder_sent").values({ occasion_key: key, sent_at: now.toISOString() }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

const link = (path: string) => `${env().BASE_URL}${path}`;

export async function deleteExpiredCertificates(trx: Kysely<DB>, now: Date): Promise<number> {
  const due = await listDeletableInspections(trx, berlinDay(now));
  for (const d of due) {
    await trx.deleteFrom("certificate_inspection").where("id", "=", d.id).execute();
    await recordAudit(trx, { actorUserId: null, action: "delete", entity: "certificate", entityId: d.id, details: { volunteer: d.volunteerId, deletionDay: d.deletionDay }, now });
  }
  return due.length;
}

export async function remindReinspections(trx: Kysely<DB>, now: Date): Promise<number> {
  let sent = 0;
  for (const r of await listDueReinspections(trx, berlinDay(now))) {
    if (!(await claimOccasion(trx, `cert-reinspect:${r.id}:${r.dueOn}`, now))) continue;
    await enqueueMail(trx, {
      to: r.volunteerEmail,
      locale: r.volunteerLocale,
      template: "certificate-reinspection-due",
      data: { name: r.volunteerName, date: formatDate(r.dueOn, r.volunteerLocale), url: link("/me/certificate") },
      now,
    });
    sent++;
  }
  return sent;
}

export async function remindAssignmentEnds(trx: Kysely<DB>, now: Date): Promise<number> {
  const today = berlinDay(now);
  const rows = await trx
    .selectFrom("assignment")
    .innerJoin("user", "user.id", "assignment.volunteer_user_id")
    .select(["assignment.id", "assignment.activity", "assignment.end_day as endDay", "user.name", "user.email", "user.locale"])
    .where("assignment.closed_on", "is", null)
    .where("user.disabled_at", "is", null)
    .where("assignment.end_day", ">=", today)
    .where("assignment.end_day", "<=", addDaysToDay(today, env().ASSIGNMENT_END_REMINDER_DAYS))
    .execute();
  let sent = 0;
  for (const r of rows) {
    if (!(await claimOccasion(trx, `assignment-end:${r.id}:${r.endDay}`, now))) continue;
    await enqueueMail(trx, {
      to: r.email,
      locale: r.locale,
      template: "assignment-end-approaching",
      data: { name: r.name, activity: r.activity, date: formatDate(r.endDay!, r.locale), url: link("/me/assignments") },
      now,
    });
    sent++;
  }
  return sent;
}

/**
 * One mail per organisation listing the entries that newly passed the limit: to the members of
 * the organisation who confirm hours, each in their own language; without members to the
 * organisation's address (in German, its language is not known); without either to the coordinators.
 */
export async function remindPendingHours(trx: Kysely<DB>, now: Date): Promise<number> {
  const days = env().HOURS_PENDING_REMINDER_DAYS;
  const cutoff = new Date(now.getTime() - days * 86400_000).toISOString();
  const rows = await trx
    .selectFrom("hours_entry")
    .innerJoin("assignment", "assignment.id", "hours_entry.assignment_id")
    .innerJoin("organisation", "organisation.id", "assignment.organisation_id")
    .select(["hours_entry.id", "organisation.id as organisationId", "organisation.name as organisationName", "organisation.email as organisationEmail", "organisation.contact_name as contactName"])
    .where("hours_entry.status", "=", "submitted")
    .where("hours_entry.created_at", "<", cutoff)
    .execute();
  const perOrg = new Map<number, { name: string; email: string | null; contact: string | null; count: number }>();
  for (const r of rows) {
    if (!(await claimOccasion(trx, `hours-pending:${r.id}`, now))) continue;
    const o = perOrg.get(r.organisationId) ?? { name: r.organisationName, email: r.organisationEmail, contact: r.contactName, count: 0 };
    o.count++;
    perOrg.set(r.organisationId, o);
  }
  const coordinators = perOrg.size
    ? await trx
        .selectFrom("user")
        .innerJoin("user_role", "user_role.user_id", "user.id")
        .select(["user.name", "user.email", "user.locale"])
        .where("user_role.role", "=", "coordinator")
        .where("user.disabled_at", "is", null)
        .execute()
    : [];
  const members = perOrg.size
    ? await trx
        .selectFrom("organisation_member as m")
        .innerJoin("user", "user.id", "m.user_id")
        .innerJoin("user_role", (j) => j.onRef("user_role.user_id", "=", "user.id").on("user_role.role", "=", "association_member"))
        .select(["m.organisation_id as organisationId", "user.name", "user.email", "user.locale"])
        .where("m.organisation_id", "in", [...perOrg.keys()])
        .where("user.disabled_at", "is", null)
        .execute()
    : [];
  let sent = 0;
  for (const [organisationId, o] of perOrg) {
    const own = members.filter((m) => m.organisationId === organisationId);
    const recipients = own.length ? own : o.email ? [{ name: o.contact ?? o.name, email: o.email, locale: "de" }] : coordinators;
    for (const to of recipients) {
      await enqueueMail(trx, {
        to: to.email,
        locale: to.locale,
        template: "hours-awaiting-confirmation",
        data: { name: to.name, organisation: o.name, count: o.count, days, url: link("/office/hours") },
        now,
      });
      sent++;
    }
  }
  return sent;
}

export const coverageDailyTasks: DailyTask[] = [
  { name: "coverage-certificate-deletion", run: deleteExpiredCertificates },
  { name: "coverage-reinspection-reminders", run: remindReinspections },
  { name: "coverage-assignment-end-reminders", run: remindAssignmentEnds },
  { name: "coverage-hours-pending-reminders", run: remindPendingHours },
  coverEvidenceTask,
];
