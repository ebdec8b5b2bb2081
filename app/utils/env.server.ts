import os from "node:os";
import { z } from "zod";
import { parseMatchWeights } from "~/modules/sponsorships/weights";

/**
 * Every environment variable the platform reads, with its default and meaning.
 * The README's configuration table is generated from the same descriptions; a wrong
 * value stops the process at start with a clear message (see `loadEnv`).
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  BASE_URL: z.string().url().optional(),
  DATABASE_PATH: z.string().min(1).default("./data/ehrenamt.sqlite"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/i, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Ehrenamt-Hub <no-reply@ehrenamt-hub.example.org>"),
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  COOKIE_SECURE: bool.optional(),
  SEED_DEMO: bool.default("true"),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  UPLOAD_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(32 * 1024 * 1024),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10000).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  OFFICE_REQUIRE_2FA: bool.default("false"),
  TOTP_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`")
    .optional(),
  FORM_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(3),
  FORM_MAX_PER_IP: z.coerce.number().int().min(1).max(10000).default(10),
  FORM_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  UPLOAD_MAX_PER_IP: z.coerce.number().int().min(1).max(10000).default(5),
  TRUST_PROXY: bool.default("false"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  BACKGROUND_JOBS: bool.default("true"),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  PUBLIC_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  VOLUNTEER_COVER_RETENTION_YEARS: z.coerce.number().int().min(1).max(30).default(10),
  VOLUNTEER_INTAKE_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  CERT_MAX_AGE_MONTHS: z.coerce.number().int().min(1).max(24).default(3),
  CERT_REINSPECT_YEARS: z.coerce.number().int().min(1).max(10).default(5),
  CERT_DELETE_AFTER_MONTHS: z.coerce.number().int().min(0).max(12).default(3),
  CERT_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  ASSIGNMENT_END_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  HOURS_PENDING_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  EHRENAMTSKARTE_HOURS_PER_YEAR: z.coerce.number().min(1).max(2000).default(250),
  EHRENAMTSKARTE_HOURS_PER_WEEK: z.coerce.number().min(0.5).max(60).default(5),
  SPONSORSHIP_MATCH_WEIGHTS: z
    .string()
    .optional()
    .refine((v) => parseMatchWeights(v) !== null, "Expected name=points pairs, e.g. language=40,district=10 (names: language, level, district, neighbour, times, gender, help, waiting, waitingFullDays; 0–1000)"),
  // the privacy desk (issue #17, ADR 0038): how long the access log (`audit_log`) is kept
  AUDIT_LOG_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(730),
  // the spreadsheet import (issue #17, ADR 0044): how long an import's uploaded rows (personal data) are kept
  IMPORT_ROW_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type Env = z.infer<typeof EnvSchema> & { BASE_URL: string; COOKIE_SECURE: boolean; WEB_CONCURRENCY: number };

export const ENV_DOCS: Record<keyof z.infer<typeof EnvSchema>, string> = {
  NODE_ENV: "`development`, `production` or `test`; `npm start` sets `production`.",
  PORT: "HTTP port of the server.",
  HOST: "Interface the server listens on.",
  BASE_URL: "Public URL used in e-mail links and for the Origin check (default `http://localhost:$PORT`).",
  DATABASE_PATH: "SQLite database file (created and migrated at start); used when DATABASE_URL is not set.",
  DATABASE_URL: "PostgreSQL instead of SQLite: postgres://user:password@host:5432/database (migrated at start, ADR 0025).",
  DATABASE_POOL_SIZE: "PostgreSQL connections per app process.",
  SMTP_URL: "SMTP server, e.g. `smtp://user:pass@mail.example.org:587`. Unset: mail stays in the outbox, readable by admins at `/office/outbox`.",
  MAIL_FROM: "Sender address of all mail.",
  OUTBOX_POLL_MS: "How often the in-process mail sender looks for due messages.",
  OUTBOX_MAX_ATTEMPTS: "Delivery attempts (with exponential back-off) before a message is marked failed.",
  COOKIE_SECURE: "Send the session cookie only over HTTPS (default: on in production).",
  SEED_DEMO: "Seed the fictitious Willich demo when the database is empty (`npm start`).",
  BODY_LIMIT_BYTES: "Largest accepted request body; larger requests get 413.",
  UPLOAD_BODY_LIMIT_BYTES: "Largest accepted body of the forms that take photos (donation offers, up to 5 photos; room photos); larger requests get 413.",
  LOGIN_MAX_FAILURES_PER_ACCOUNT: "Failed logins per e-mail address within the window before logins for it are refused.",
  LOGIN_MAX_FAILURES_PER_IP: "Failed logins per client IP within the window before logins from it are refused.",
  LOGIN_WINDOW_MINUTES: "Length of the login throttling window.",
  OFFICE_REQUIRE_2FA: "Coordinators and admins must use two-factor login (TOTP): without it they are sent to `/me/konto/zwei-faktor` after login and can open no other page.",
  TOTP_ENCRYPTION_KEY: "Key (64 hex digits) that encrypts the stored two-factor keys (AES-256-GCM). Unset: they are stored unencrypted (ADR 0021). Changing it makes enrolled keys unreadable: users then need a recovery code or an admin reset.",
  FORM_MAX_PER_ADDRESS: "Anonymous submissions per e-mail address and form (guest room requests, donation offers) within the window; more get a translated refusal, nothing is stored or mailed.",
  FORM_MAX_PER_IP: "Anonymous submissions per client IP and form within the window.",
  FORM_WINDOW_MINUTES: "Length of the window of the two limits above.",
  UPLOAD_MAX_PER_IP: "Anonymous submissions with photos (donation offers with photos) per client IP within the window.",
  TRUST_PROXY: "Take the client IP from `X-Forwarded-For` (only behind your own reverse proxy).",
  LOG_LEVEL: "`debug`, `info`, `warn`, `error` or `silent`; logs are JSON lines on stdout.",
  BACKGROUND_JOBS: "Run the mail sender and the daily job inside the server process.",
  WEB_CONCURRENCY: "Server processes sharing the port (default: one per CPU core in production, else 1).",
  PUBLIC_PAGE_CACHE_SECONDS: "Longest life of a cached public page for anonymous visitors (room calendars, iCal feeds, needs list); changes to the data drop it at once. `0` turns the cache off.",
  VOLUNTEER_COVER_RETENTION_YEARS:
    "Years that cover records (assignments kept as insurance evidence) of a volunteer who asked for deletion are kept after the assignment ended; the deletion page states this period.",
  VOLUNTEER_INTAKE_REMINDER_DAYS: "Days after registration without an intake talk before the office gets a reminder mail (once per volunteer).",
  CERT_MAX_AGE_MONTHS: "§ 72a certificates older than this (in months) at inspection are refused.",
  CERT_REINSPECT_YEARS: "Years after the certificate's date when a new certificate must be inspected (some districts: 3).",
  CERT_DELETE_AFTER_MONTHS: "Months after the last assignment with minors ends when the inspection record is deleted (at once if no such assignment starts).",
  CERT_REMINDER_DAYS: "Days before a re-inspection is due when the volunteer and the office are reminded.",
  ASSIGNMENT_END_REMINDER_DAYS: "Days before an assignment's end when the volunteer is reminded.",
  HOURS_PENDING_REMINDER_DAYS: "Days after which submitted, unconfirmed hours are reminded to the organiser.",
  EHRENAMTSKARTE_HOURS_PER_YEAR: "Confirmed hours in the last 12 months that make a volunteer eligible for the Ehrenamtskarte NRW.",
  EHRENAMTSKARTE_HOURS_PER_WEEK: "Average confirmed hours per week (over at least 12 weeks) that make a volunteer eligible.",
  SPONSORSHIP_MATCH_WEIGHTS:
    "Points of the sponsorship ranking as `name=points` pairs, e.g. `language=40,district=10`; unnamed keep their default (language 30, level 10, district 20, neighbour 10, times 15, gender 15, help 20, waiting 10, waitingFullDays 90).",
  AUDIT_LOG_RETENTION_DAYS: "Days the access log (who viewed or changed whose data) is kept; the daily job deletes older entries, the only deletion the log allows (ADR 0038).",
  IMPORT_ROW_RETENTION_DAYS:
    "Days an import's uploaded rows (the spreadsheet's cells, personal data) are kept after the import's last step; the daily job deletes them (an unfinished import is discarded). Counts, the undo record and the report stay (ADR 0044).",
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `  ${i.path.join(".")}=${JSON.stringify(source[String(i.path[0])] ?? "")}: ${i.message}`,
    );
    throw new EnvError(`Invalid configuration (environment variables):\n${lines.join("\n")}`);
  }
  const e = result.data;
  const BASE_URL = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const WEB_CONCURRENCY = e.WEB_CONCURRENCY ?? (e.NODE_ENV === "production" ? Math.max(1, os.availableParallelism()) : 1);
  return { ...e, BASE_URL, COOKIE_SECURE: e.COOKIE_SECURE ?? e.NODE_ENV === "production", WEB_CONCURRENCY };
}

let cached: Env | undefined;
export function env(): Env {
  if (!cached) cached = parseEnv(process.env);
  return cached;
}
/** Tests change the environment between files. */
export function resetEnvCache() {
  cached = undefined;
}
