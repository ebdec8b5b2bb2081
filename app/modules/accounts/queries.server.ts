import { rolesOf, type Actor } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";

/** The actor's own account (scoped: a user can only read their own). */
export async function getAccount(actor: Actor) {
  const db = getDb();
  const user = await db.selectFrom("user").select(["name", "email", "created_at", "locale"]).where("id", "=", actor.userId).executeTakeFirstOrThrow();
  const organisations = actor.organisationIds.length
    ? await db.selectFrom("organisation").select(["id", "name"]).where("id", "in", actor.organisationIds).orderBy("name_key").orderBy("name").orderBy("id").execute()
    : [];
  return { name: user.name, email: user.email, createdAt: user.created_at, locale: user.locale, roles: rolesOf(actor), organisations };
}
