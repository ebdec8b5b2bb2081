import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions";
import type { DailyTask } from "~/modules/jobs/daily-types";
import { listDeletableInspections } from "~/modules/coverage/certificates.server";
import { dueImportRows } from "~/modules/import/retention.server";
import { berlinDay } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/**
 * Retention (issue #17): per record type the rule, how many records are due for deletion now, and
 * what the daily job's tasks that delete them did on their last run (counts from
 * `job_task_result`, never content). The access log itself is kept `AUDIT_LOG_RETENTION_DAYS`;
 * the task below is the only delete its append-only trigger lets through (ADR 0038).
 */
const DAY_MS = 86_400_000;

export function auditLogCutoff(now: Date): string {
  return new Date(now.getTime() - env().AUDIT_LOG_RETENTION_DAYS * DAY_MS).toISOString();
}

/** Deletes the access log's entries past the retention period: opens the trigger's gate for exactly those, then closes it. */
export async function deleteExpiredAuditLog(trx: Kysely<DB>, now: Date): Promise<number> {
  const cutoff = auditLogCutoff(now);
  await trx.updateTable("audit_log_purge").set({ purge_before: cutoff }).where("id", "=", 1).execute();
  const res = await trx.deleteFrom("audit_log").where("created_at", "<", cutoff).executeTakeFirst();
  await trx.updateTable("audit_log_purge").set({ purge_before: "" }).where("id", "=", 1).execute();
  return Number(res.numDeletedRows);
}

export const auditLogRetentionTask: DailyTask = { name: "audit-log-retention", run: deleteExpiredAuditLog };

type Rule = {
  /** The record type (a label key `privacy:retention.types.<type>`). */
  type: string;
  /** The rule (a label key `privacy:retention.rules.<type>`) and its values. */
  values: () => Record<string, number>;
  due: (db: Kysely<DB>, now: Date) => Promise<number>;
  /** The daily tasks that delete these records. */
  tasks: string[];
};

const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);

export const RETENTION_RULES: Rule[] = [
  {
    type: "session",
    values: () => ({}),
    due: (db, now) => count(db.selectFrom("session").select((eb) => eb.fn.countAll<number>().as("n")).where("expires_at", "<", now.toISOString()).executeTakeFirst()),
    tasks: ["expired-sessions"],
  },
  {
    type: "loginAttempt",
    values: () => ({ days: 30 }),
    due: (db, now) => count(db.selectFrom("login_attempt").select((eb) => eb.fn.countAll<number>().as("n")).where("created_at", "<", new Date(now.getTime() - 30 * DAY_MS).toISOString()).executeTakeFirst()),
    tasks: ["old-login-attempts"],
  },
  {
    type: "emailToken",
    values: () => ({ days: 7 }),
    due: (db, now) => count(db.selectFrom("email_token").select((eb) => eb.fn.countAll<number>().as("n")).where("expires_at", "<", new Date(now.getTime() - 7 * DAY_MS).toISOString()).executeTakeFirst()),
    tasks: ["stale-email-tokens"],
  },
  {
    type: "formSubmission",
    values: () => ({ days: 1 }),
    due: (db, now) => count(db.selectFrom("form_submission").select((eb) => eb.fn.countAll<number>().as("n")).where("created_at", "<", new Date(now.getTime() - DAY_MS).toISOString()).executeTakeFirst()),
    tasks: ["old-form-submissions"],
  },
  {
    type: "certificate",
    values: () => ({ months: env().CERT_DELETE_AFTER_MONTHS }),
    due: async (db, now) => (await listDeletableInspections(db, berlinDay(now))).length,
    tasks: ["coverage-certificate-deletion"],
  },
  {
    type: "auditLog",
    values: () => ({ days: env().AUDIT_LOG_RETENTION_DAYS }),
    due: (db, now) => count(db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).where("created_at", "<", auditLogCutoff(now)).executeTakeFirst()),
    tasks: ["audit-log-retention"],
  },
  {
    type: "importRow",
    values: () => ({ days: env().IMPORT_ROW_RETENTION_DAYS }),
    due: dueImportRows,
    tasks: ["import-row-retention"],
  },
];

/** The overview: per record type the rule, the count due now, and the last run's deletions. */
export async function retentionOverview(actor: Actor, now = new Date()) {
  requirePermission(actor, "manage:privacy");
  const db = getDb();
  const last = await db.selectFrom("job_task_result").select("run_key").where("job", "=", "daily").orderBy("run_key", "desc").limit(1).executeTakeFirst();
  const results = last
    ? await db.selectFrom("job_task_result").select(["task", "count", "at"]).where("job", "=", "daily").where("run_key", "=", last.run_key).execute()
    : [];
  const byTask = new Map(results.map((r) => [r.task, r]));
  const rows = [];
  for (const rule of RETENTION_RULES) {
    const runs = rule.tasks.map((t) => byTask.get(t)).filter((r): r is NonNullable<typeof r> => r !== undefined);
    rows.push({
      type: rule.type,
      values: rule.values(),
      due: await rule.due(db, now),
      lastDeleted: runs.length ? runs.reduce((s, r) => s + Math.max(0, r.count), 0) : null,
      failed: runs.some((r) => r.count < 0),
    });
  }
  return { lastRun: last?.run_key ?? null, lastRunAt: results[0]?.at ?? null, rows };
}
