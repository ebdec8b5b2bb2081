import { redirect } from "@remix-run/node";
import type { Role } from "@db/schema";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { isOffice, type Actor } from "./permissions";
import {
  blankSessionCookie,
  createSession,
  deleteExpiredSessionRows,
  deleteSession,
  deleteUserSessions,
  extendSessionIfDue,
  readSessionToken,
  sessionCookie,
  validateSessionToken,
  validateSessionWithUser,
  type StoredSession,
} from "./sessions.server";

/**
 * The actor of each request, looked up once: keyed by the request's load context (a fresh object
 * per request, scripts/serve.ts), which every loader and action of one request shares. Remix hands
 * each loader its own copy of the Request, so without the context the memo holds per loader only.
 */
const actorCache = new WeakMap<object, Promise<Actor | null>>();
/** The session each actor was loaded from (for renewing its cookie). */
const sessionOfActor = new WeakMap<Actor, StoredSession & { token: string }>();

/** The enrolment page: the only page an office user who must still enrol may open. */
export const TWO_FACTOR_ENROL_PATH = "/me/konto/zwei-faktor";

function sessionTokenFrom(request: Request): string | null {
  return readSessionToken(request.headers.get("Cookie"));
}

async function loadActor(request: Request): Promise<Actor | null> {
  const token = sessionTokenFrom(request);
  if (!token) return null;
  const found = await validateSessionWithUser(token);
  // A session still waiting for its second factor is nobody's login.
  if (!found || found.session.stage !== "full") return null;
  const { session, user: row } = found;
  const actor: Actor = {
    userId: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    emailVerified: row.email_verified_at !== null,
    roles: found.roles as Role[],
    organisationIds: found.organisationIds,
    // The memberships with the admin flag (ADR 0032): the scope of admin-only permissions.
    adminOrganisationIds: found.adminOrganisationIds,
  };
  sessionOfActor.set(actor, { ...session, token });
  return actor;
}

/** The logged-in actor, or null for anonymous visitors (memoised per request: pass the loader's `context`). */
export function getActor(request: Request, context?: object): Promise<Actor | null> {
  const key = context ?? request;
  let p = actorCache.get(key);
  if (!p) {
    p = loadActor(request);
    actorCache.set(key, p);
  }
  return p;
}

/** Requires a logged-in actor; anonymous visitors are sent to the login page and back. */
export async function requireActor(request: Request, context?: object): Promise<Actor> {
  const actor = await getActor(request, context);
  if (!actor) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  // OFFICE_REQUIRE_2FA: an office account without two-factor login opens only the enrolment page.
  if (env().OFFICE_REQUIRE_2FA && isOffice(actor) && new URL(request.url).pathname !== TWO_FACTOR_ENROL_PATH && !(await hasTwoFactor(actor.userId))) {
    throw redirect(TWO_FACTOR_ENROL_PATH);
  }
  return actor;
}

/** Whether the user has confirmed two-factor login. */
export async function hasTwoFactor(userId: string): Promise<boolean> {
  const row = await getDb().selectFrom("user_totp").select("user_id").where("user_id", "=", userId).where("confirmed_at", "is not", null).executeTakeFirst();
  return !!row;
}

/**
 * The Set-Cookie that renews the session cookie when the session was just extended (less than
 * half its life left), else null. The root loader calls it on every document request and after
 * every action, so the server extends a session only where the cookie is renewed with it.
 */
export async function renewSessionCookie(request: Request, context?: object): Promise<string | null> {
  const actor = await getActor(request, context);
  const session = actor ? sessionOfActor.get(actor) : undefined;
  if (!session) return null;
  const extended = await extendSessionIfDue(session);
  return extended ? sessionCookie(session.token, extended) : null;
}

/** Re-exported so routes take the actor and the permission check from one import. */
export { requirePermission } from "./permissions";

/** Anonymous-only pages (login, register) send logged-in users home. */
export async function requireAnonymous(request: Request, context?: object): Promise<void> {
  if (await getActor(request, context)) throw redirect("/");
}

async function endPresentedSession(request: Request) {
  const token = sessionTokenFrom(request);
  const old = token ? await validateSessionToken(token) : null;
  if (old) await deleteSession(old.id);
}

/**
 * Starts a fresh session (rotation: any session presented with the request is ended, so a
 * planted or half-logged-in session is never carried on). Returns the Set-Cookie header.
 */
export async function startSession(request: Request, userId: string): Promise<string> {
  await endPresentedSession(request);
  const { token, expiresAt } = await createSession(userId, "full");
  return sessionCookie(token, expiresAt);
}

/** After the right password of an account with two-factor login: a session that only opens the code page. */
export async function startSecondFactorSession(request: Request, userId: string): Promise<string> {
  await endPresentedSession(request);
  const { token, expiresAt } = await createSession(userId, "second_factor");
  return sessionCookie(token, expiresAt);
}

/** The user whose code is due (a valid `second_factor` session), or null. */
export async function getSecondFactorUser(request: Request): Promise<{ userId: string; sessionId: string } | null> {
  const token = sessionTokenFrom(request);
  const session = token ? await validateSessionToken(token) : null;
  return session && session.stage === "second_factor" ? { userId: session.userId, sessionId: session.id } : null;
}

export async function endSession(request: Request): Promise<string> {
  await endPresentedSession(request);
  return blankSessionCookie();
}

/** Ends every session of a user (password change, privilege change, reset). */
export async function endAllSessions(userId: string): Promise<void> {
  await deleteUserSessions(userId);
}

export async function deleteExpiredSessions(): Promise<void> {
  await deleteExpiredSessionRows();
}
