import type { Kysely } from "kysely";
import type { DB, Role } from "@db/schema";
import { newRandomId } from "~/auth/ids.server";
import { dummyHash, hashPassword, verifyPassword } from "~/auth/password.server";
import { endAllSessions } from "~/auth/session.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { germanSortKey } from "~/utils/text-keys";

const HOUR = 3600_000;
export const VERIFY_TTL_MS = 48 * HOUR;
export const RESET_TTL_MS = 1 * HOUR;
export const EMAIL_CHANGE_TTL_MS = 48 * HOUR;

const link = (path: string) => `${env().BASE_URL}${path}`;

async function issueToken(
  trx: Kysely<DB>,
  args: { userId: string; purpose: "verify_email" | "reset_password" | "change_email"; ttlMs: number; now: Date; newEmail?: string },
): Promise<string> {
  // A new link replaces older unused ones of the same purpose.
  await trx.deleteFrom("email_token").where("user_id", "=", args.userId).where("purpose", "=", args.purpose).where("used_at", "is", null).execute();
  const token = generateToken();
  await trx
    .insertInto("email_token")
    .values({
      token_hash: hashToken(token),
      user_id: args.userId,
      purpose: args.purpose,
      new_email: args.newEmail ?? null,
      expires_at: new Date(args.now.getTime() + args.ttlMs).toISOString(),
      used_at: null,
      created_at: args.now.toISOString(),
    })
    .execute();
  return token;
}

/** Finds a valid token and marks it used (single use) inside the caller's transaction. */
async function consumeToken(trx: Kysely<DB>, token: string, purpose: string, now: Date) {
  const row = await trx
    .selectFrom("email_token")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose as never)
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at <= now.toISOString()) return null;
  await trx.updateTable("email_token").set({ used_at: now.toISOString() }).where("token_hash", "=", row.token_hash).execute();
  return row;
}

