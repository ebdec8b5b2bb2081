import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import type { DailyTask } from "~/modules/jobs/daily-types";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { listDueReinspections } from "~/modules/coverage/certificates.server";
import { tandemInboxProvider } from "~/modules/sponsorships/tandem-inbox.server";
import { sealInboxProvider } from "~/modules/seal/lifecycle.server";
import { berlinDay, formatDate } from "~/utils/dates";
import { env } from "~/utils/env.server";
import type { TaskKind } from "./kinds";
import { visiblePermissions } from "./queue.server";
import { taskSources, type SourcedKind } from "./sources.server";
import { reconcileKind, type TaskSpec } from "./tasks.server";

/**
 * The daily job's part of the work queue (ADR 0036). `tasks-reconcile` runs every kind against its
 * source: the date-driven kinds (cover ending, certificate re-inspection, silent tandems, seal
 * renewals) are opened and closed only here; for the kinds the commands keep, it is the backfill
 * (the first run after the migration opens the tasks of every existing record) and the safety net
 * for records changed outside a command (import, erasure). `tasks-digest` mails the coordinators who
 * asked for it the new and overdue tasks, in their language.
 */

// why: the inbox providers answer for an actor; the job reads as the system with every office permission.
const SYSTEM: Actor = { userId: "system", email: "", name: "system", locale: "de", emailVerified: true, roles: ["admin"], organisationIds: [] };

const fromInbox = async (prefix: string, items: Promise<Array<{ id: string; href: string; titleKey: string; values?: Record<string, string | number>; date: string }>>): Promise<TaskSpec[]> =>
  (await items)
    .filter((i) => i.id.startsWith(prefix))
    .map((i) => ({ recordId: i.id.slice(prefix.length), href: i.href, titleKey: i.titleKey, values: i.values ?? {}, dueOn: berlinDay(i.date) }));

const dateDriven: Record<Exclude<TaskKind, SourcedKind>, (trx: Kysely<DB>, now: Date) => Promise<TaskSpec[]>> = {
  "certificate-reinspection": async (trx, now) =>
    (await listDueReinspections(trx, berlinDay(now))).map((r) => ({
      recordId: r.volunteerId,
      href: "/office/certificates",
      titleKey: r.overdue ? "coverage:inbox.certificateOverdue" : "coverage:inbox.certificateDue",
      values: { name: r.volunteerName, date: r.dueOn },
      dueOn: r.dueOn,
    })),
  "tandem-silent": (_trx, now) => fromInbox("tandem-silent-", tandemInboxProvider(SYSTEM, now)),
  "seal-renewal": (_trx, now) => fromInbox("seal-expiring-", sealInboxProvider(SYSTEM, now)),
};

export const tasksReconcileTask: DailyTask = {
  name: "tasks-reconcile",
  run: async (trx, now) => {
    // Closed tasks are kept a while (who did what), then go: their titles name people.
    await trx.deleteFrom("task").where("status", "=", "done").where("closed_at", "<", new Date(now.getTime() - CLOSED_KEPT_DAYS * 86_400_000).toISOString()).execute();
    let changes = 0;
    for (const kind of Object.keys(taskSources) as SourcedKind[]) changes += await reconcileKind(trx, kind, await taskSources[kind](trx, null, now), now);
    for (const kind of Object.keys(dateDriven) as Array<keyof typeof dateDriven>) changes += await reconcileKind(trx, kind, await dateDriven[kind](trx, now), now);
    return changes;
  },
};

/** How long a closed task is kept. */
export const CLOSED_KEPT_DAYS = 90;

/** At most this many lines per part of the digest; the rest is a count and the link. */
export const DIGEST_LINES = 20;

export const taskDigestTask: DailyTask = {
  name: "tasks-digest",
  run: async (trx, now) => {
    const today = berlinDay(now);
    const ts = now.toISOString();
    const subscribers = await trx
      .selectFrom("task_digest as d")
      .innerJoin("user as u", "u.id", "d.user_id")
      .select(["u.id", "u.name", "u.email", "u.locale", "d.last_sent_at", "d.created_at"])
      .where("u.disabled_at", "is", null)
      .execute();
    let sent = 0;
    for (const s of subscribers) {
      const roles = (await trx.selectFrom("user_role").select("role").where("user_id", "=", s.id).execute()).map((r) => r.role);
      const perms = visiblePermissions(roles);
      if (!perms.length) continue;
      const since = s.last_sent_at ?? s.created_at;
      const base = trx
        .selectFrom("task as t")
        .select(["t.id", "t.module", "t.title_key", "t.title_values", "t.due_on", "t.href"])
        .where("t.status", "=", "open")
        .where("t.permission", "in", perms)
        .where((eb) => eb.or([eb("t.snoozed_until", "is", null), eb("t.snoozed_until", "<=", today)]))
        // Mine or nobody's: what a colleague took over is theirs.
        .where((eb) => eb.or([eb("t.assignee_id", "is", null), eb("t.assignee_id", "=", s.id)]));
      const fresh = await base.where("t.created_at", ">", since).orderBy("t.due_on").orderBy("t.id").limit(DIGEST_LINES + 1).execute();
      const overdue = await base.where("t.due_on", "<", today).orderBy("t.due_on").orderBy("t.id").limit(DIGEST_LINES + 1).execute();
      await trx.updateTable("task_digest").set({ last_sent_at: ts }).where("user_id", "=", s.id).execute();
      if (!fresh.length && !overdue.length) continue;
      // Dates as the reader writes them (the values keep ISO days and instants).
      const line = (r: (typeof fresh)[number]) => {
        const values = JSON.parse(r.title_values) as Record<string, string | number>;
        if (values.date) values.date = formatDate(String(values.date), s.locale);
        return { titleKey: r.title_key, values, dueOn: formatDate(r.due_on, s.locale) };
      };
      await enqueueMail(trx, {
        to: s.email,
        locale: s.locale,
        template: "task-digest",
        data: {
          name: s.name,
          fresh: fresh.slice(0, DIGEST_LINES).map(line),
          overdue: overdue.slice(0, DIGEST_LINES).map(line),
          more: fresh.length > DIGEST_LINES || overdue.length > DIGEST_LINES,
          url: `${env().BASE_URL}/office`,
        },
        now,
      });
      sent++;
    }
    return sent;
  },
};

