import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import QRCode from "qrcode";
import { openPasswordAttempt } from "~/modules/accounts/commands.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { isOffice, permissionsOf, type Actor } from "./permissions";
import { requirePermission } from "./session.server";

/**
 * TOTP two-factor login (RFC 6238: 30-second steps, 6 digits, SHA-1 — what every authenticator
 * app reads from the QR code), with ten one-time recovery codes stored as SHA-256 hashes
 * (ADR 0021). A code is accepted one step early or late (clock drift), never twice (`last_step`).
 * Keys are encrypted with AES-256-GCM when TOTP_ENCRYPTION_KEY is set, else stored as they are.
 */
const PERIOD = 30;
const DIGITS = 6;
const ISSUER = "Ehrenamt-Hub";
export const RECOVERY_CODE_COUNT = 10;

// --- keys at rest ---------------------------------------------------------------------------

function encryptionKey(): Buffer | null {
  const hex = env().TOTP_ENCRYPTION_KEY;
  return hex ? Buffer.from(hex, "hex") : null;
}

export function sealSecret(key: Uint8Array): string {
  const k = encryptionKey();
  if (!k) return Buffer.from(key).toString("base64");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k, iv);
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  return `enc:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64")}`;
}

export function openSecret(stored: string): Uint8Array {
  if (!stored.startsWith("enc:")) return new Uint8Array(Buffer.from(stored, "base64"));
  const k = encryptionKey();
  if (!k) throw new Error("A two-factor key is encrypted, but TOTP_ENCRYPTION_KEY is not set.");
  const raw = Buffer.from(stored.slice(4), "base64");
  const decipher = createDecipheriv("aes-256-gcm", k, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
}

// --- codes ------------------------------------------------------------------------------------

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** RFC 4648 base32 without padding: how authenticator apps take a key typed in by hand. */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

const currentStep = (now: Date) => Math.floor(now.getTime() / 1000 / PERIOD);

/** The step a code belongs to (now, one before or one after), or null. */
function matchingStep(key: Uint8Array, code: string, now: Date): number | null {
  const step = currentStep(now);
  for (const s of [step, step - 1, step + 1]) {
    const expected = Buffer.from(generateHOTP(key, BigInt(s), DIGITS));
    if (expected.length === code.length && timingSafeEqual(expected, Buffer.from(code))) return s;
  }
  return null;
}

const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const hashRecovery = (code: string) => createHash("sha256").update(normaliseRecovery(code)).digest("hex");

function newRecoveryCodes(): string[] {
  // 80 bits each, shown as xxxx-xxxx-xxxx-xxxx.
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => base32(randomBytes(10)).toLowerCase().match(/.{4}/g)!.join("-"));
}

// --- state --------------------------------------------------------------------------------------

export type TwoFactorState = { enabled: boolean; pending: { secret: string; qrSvg: string; uri: string } | null; recoveryLeft: number; required: boolean };

/** Whether two-factor login is required for this actor (OFFICE_REQUIRE_2FA and an office role). */
export const twoFactorRequired = (actor: Actor) => env().OFFICE_REQUIRE_2FA && isOffice(actor);

export async function getTwoFactorState(actor: Actor): Promise<TwoFactorState> {
  const db = getDb();
  const row = await db.selectFrom("user_totp").selectAll().where("user_id", "=", actor.userId).executeTakeFirst();
  const { n } = await db
    .selectFrom("user_recovery_code")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", actor.userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  let pending: TwoFactorState["pending"] = null;
  if (row && !row.confirmed_at) {
    const key = openSecret(row.secret);
    const uri = createTOTPKeyURI(ISSUER, actor.email, key, PERIOD, DIGITS);
    const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 208 });
    pending = { secret: base32(key).match(/.{1,4}/g)!.join(" "), qrSvg, uri };
  }
  return { enabled: !!row?.confirmed_at, pending, recoveryLeft: Number(n), required: twoFactorRequired(actor) };
}

/** Creates a new (unconfirmed) key for the actor; an enrolled account must switch it off first. */
export async function startEnrolment(actor: Actor, now = new Date()): Promise<void> {
  await transaction(async (trx) => {
    const row = await trx.selectFrom("user_totp").select("confirmed_at").where("user_id", "=", actor.userId).executeTakeFirst();
    if (row?.confirmed_at) throw new AppError("security:twoFactor.alreadyOn", 400);
    await trx.deleteFrom("user_totp").where("user_id", "=", actor.userId).execute();
    await trx
      .insertInto("user_totp")
      .values({ user_id: actor.userId, secret: sealSecret(new Uint8Array(randomBytes(20))), confirmed_at: null, last_step: null, created_at: now.toISOString() })
      .execute();
  });
}

/** Confirms enrolment with a first code; returns the recovery codes (shown once, stored hashed). */
export async function confirmEnrolment(actor: Actor, code: string, now = new Date()): Promise<string[]> {
  return transaction(async (trx) => {
    const row = await trx.selectFrom("user_totp").selectAll().where("user_id", "=", actor.userId).executeTakeFirst();
    if (!row || row.confirmed_at) throw new AppError("security:twoFactor.noPending", 400);
    const step = matchingStep(openSecret(row.secret), code, now);
    if (step === null) throw new AppError("security:twoFactor.wrongCode", 400, "code");
    await trx.updateTable("user_totp").set({ confirmed_at: now.toISOString(), last_step: step }).where("user_id", "=", actor.userId).execute();
    await trx.deleteFrom("user_recovery_code").where("user_id", "=", actor.userId).execute();
    const codes = newRecoveryCodes();
    await trx
      .insertInto("user_recovery_code")
      .values(codes.map((c) => ({ user_id: actor.userId, code_hash: hashRecovery(c), used_at: null, created_at: now.toISOString() })))
      .execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "two-factor-enable", entity: "user", entityId: actor.userId, now });
    return codes;
  });
}