export async function createUser(
  trx: Kysely<DB>,
  args: { name: string; email: string; passwordHash: string; locale: string; roles: Role[]; verified?: boolean; now?: Date },
): Promise<string> {
  const now = (args.now ?? new Date()).toISOString();
  const id = newRandomId(10);
  await trx
    .insertInto("user")
    .values({
      id,
      email: args.email.toLowerCase(),
      name: args.name,
      name_key: germanSortKey(args.name),
      password_hash: args.passwordHash,
      email_verified_at: args.verified ? now : null,
      locale: args.locale,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (args.roles.length) {
    await trx.insertInto("user_role").values(args.roles.map((role) => ({ user_id: id, role, created_at: now }))).execute();
  }
  return id;
}

/**
 * Self-registration (role `volunteer`). The answer never tells whether the address was
 * already registered: the owner of an existing account gets a mail instead.
 */
export async function registerUser(args: { name: string; email: string; password: string; locale: string; now?: Date }): Promise<void> {
  const now = args.now ?? new Date();
  const passwordHash = await hashPassword(args.password);
  await transaction(async (trx) => {
    const existing = await trx.selectFrom("user").select(["id", "name", "locale"]).where("email", "=", args.email).executeTakeFirst();
    if (existing) {
      if (await mailLimitReached(trx, args.email, "register-existing", now)) return;
      await enqueueMail(trx, {
        to: args.email,
        locale: existing.locale,
        template: "register-existing",
        data: { name: existing.name, loginUrl: link("/login"), resetUrl: link("/forgot-password") },
        now,
      });
      return;
    }
    const userId = await createUser(trx, { name: args.name, email: args.email, passwordHash, locale: args.locale, roles: ["volunteer"], now });
    const token = await issueToken(trx, { userId, purpose: "verify_email", ttlMs: VERIFY_TTL_MS, now });
    await enqueueMail(trx, {
      to: args.email,
      locale: args.locale,
      template: "verify-email",
      data: { name: args.name, url: link(`/verify-email/${token}`) },
      now,
    });
    await recordAudit(trx, { actorUserId: userId, action: "register", entity: "user", entityId: userId, now });
  });
}

/**
 * Sends a new account's verification link (the path `/register` uses), inside the caller's
 * transaction: for accounts made by other modules (an association's registration, issue #15).
 */
export async function startEmailVerification(trx: Kysely<DB>, args: { userId: string; name: string; email: string; locale: string; now: Date }): Promise<void> {
  const token = await issueToken(trx, { userId: args.userId, purpose: "verify_email", ttlMs: VERIFY_TTL_MS, now: args.now });
  await enqueueMail(trx, { to: args.email, locale: args.locale, template: "verify-email", data: { name: args.name, url: link(`/verify-email/${token}`) }, now: args.now });
}

/** Tells the owner of an existing account (instead of making a second one), at most a few times an hour. */
export async function mailExistingAccount(trx: Kysely<DB>, args: { email: string; now: Date }): Promise<void> {
  const existing = await trx.selectFrom("user").select(["name", "locale"]).where("email", "=", args.email).executeTakeFirst();
  if (!existing || (await mailLimitReached(trx, args.email, "register-existing", args.now))) return;
  await enqueueMail(trx, {
    to: args.email,
    locale: existing.locale,
    template: "register-existing",
    data: { name: existing.name, loginUrl: link("/login"), resetUrl: link("/forgot-password") },
    now: args.now,
  });
}

export async function verifyEmail(token: string, now = new Date()): Promise<string | null> {
  return transaction(async (trx) => {
    const row = await consumeToken(trx, token, "verify_email", now);
    if (!row) return null;
    await trx.updateTable("user").set({ email_verified_at: now.toISOString(), updated_at: now.toISOString() }).where("id", "=", row.user_id).execute();
    return row.user_id;
  });
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number }
  | { ok: false; reason: "unverified" };

/**
 * Opens a password attempt, throttled per account and per IP (failures within a window).
 * Check and record happen in one immediate transaction, so parallel requests are
 * serialised: a burst gets no more password checks than the limit. The attempt counts as
 * failed until `markAttemptSucceeded` proves the password right. Used by the login and by
 * every form that asks for the current password.
 */
export async function openPasswordAttempt(email: string, ip: string, now: Date): Promise<{ throttled: number } | { attemptId: number }> {
  const e = env();
  const windowStart = new Date(now.getTime() - e.LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  return transaction(async (trx) => {
    const failures = (column: "email" | "ip", value: string) =>
      trx
        .selectFrom("login_attempt")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("first")])
        .where(column, "=", value)
        .where("succeeded", "=", 0)
        .where("created_at", ">", windowStart)
        .executeTakeFirstOrThrow();
    const byEmail = await failures("email", email);
    const byIp = await failures("ip", ip);
    const blocked = [
      Number(byEmail.n) >= e.LOGIN_MAX_FAILURES_PER_ACCOUNT ? byEmail.first : null,
      Number(byIp.n) >= e.LOGIN_MAX_FAILURES_PER_IP ? byIp.first : null,
    ].filter(Boolean) as string[];
    if (blocked.length) {
      const until = Math.max(...blocked.map((f) => new Date(f).getTime() + e.LOGIN_WINDOW_MINUTES * 60_000));
      return { throttled: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
    }
    const { id } = await trx
      .insertInto("login_attempt")
      .values({ email, ip, succeeded: 0, created_at: now.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { attemptId: id };
  });
}

async function markAttemptSucceeded(attemptId: number) {
  await transaction(async (trx) => {
    await trx.updateTable("login_attempt").set({ succeeded: 1 }).where("id", "=", attemptId).execute();
  });
}

/** Checks the current password of a logged-in user, with the same throttling as the login. */
async function requireCurrentPassword(user: { email: string; password_hash: string }, password: string, ip: string, now: Date) {
  const gate = await openPasswordAttempt(user.email, ip, now);
  if ("throttled" in gate) throw new AppError("errors.loginThrottled", 400, "currentPassword", { count: gate.throttled });
  if (!(await verifyPassword(user.password_hash, password))) throw new AppError("errors.wrongPassword", 400, "currentPassword");
  await markAttemptSucceeded(gate.attemptId);
}

/** At most this many mails of one kind to one address per hour (no mail bombing through public forms). */
const MAILS_PER_ADDRESS_PER_HOUR = 3;
async function mailLimitReached(trx: Kysely<DB>, to: string, template: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - HOUR).toISOString();
  const { n } = await trx
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("to_address", "=", to)
    .where("template", "=", template)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(n) >= MAILS_PER_ADDRESS_PER_HOUR;
}

/** Password login. */
export async function authenticate(args: { email: string; password: string; ip: string; locale: string; now?: Date }): Promise<LoginResult> {
  const now = args.now ?? new Date();
  const gate = await openPasswordAttempt(args.email, args.ip, now);
  if ("throttled" in gate) return { ok: false, reason: "throttled", retryAfterMinutes: gate.throttled };
  const { attemptId } = gate;

  const user = await getDb()
    .selectFrom("user")
    .select(["id", "name", "password_hash", "email_verified_at", "locale"])
    .where("email", "=", args.email)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const valid = user ? await verifyPassword(user.password_hash, args.password) : (await verifyPassword(await dummyHash(), args.password), false);

  return transaction(async (trx) => {
    if (valid) await trx.updateTable("login_attempt").set({ succeeded: 1 }).where("id", "=", attemptId).execute();
    if (!user || !valid) return { ok: false, reason: "invalid" } as const;
    if (!user.email_verified_at) {
      const token = await issueToken(trx, { userId: user.id, purpose: "verify_email", ttlMs: VERIFY_TTL_MS, now });
      await enqueueMail(trx, { to: args.email, locale: user.locale, template: "verify-email", data: { name: user.name, url: link(`/verify-email/${token}`) }, now });
      return { ok: false, reason: "unverified" } as const;
    }
    return { ok: true, userId: user.id } as const;
  });
}

/** Always the same answer to the visitor; a mail only if the address exists. */
export async function requestPasswordReset(args: { email: string; now?: Date }): Promise<void> {
  const now = args.now ?? new Date();
  await transaction(async (trx) => {
    const user = await trx.selectFrom("user").select(["id", "name", "locale"]).where("email", "=", args.email).where("disabled_at", "is", null).executeTakeFirst();
    if (!user || (await mailLimitReached(trx, args.email, "reset-password", now))) return;
    const token = await issueToken(trx, { userId: user.id, purpose: "reset_password", ttlMs: RESET_TTL_MS, now });
    await enqueueMail(trx, { to: args.email, locale: user.locale, template: "reset-password", data: { name: user.name, url: link(`/reset-password/${token}`) }, now });
  });
}

/** Is this reset link still usable? (for the form page; does not consume it) */
export async function isResetTokenValid(token: string, now = new Date()): Promise<boolean> {
  const row = await getDb()
    .selectFrom("email_token")
    .select(["used_at", "expires_at"])
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", "reset_password")
    .executeTakeFirst();
  return !!row && !row.used_at && row.expires_at > now.toISOString();
}

export async function resetPassword(args: { token: string; password: string; now?: Date }): Promise<string> {
  const now = args.now ?? new Date();
  const passwordHash = await hashPassword(args.password);
  const userId = await transaction(async (trx) => {
    const row = await consumeToken(trx, args.token, "reset_password", now);
    if (!row) throw new AppError("errors.linkInvalid", 400);
    // Following the link proves the address, so it counts as verified too.
    await trx
      .updateTable("user")
      .set((eb) => ({
        password_hash: passwordHash,
        updated_at: now.toISOString(),
        email_verified_at: eb.fn.coalesce("email_verified_at", eb.val(now.toISOString())),
      }))
      .where("id", "=", row.user_id)
      .execute();
    await recordAudit(trx, { actorUserId: row.user_id, action: "reset-password", entity: "user", entityId: row.user_id, now });
    return row.user_id;
  });
  await endAllSessions(userId);
  return userId;
}

export async function changePassword(args: { userId: string; currentPassword: string; password: string; ip?: string; now?: Date }): Promise<void> {
  const now = args.now ?? new Date();
  const user = await getDb().selectFrom("user").select(["password_hash", "email", "name", "locale"]).where("id", "=", args.userId).executeTakeFirstOrThrow();
  await requireCurrentPassword(user, args.currentPassword, args.ip ?? "unknown", now);
  const passwordHash = await hashPassword(args.password);
  await transaction(async (trx) => {
    await trx.updateTable("user").set({ password_hash: passwordHash, updated_at: now.toISOString() }).where("id", "=", args.userId).execute();
    await enqueueMail(trx, { to: user.email, locale: user.locale, template: "password-changed-notice", data: { name: user.name }, now });
    await recordAudit(trx, { actorUserId: args.userId, action: "change-password", entity: "user", entityId: args.userId, now });
  });
  await endAllSessions(args.userId);
}

/** Sends a confirmation link to the new address; the change happens when it is followed. */
export async function requestEmailChange(args: { userId: string; newEmail: string; currentPassword: string; ip?: string; now?: Date }): Promise<void> {
  const now = args.now ?? new Date();
  const user = await getDb().selectFrom("user").select(["password_hash", "email", "name", "locale"]).where("id", "=", args.userId).executeTakeFirstOrThrow();
  await requireCurrentPassword(user, args.currentPassword, args.ip ?? "unknown", now);
  if (args.newEmail === user.email) throw new AppError("errors.sameEmail", 400, "newEmail");
  await transaction(async (trx) => {
    const taken = await trx.selectFrom("user").select("id").where("email", "=", args.newEmail).executeTakeFirst();
    // An address already in use gets no link; the answer is the same (no enumeration).
    if (taken) return;
    const token = await issueToken(trx, { userId: args.userId, purpose: "change_email", ttlMs: EMAIL_CHANGE_TTL_MS, now, newEmail: args.newEmail });
    await enqueueMail(trx, {
      to: args.newEmail,
      locale: user.locale,
      template: "confirm-email-change",
      data: { name: user.name, newEmail: args.newEmail, url: link(`/confirm-email/${token}`) },
      now,
    });
  });
}

/** Returns the user whose address changed, or null for an invalid or used link. */
export async function confirmEmailChange(token: string, now = new Date()): Promise<string | null> {
  const userId = await transaction(async (trx) => {
    const row = await consumeToken(trx, token, "change_email", now);
    if (!row?.new_email) return null;
    const taken = await trx.selectFrom("user").select("id").where("email", "=", row.new_email).executeTakeFirst();
    if (taken) return null;
    const user = await trx.selectFrom("user").select(["email", "name", "locale"]).where("id", "=", row.user_id).executeTakeFirstOrThrow();
    await trx
      .updateTable("user")
      .set({ email: row.new_email, email_verified_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", row.user_id)
      .execute();
    await enqueueMail(trx, { to: user.email, locale: user.locale, template: "email-changed-notice", data: { name: user.name, newEmail: row.new_email }, now });
    await recordAudit(trx, { actorUserId: row.user_id, action: "change-email", entity: "user", entityId: row.user_id, now });
    return row.user_id;
  });
  // The login name changed: every session of the account starts again.
  if (userId) await endAllSessions(userId);
  return userId;
}

export async function updateProfile(args: { userId: string; name: string; now?: Date }) {
  const now = (args.now ?? new Date()).toISOString();
  await transaction(async (trx) => {
    await trx.updateTable("user").set({ name: args.name, name_key: germanSortKey(args.name), updated_at: now }).where("id", "=", args.userId).execute();
  });
}

export async function setUserLocale(userId: string, locale: string) {
  await transaction(async (trx) => {
    await trx.updateTable("user").set({ locale }).where("id", "=", userId).execute();
  });
}
