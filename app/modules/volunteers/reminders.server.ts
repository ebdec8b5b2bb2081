import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import type { DailyTask } from "~/modules/jobs/daily-types";
import { enqueueMail } from "~/modules/mail/outbox.server";
import type { InboxItem, InboxProvider } from "~/modules/office/inbox-types";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const INBOX_LIMIT = 50;

/** Office inbox: registrations awaiting an intake talk (overdue ones are urgent). A task kind (volunteer-intake). */
export const awaitingIntakeProvider: InboxProvider = async (actor: Actor, now: Date, ctx) => {
  if (ctx?.tasksInQueue || !can(actor, "manage:volunteer:any")) return [];
  const overdueBefore = new Date(now.getTime() - env().VOLUNTEER_INTAKE_REMINDER_DAYS * 86400_000).toISOString();
  const rows = await getDb()
    .selectFrom("volunteer_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .select(["p.user_id", "u.name", "p.status_changed_at"])
    .where("p.status", "=", "registered")
    .where("p.erased_at", "is", null)
    .orderBy("p.status_changed_at")
    .limit(INBOX_LIMIT)
    .execute();
  return rows.map((r) => {
    const overdue = r.status_changed_at <= overdueBefore;
    return {
      id: `volunteer-intake-${r.user_id}`,
      module: "volunteers",
      titleKey: overdue ? "volunteers:inbox.intakeOverdue" : "volunteers:inbox.awaitingIntake",
      values: { name: r.name, days: env().VOLUNTEER_INTAKE_REMINDER_DAYS },
      href: `/office/volunteers/${r.user_id}`,
      severity: overdue ? "urgent" : "normal",
      date: r.status_changed_at,
      group: { key: overdue ? "volunteers-intake-overdue" : "volunteers-awaiting-intake", titleKey: "volunteers:inbox.awaitingIntakeGroup" },
    } satisfies InboxItem;
  });
};

/**
 * Daily: one digest mail to the office (every coordinator) naming the volunteers who have
 * been registered without an intake talk for N days and were not yet reminded about; each
 * occasion (volunteer + the time they became "registered") is reminded about once.
 */
export const intakeReminderTask: DailyTask = {
  name: "volunteer-intake-reminder",
  run: async (trx: Kysely<DB>, now: Date) => {
    const days = env().VOLUNTEER_INTAKE_REMINDER_DAYS;
    const cutoff = new Date(now.getTime() - days * 86400_000).toISOString();
    const due = await trx
      .selectFrom("volunteer_profile as p")
      .innerJoin("user as u", "u.id", "p.user_id")
      .select(["p.user_id", "u.name", "p.status_changed_at"])
      .where("p.status", "=", "registered")
      .where("p.erased_at", "is", null)
      .where("p.status_changed_at", "<=", cutoff)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("volunteer_reminder as r")
              .select("r.user_id")
              .whereRef("r.user_id", "=", "p.user_id")
              .where("r.kind", "=", "intake-overdue")
              .whereRef("r.occasion", "=", "p.status_changed_at"),
          ),
        ),
      )
      .orderBy("p.status_changed_at")
      .execute();
    if (!due.length) return 0;
    await trx
      .insertInto("volunteer_reminder")
      .values(due.map((d) => ({ kind: "intake-overdue", user_id: d.user_id, occasion: d.status_changed_at, sent_at: now.toISOString() })))
      .execute();
    const office = await trx
      .selectFrom("user as u")
      .innerJoin("user_role as r", "r.user_id", "u.id")
      .select(["u.email", "u.name", "u.locale"])
      .where("r.role", "=", "coordinator")
      .where("u.disabled_at", "is", null)
      .execute();
    const names = due.slice(0, 30).map((d) => d.name);
    for (const o of office) {
      await enqueueMail(trx, {
        to: o.email,
        locale: o.locale,
        template: "office-intake-reminder",
        data: { name: o.name, count: due.length, days, names, more: Math.max(0, due.length - names.length), url: `${env().BASE_URL}/office/volunteers?status=registered` },
        now,
      });
    }
    return due.length;
  },
};
