import { generateIdFromEntropySize, Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/**
 * A small hand-written Kysely adapter (the official SQLite adapter pins better-sqlite3 ≤ 11).
 * Everything that knows lucia lives in `app/auth/`.
 */
const kyselyAdapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = await getDb()
      .selectFrom("session")
      .innerJoin("user", "user.id", "session.user_id")
      .select(["session.id as sid", "session.user_id", "session.expires_at", "user.id as uid"])
      .where("session.id", "=", sessionId)
      .where("user.disabled_at", "is", null)
      .executeTakeFirst();
    if (!row) return [null, null];
    const session: DatabaseSession = {
      id: row.sid,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      attributes: {},
    };
    const user: DatabaseUser = { id: row.uid, attributes: {} };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await getDb().selectFrom("session").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(r.expires_at), attributes: {} }));
  },
  async setSession(session) {
    await getDb()
      .insertInto("session")
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: session.expiresAt.toISOString(),
        created_at: new Date().toISOString(),
      })
      .execute();
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await getDb()
      .updateTable("session")
      .set({ expires_at: expiresAt.toISOString() })
      .where("id", "=", sessionId)
      .execute();
  },
  async deleteSession(sessionId) {
    await getDb().deleteFrom("session").where("id", "=", sessionId).execute();
  },
  async deleteUserSessions(userId) {
    await getDb().deleteFrom("session").where("user_id", "=", userId).execute();
  },
  async deleteExpiredSessions() {
    await getDb().deleteFrom("session").where("expires_at", "<", new Date().toISOString()).execute();
  },
};

function createLucia() {
  return new Lucia(kyselyAdapter, {
    sessionExpiresIn: new TimeSpan(14, "d"),
    sessionCookie: {
      name: "eh_session",
      expires: false,
      attributes: { secure: env().COOKIE_SECURE, sameSite: "lax", path: "/" },
    },
  });
}

let instance: ReturnType<typeof createLucia> | undefined;
export function getLucia() {
  instance ??= createLucia();
  return instance;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
  }
}

/** A new random id (user ids, unguessable placeholders) in the session library's format: modules take ids from here, never from lucia itself. */
export function newRandomId(entropyBytes = 10): string {
  return generateIdFromEntropySize(entropyBytes);
}
