import { createHash, randomBytes } from "node:crypto";
import type { SessionStage } from "@db/schema";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/**
 * Server-side sessions, the simple pattern lucia's author recommends (lucia 3 itself is no longer
 * used for sessions): the cookie holds a random token (192 bits), the database only its SHA-256,
 * so a leaked database yields no live session. A session lives 14 days and is extended when less
 * than half of that is left; the cookie's Max-Age is always the session's remaining life.
 * A `second_factor` session (password right, TOTP code still due) lives 10 minutes and opens no
 * page but the code page. Nothing outside `app/auth/` uses this file.
 */
export const SESSION_COOKIE = "eh_session";
export const SESSION_LIFE_MS = 14 * 86_400_000;
export const SECOND_FACTOR_LIFE_MS = 10 * 60_000;

export type StoredSession = { id: string; userId: string; stage: SessionStage; expiresAt: Date };

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function readSessionToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    // Only tokens this server could have issued are looked up.
    return /^[a-z0-9]{32,64}$/.test(value) ? value : null;
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date, now = new Date()): string {
  const maxAge = Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 1000));
  return serialize(token, maxAge, expiresAt);
}

export function blankSessionCookie(): string {
  return serialize("", 0, new Date(0));
}

function serialize(value: string, maxAge: number, expires: Date) {
  const parts = [`${SESSION_COOKIE}=${value}`, `Max-Age=${maxAge}`, `Expires=${expires.toUTCString()}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (env().COOKIE_SECURE) parts.push("Secure");
  return parts.join("; ");
}

/** Stores a new session and returns its token (for the cookie) and end. */
export async function createSession(userId: string, stage: SessionStage = "full", now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(24).toString("hex");
  const expiresAt = new Date(now.getTime() + (stage === "full" ? SESSION_LIFE_MS : SECOND_FACTOR_LIFE_MS));
  await getDb()
    .insertInto("session")
    .values({ id: hashSessionToken(token), user_id: userId, stage, expires_at: expiresAt.toISOString(), created_at: now.toISOString() })
    .execute();
  return { token, expiresAt };
}

/** The session behind a token: unexpired, its user not disabled. */
export async function validateSessionToken(token: string, now = new Date()): Promise<StoredSession | null> {
  return (await validateSessionWithUser(token, now))?.session ?? null;
}

export type SessionUser = { id: string; email: string; name: string; locale: string; email_verified_at: string | null };
/** The user's roles and the organisations they are a member of. */
export type SessionGrants = { roles: string[]; organisationIds: number[]; adminOrganisationIds: number[] };

/**
 * The session behind a token with its user's columns, roles and memberships, in **one** query (the
 * actor of every logged-in request starts here; on PostgreSQL each query is a round trip that costs
 * the Node process about as much as the database): unexpired, the user not disabled. The two left
 * joins give one row per role × membership (a handful), each through its index on `user_id`.
 */
export async function validateSessionWithUser(token: string, now = new Date()): Promise<({ session: StoredSession; user: SessionUser } & SessionGrants) | null> {
  const rows = await getDb()
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .leftJoin("user_role", "user_role.user_id", "session.user_id")
    .leftJoin("organisation_member", "organisation_member.user_id", "session.user_id")
    .select([
      "session.id",
      "session.user_id",
      "session.stage",
      "session.expires_at",
      "user.email",
      "user.name",
      "user.locale",
      "user.email_verified_at",
      "user_role.role",
      "organisation_member.organisation_id",
      "organisation_member.association_admin",
    ])
    .where("session.id", "=", hashSessionToken(token))
    .where("user.disabled_at", "is", null)
    .execute();
  const row = rows[0];
  if (!row) return null;
  const expiresAt = new Date(row.expires_at);
  if (expiresAt.getTime() <= now.getTime()) {
    await getDb().deleteFrom("session").where("id", "=", row.id).execute();
    return null;
  }
  const roles = [...new Set(rows.flatMap((r) => (r.role === null ? [] : [r.role])))];
  const organisationIds = [...new Set(rows.flatMap((r) => (r.organisation_id === null ? [] : [Number(r.organisation_id)])))];
  const adminOrganisationIds = [...new Set(rows.flatMap((r) => (r.organisation_id !== null && Number(r.association_admin) === 1 ? [Number(r.organisation_id)] : [])))];
  return {
    session: { id: row.id, userId: row.user_id, stage: row.stage, expiresAt },
    user: { id: row.user_id, email: row.email, name: row.name, locale: row.locale, email_verified_at: row.email_verified_at },
    roles,
    organisationIds,
    adminOrganisationIds,
  };
}

/** Extends a full session to 14 days from now when less than half is left; returns the new end, or null. */
export async function extendSessionIfDue(session: StoredSession, now = new Date()): Promise<Date | null> {
  if (session.stage !== "full" || session.expiresAt.getTime() - now.getTime() >= SESSION_LIFE_MS / 2) return null;
  const expiresAt = new Date(now.getTime() + SESSION_LIFE_MS);
  await getDb().updateTable("session").set({ expires_at: expiresAt.toISOString() }).where("id", "=", session.id).execute();
  session.expiresAt = expiresAt;
  return expiresAt;
}

export async function deleteSession(id: string): Promise<void> {
  await getDb().deleteFrom("session").where("id", "=", id).execute();
}

export async function deleteUserSessions(userId: string, exceptId?: string): Promise<void> {
  let q = getDb().deleteFrom("session").where("user_id", "=", userId);
  if (exceptId) q = q.where("id", "!=", exceptId);
  await q.execute();
}

export async function deleteExpiredSessionRows(now = new Date()): Promise<void> {
  await getDb().deleteFrom("session").where("expires_at", "<", now.toISOString()).execute();
}
