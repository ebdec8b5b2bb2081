import { coverageDailyTasks } from "~/modules/coverage/daily.server";
import type { DailyTask } from "./daily-types";
import { cacheScopeFoldTask } from "./cache-scope-fold.server";
import { remindKeyReturns } from "~/modules/rooms/key-handover.server";
import { remindTomorrowsBookings } from "~/modules/rooms/reminders.server";
import { expireUnconfirmed } from "~/modules/rooms/request-booking.server";
import { berlinDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { deleteOldFormSubmissions } from "~/utils/form-limits.server";
import { logger } from "~/utils/logger.server";
import { intakeReminderTask } from "~/modules/volunteers/reminders.server";
import { offerExpiryTask } from "~/modules/donations/expiry.server";
import { volunteerFactsTask } from "~/modules/coverage/volunteer-facts.server";
import { tandemSilenceTask } from "~/modules/sponsorships/tandem-silence.server";
import { inviteCleanupTask } from "~/modules/associations/personal-data.server";
import { sealRenewalTask } from "~/modules/seal/lifecycle.server";
import { taskDigestTask, tasksReconcileTask } from "~/modules/tasks/daily.server";
import { auditLogRetentionTask } from "~/modules/privacy/retention.server";
import { importRowRetentionTask } from "~/modules/import/retention.server";

/**
 * Daily housekeeping. Modules append their tasks here; every task gets the clock (`now`)
 * injected so tests can run it on any day. The run is claimed per Berlin day in `job_run`,
 * so the server process and a cron `scripts/daily` never run it twice on one day.
 */
export type { DailyTask } from "./daily-types";

export const dailyTasks: DailyTask[] = [
  {
    name: "expired-sessions",
    run: async (trx, now) =>
      Number((await trx.deleteFrom("session").where("expires_at", "<", now.toISOString()).executeTakeFirst()).numDeletedRows),
  },
  {
    name: "old-login-attempts",
    run: async (trx, now) => {
      const cutoff = new Date(now.getTime() - 30 * 86400_000).toISOString();
      return Number((await trx.deleteFrom("login_attempt").where("created_at", "<", cutoff).executeTakeFirst()).numDeletedRows);
    },
  },
  {
    name: "stale-email-tokens",
    run: async (trx, now) => {
      const cutoff = new Date(now.getTime() - 7 * 86400_000).toISOString();
      return Number((await trx.deleteFrom("email_token").where("expires_at", "<", cutoff).executeTakeFirst()).numDeletedRows);
    },
  },
  { name: "old-form-submissions", run: deleteOldFormSubmissions },
  intakeReminderTask,
  ...coverageDailyTasks,
  { name: "room-expire-unconfirmed", run: expireUnconfirmed },
  { name: "room-reminders", run: remindTomorrowsBookings },
  { name: "room-key-returns", run: remindKeyReturns },
  offerExpiryTask,
  tandemSilenceTask,
  inviteCleanupTask,
  sealRenewalTask,
  // The work queue (ADR 0036): after the tasks that close records; the digest after the queue is current.
  tasksReconcileTask,
  taskDigestTask,
  auditLogRetentionTask,
  importRowRetentionTask,
  // Last: facts that change with the date, after the tasks that delete or close records.
  volunteerFactsTask,
  // After every task that writes: their cache bumps are folded too (PostgreSQL only).
  cacheScopeFoldTask,
];

export async function runDailyJobs(opts: { now?: Date; force?: boolean } = {}): Promise<Record<string, number> | null> {
  const now = opts.now ?? new Date();
  const runKey = berlinDay(now);
  const db = getDb();
  if (!opts.force) {
    const claimed = await db
      .insertInto("job_run")
      .values({ job: "daily", run_key: runKey, started_at: now.toISOString(), finished_at: null })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) !== 1) return null;
  }
  const results: Record<string, number> = {};
  for (const task of dailyTasks) {
    try {
      results[task.name] = await transaction((trx) => task.run(trx, now));
      await task.afterCommit?.();
    } catch (err) {
      logger.error("daily task failed", { task: task.name, err });
      results[task.name] = -1;
    }
  }
  // What each task did (counts only), for the privacy desk's retention overview (issue #17).
  await recordTaskResults(runKey, results, now);
  if (Object.values(results).some((n) => n < 0) && !opts.force) {
    // A failed task releases the day's claim, so the next run (15 minutes later) tries again.
    await db.deleteFrom("job_run").where("job", "=", "daily").where("run_key", "=", runKey).execute();
  } else {
    await db.updateTable("job_run").set({ finished_at: new Date().toISOString() }).where("job", "=", "daily").where("run_key", "=", runKey).execute();
  }
  logger.info("daily jobs done", { runKey, results });
  return results;
}

/** The counts of one run, per task (`job_task_result`); a second run on the same day (forced) replaces them. */
async function recordTaskResults(runKey: string, results: Record<string, number>, now: Date) {
  const at = now.toISOString();
  const rows = Object.entries(results).map(([task, count]) => ({ job: "daily", run_key: runKey, task, count, at }));
  if (!rows.length) return;
  try {
    await getDb()
      .insertInto("job_task_result")
      .values(rows)
      .onConflict((oc) => oc.columns(["job", "run_key", "task"]).doUpdateSet((eb) => ({ count: eb.ref("excluded.count"), at: eb.ref("excluded.at") })))
      .execute();
  } catch (err) {
    logger.error("daily task results not recorded", { err });
  }
}
