import type { Role } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { literalCount, pageWithCachedCount } from "~/utils/paging.server";
import { containsFolded, containsLowerCase } from "~/utils/like.server";

const PAGE_SIZE = 25;

export async function listUsers(actor: Actor, args: { q?: string; role?: Role; page: number }) {
  requirePermission(actor, "manage:user:any");
  let query = getDb().selectFrom("user");
  if (args.q) {
    const q = args.q;
    query = query.where((eb) => eb.or([containsFolded("name_key", q), containsLowerCase("email", q)]));
  }
  if (args.role) {
    const role = args.role;
    query = query.where((eb) => eb.exists(eb.selectFrom("user_role").select("user_role.user_id").whereRef("user_role.user_id", "=", "user.id").where("user_role.role", "=", role)));
  }
  // The page (an inner query in name order that stops after its rows) with each user's roles in
  // one outer query; the total kept per filter while no account or role changed (ADR 0054).
  const countOf = () => query.select((eb) => eb.fn.countAll<number>().as("total"));
  const pageOf = (page: number) =>
    query
      .select(["id", "name", "name_key", "email", "email_verified_at", "disabled_at", "created_at"])
      .orderBy("name_key")
      .orderBy("name")
      .orderBy("id")
      .limit(literalCount(PAGE_SIZE))
      .offset(literalCount((page - 1) * PAGE_SIZE));
  const { rows, total } = await pageWithCachedCount(args.page, PAGE_SIZE, {
    key: JSON.stringify(["users", args.q ?? "", args.role ?? ""]),
    scopes: ["users"],
    count: async () => (await countOf().executeTakeFirstOrThrow()).total,
    page: (page) =>
      getDb()
        .selectFrom(pageOf(page).as("u"))
        .leftJoin("user_role as r", "r.user_id", "u.id")
        .select(["u.id", "u.name", "u.email", "u.email_verified_at", "u.disabled_at", "u.created_at", "r.role"])
        .orderBy("u.name_key")
        .orderBy("u.name")
        .orderBy("u.id")
        .orderBy("r.role")
        .execute(),
  });
  const items = new Map<string, Omit<(typeof rows)[number], "role"> & { roles: Role[] }>();
  for (const { role, ...u } of rows) {
    const item = items.get(u.id) ?? { ...u, roles: [] };
    if (role) item.roles.push(role);
    items.set(u.id, item);
  }
  return {
    items: [...items.values()],
    total,
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
