import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { DailyTask } from "~/modules/jobs/daily-types";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { listDueReinspections } from "~/modules/coverage/certificates.server";
import { factsFrom, meetingsInTrialOf, tandemWithProgramme } from "~/modules/sponsorships/tandem-queries.server";
import { officeSilence } from "~/modules/sponsorships/tandem-rules";
import { renewalDay } from "~/modules/seal/rules";
import { berlinDay, formatDate } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { valuesIn } from "~/utils/localised-values";
import type { TaskKind, TaskSpec } from "./kinds";
import { visiblePermissions } from "./queue.server";
import { taskSources, type SourcedKind } from "./sources.server";
import { reconcileKind } from "./tasks.server";

/**
 * The daily job's part of the work queue (ADR 0036). `tasks-reconcile` runs every kind against its
 * source: the date-driven kinds (cover ending, certificate re-inspection, silent tandems, seal
 * renewals) are opened and closed only here; for the kinds the commands keep, it is the backfill
 * (the first run after the migration opens the tasks of every existing record) and the safety net
 * for records changed outside a command (import, erasure). `tasks-digest` mails the coordinators who
 * asked for it the new and overdue tasks, in their language.
 */

/**
 * The kinds only the daily job opens and closes, each by its module's own rule (read in the job's
 * transaction: a query through the process-wide handle would wait for it on SQLite).
 */
const dateDriven: Record<Exclude<TaskKind, SourcedKind>, (trx: Kysely<DB>, now: Date) => Promise<TaskSpec[]>> = {
  "certificate-reinspection": async (trx, now) =>
    (await listDueReinspections(trx, berlinDay(now))).map((r) => ({
      recordId: r.volunteerId,
      href: "/office/certificates",
      titleKey: r.overdue ? "coverage:inbox.certificateOverdue" : "coverage:inbox.certificateDue",
      values: { name: r.volunteerName, date: r.dueOn },
      dueOn: r.dueOn,
    })),
  // The silences the sponsor's nudge did not end (the office was alerted), as the tandem inbox says.
  "tandem-silent": async (trx, now) => {
    const rows = await tandemWithProgramme(trx).where("t.status", "in", ["trial", "active"]).where("t.office_alerted_on", "is not", null).orderBy("t.id").execute();
    const counts = await meetingsInTrialOf(trx, rows);
    return rows
      .filter((t) => {
        const { facts, rules } = factsFrom(t, counts.get(t.id) ?? 0);
        return officeSilence(facts, rules);
      })
      .map((t) => ({ recordId: String(t.id), href: `/office/sponsorships/tandems/${t.id}`, titleKey: "tandems:inbox.silent", values: { code: t.code }, dueOn: berlinDay(t.office_alerted_on ?? now) }));
  },
  // Seals in their renewal window (two months before they run out), not revoked.
  "seal-renewal": async (trx, now) => {
    const today = berlinDay(now);
    const rows = await trx
      .selectFrom("seal_award as w")
      .innerJoin("organisation as o", "o.id", "w.organisation_id")
      .select(["w.application_id", "w.valid_until", "o.name"])
      .where("w.revoked_at", "is", null)
      .where("w.valid_until", ">=", today)
      .execute();
    return rows
      .filter((w) => today >= renewalDay(w.valid_until))
      .map((w) => ({ recordId: String(w.application_id), href: `/office/seal/${w.application_id}`, titleKey: "seal:inbox.expiring", values: { name: w.name, date: w.valid_until }, dueOn: w.valid_until }));
  },
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
      const perms = visiblePermissions({ roles });
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
        // Texts stored in several languages (a category's names) in the reader's.
        const values = valuesIn(JSON.parse(r.title_values) as Record<string, string | number>, s.locale);
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

