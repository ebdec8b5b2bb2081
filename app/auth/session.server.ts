import { redirect } from "@remix-run/node";
import type { Role } from "@db/schema";
import { getDb } from "~/utils/db.server";
import { type Actor } from "./permissions";
import { getLucia } from "./lucia.server";

const actorCache = new WeakMap<Request, Promise<Actor | null>>();

function sessionIdFrom(request: Request): string | null {
  return getLucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

async function loadActor(request: Request): Promise<Actor | null> {
  const sessionId = sessionIdFrom(request);
  if (!sessionId) return null;
  const { session, user } = await getLucia().validateSession(sessionId);
  if (!session || !user) return null;
  const db = getDb();
  const row = await db
    .selectFrom("user")
    .select(["id", "email", "name", "locale", "email_verified_at"])
    .where("id", "=", user.id)
    .executeTakeFirst();
  if (!row) return null;
  const [roles, orgs] = await Promise.all([
    db.selectFrom("user_role").select("role").where("user_id", "=", row.id).execute(),
    db.selectFrom("organisation_member").select("organisation_id").where("user_id", "=", row.id).execute(),
  ]);
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    emailVerified: row.email_verified_at !== null,
    roles: roles.map((r) => r.role as Role),
    organisationIds: orgs.map((o) => o.organisation_id),
  };
}

/** The logged-in actor, or null for anonymous visitors (memoised per request). */
export function getActor(request: Request): Promise<Actor | null> {
  let p = actorCache.get(request);
  if (!p) {
    p = loadActor(request);
    actorCache.set(request, p);
  }
  return p;
}

/** Requires a logged-in actor; anonymous visitors are sent to the login page and back. */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return actor;
}

/** Re-exported so routes take the actor and the permission check from one import. */
export { requirePermission } from "./permissions";

/** Anonymous-only pages (login, register) send logged-in users home. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getActor(request)) throw redirect("/");
}

/** Starts a fresh session (rotation: any session presented with the request is ended). */
export async function startSession(request: Request, userId: string): Promise<string> {
  const lucia = getLucia();
  const old = sessionIdFrom(request);
  if (old) await lucia.invalidateSession(old);
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(request: Request): Promise<string> {
  const lucia = getLucia();
  const id = sessionIdFrom(request);
  if (id) await lucia.invalidateSession(id);
  return lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of a user (password change, privilege change, reset). */
export async function endAllSessions(userId: string): Promise<void> {
  await getLucia().invalidateUserSessions(userId);
}

export async function deleteExpiredSessions(): Promise<void> {
  await getLucia().deleteExpiredSessions();
}