/** Switches two-factor login off (with a current code, throttled); refused where it is required. */
export async function disableTwoFactor(actor: Actor, code: string, ip: string, now = new Date()): Promise<void> {
  if (twoFactorRequired(actor)) throw new AppError("security:twoFactor.requiredCannotDisable", 400);
  const r = await verifySecondFactorThrottled({ userId: actor.userId, code, ip, now });
  if (!r.ok) throw r.throttled ? new AppError("errors.loginThrottled", 400, "code", { count: r.throttled }) : new AppError("security:twoFactor.wrongCode", 400, "code");
  await transaction(async (trx) => {
    await trx.deleteFrom("user_totp").where("user_id", "=", actor.userId).execute();
    await trx.deleteFrom("user_recovery_code").where("user_id", "=", actor.userId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "two-factor-disable", entity: "user", entityId: actor.userId, now });
  });
}

/**
 * Checks a TOTP code (each step accepted once) or an unused recovery code (then used up).
 * Throttling is the caller's part (the login counts a wrong code as a failed login).
 */
export async function checkSecondFactor(userId: string, input: string, now = new Date()): Promise<"totp" | "recovery" | false> {
  const code = input.replace(/\s/g, "");
  return transaction(async (trx) => {
    const row = await trx.selectFrom("user_totp").selectAll().where("user_id", "=", userId).where("confirmed_at", "is not", null).executeTakeFirst();
    if (!row) return false;
    if (/^\d{6}$/.test(code)) {
      const step = matchingStep(openSecret(row.secret), code, now);
      if (step === null || (row.last_step !== null && step <= row.last_step)) return false;
      await trx.updateTable("user_totp").set({ last_step: step }).where("user_id", "=", userId).execute();
      return "totp";
    }
    if (normaliseRecovery(code).length !== 16) return false;
    const used = await trx
      .updateTable("user_recovery_code")
      .set({ used_at: now.toISOString() })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hashRecovery(code))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, { actorUserId: userId, action: "two-factor-recovery-code", entity: "user", entityId: userId, now });
    return "recovery";
  });
}

/**
 * A lost device: an admin switches another user's two-factor login off (audit-logged); the user
 * logs in with the password and enrols again. Nobody resets their own, and only admins reset an admin's.
 */
export async function resetTwoFactor(actor: Actor, userId: string, now = new Date()): Promise<void> {
  requirePermission(actor, "manage:user:any");
  if (userId === actor.userId) throw new AppError("security:twoFactor.notOwnReset", 400);
  await transaction(async (trx) => {
    const target = await trx.selectFrom("user").select("id").where("id", "=", userId).executeTakeFirst();
    if (!target) throw new AppError("errors.notFound", 404);
    const roles = (await trx.selectFrom("user_role").select("role").where("user_id", "=", userId).execute()).map((r) => r.role);
    if (roles.includes("admin") && !actor.roles.includes("admin")) throw new AppError("errors.forbidden", 403);
    const removed = await trx.deleteFrom("user_totp").where("user_id", "=", userId).executeTakeFirst();
    await trx.deleteFrom("user_recovery_code").where("user_id", "=", userId).execute();
    if (Number(removed.numDeletedRows) === 0) throw new AppError("security:twoFactor.notEnabled", 400);
    await recordAudit(trx, { actorUserId: actor.userId, action: "two-factor-reset", entity: "user", entityId: userId, now });
  });
  // Whoever holds the lost device's sessions is logged out too.
  await getDb().deleteFrom("session").where("user_id", "=", userId).execute();
}

export async function twoFactorEnabled(userId: string): Promise<boolean> {
  const row = await getDb().selectFrom("user_totp").select("user_id").where("user_id", "=", userId).where("confirmed_at", "is not", null).executeTakeFirst();
  return !!row;
}

/**
 * A code typed by a logged-in or half-logged-in user, throttled like a password: a wrong code
 * counts as a failed login for the account's address and the client IP (LOGIN_MAX_FAILURES_*).
 */
export async function verifySecondFactorThrottled(args: { userId: string; code: string; ip: string; now?: Date }): Promise<{ ok: true } | { ok: false; throttled?: number }> {
  const now = args.now ?? new Date();
  const user = await getDb().selectFrom("user").select("email").where("id", "=", args.userId).executeTakeFirst();
  if (!user) return { ok: false };
  const gate = await openPasswordAttempt(user.email, args.ip, now);
  if ("throttled" in gate) return { ok: false, throttled: gate.throttled };
  if (!(await checkSecondFactor(args.userId, args.code, now))) return { ok: false };
  await transaction(async (trx) => {
    await trx.updateTable("login_attempt").set({ succeeded: 1 }).where("id", "=", gate.attemptId).execute();
  });
  return { ok: true };
}

/** After a password login: must this user enrol before using the office (OFFICE_REQUIRE_2FA)? */
export async function mustEnrolTwoFactor(userId: string): Promise<boolean> {
  if (!env().OFFICE_REQUIRE_2FA) return false;
  const roles = (await getDb().selectFrom("user_role").select("role").where("user_id", "=", userId).execute()).map((r) => r.role);
  return permissionsOf({ roles }).has("read:office-inbox:any") && !(await twoFactorEnabled(userId));
}
