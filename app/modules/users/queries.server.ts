import type { Role } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { containsAsciiIgnoringCase, containsFolded } from "~/utils/like.server";

const PAGE_SIZE = 25;

export async function listUsers(actor: Actor, args: { q?: string; role?: Role; page: number }) {
  requirePermission(actor, "manage:user:any");
  let query = getDb().selectFrom("user");
  if (args.q) {
    const q = args.q;
    query = query.where((eb) => eb.or([containsFolded("name_key", q), containsAsciiIgnoringCase("email", q)]));
  }
  if (args.role) {
    const role = args.role;
    query = query.where((eb) => eb.exists(eb.selectFrom("user_role").select("user_role.user_id").whereRef("user_role.user_id", "=", "user.id").where("user_role.role", "=", role)));
  }
  const [{ total }, users] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    query.select(["id", "name", "email", "email_verified_at", "disabled_at", "created_at"]).orderBy("name_key").orderBy("name").orderBy("id").limit(PAGE_SIZE).offset((args.page - 1) * PAGE_SIZE).execute(),
  ]);
  const roles = users.length
    ? await getDb().selectFrom("user_role").select(["user_id", "role"]).where("user_id", "in", users.map((u) => u.id)).execute()
    : [];
  return {
    items: users.map((u) => ({ ...u, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) })),
    total: Number(total),
    page: args.page,
    pageSize: PAGE_SIZE,
  };
}

export async function getUser(actor: Actor, id: string) {
  requirePermission(actor, "manage:user:any");
  const db = getDb();
  const user = await db.selectFrom("user").select(["id", "name", "email", "email_verified_at", "disabled_at", "created_at", "locale"]).where("id", "=", id).executeTakeFirst();
  if (!user) return null;
  const [roles, organisations] = await Promise.all([
    db.selectFrom("user_role").select("role").where("user_id", "=", id).execute(),
    db
      .selectFrom("organisation_member")
      .innerJoin("organisation", "organisation.id", "organisation_member.organisation_id")
      .select(["organisation.id", "organisation.name"])
      .where("organisation_member.user_id", "=", id)
      .execute(),
  ]);
  return { ...user, roles: roles.map((r) => r.role), organisations };
}
