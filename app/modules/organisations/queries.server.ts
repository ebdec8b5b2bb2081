import type { Actor } from "~/auth/permissions";
import { can, memberOrganisations } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";
import { containsFolded } from "~/utils/like.server";

const PAGE_SIZE = 25;

/** The city's record: the coordination office's public contact (name, e-mail, phone only). */
export async function getCoordinationOffice() {
  return (
    (await getDb()
      .selectFrom("organisation")
      .select(["name", "email", "phone"])
      .where("legal_form", "=", "city")
      .where("archived_at", "is", null)
      .orderBy("id")
      .executeTakeFirst()) ?? null
  );
}

/** Office list with search and filter; association members see only their own organisations. */
export async function listOrganisations(actor: Actor, args: { q?: string; legalForm?: string; page?: number; archived?: boolean; memberOnly?: boolean }) {
  let query = getDb().selectFrom("organisation");
  // `memberOnly`: the organisations the actor belongs to, even for the office (`/verein`).
  if (args.memberOnly || !can(actor, "read:organisation:any")) {
    const own = memberOrganisations(actor, "read:organisation:own");
    if (!own.length) return { items: [], total: 0, page: 1, pageSize: PAGE_SIZE };
    query = query.where("id", "in", own);
  }
  if (args.q) query = query.where(containsFolded("name_key", args.q));
  if (args.legalForm) query = query.where("legal_form", "=", args.legalForm as never);
  query = args.archived ? query.where("archived_at", "is not", null) : query.where("archived_at", "is", null);
  const page = Math.max(1, args.page ?? 1);
  const [{ total }, items] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    query
      .select(["id", "name", "legal_form", "email", "phone", "policy_valid_until", "insurer"])
      .orderBy("name_key")
      .orderBy("name")
      .orderBy("id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
  ]);
  return { items, total: Number(total), page, pageSize: PAGE_SIZE };
}

/** One organisation, scoped by the actor: office sees all, members their own; else null (→ 404). */
export async function getOrganisation(actor: Actor, id: number) {
  if (!can(actor, "read:organisation:any") && !actor.organisationIds.includes(id)) return null;
  const db = getDb();
  const org = await db.selectFrom("organisation").selectAll().where("id", "=", id).executeTakeFirst();
  if (!org) return null;
  const members = can(actor, "manage:organisation:any")
    ? await db
        .selectFrom("organisation_member")
        .innerJoin("user", "user.id", "organisation_member.user_id")
        .select(["user.id", "user.name", "user.email", "organisation_member.association_admin as admin"])
        .where("organisation_member.organisation_id", "=", id)
        .orderBy("user.name_key")
        .orderBy("user.name")
        .orderBy("user.id")
        .execute()
    : [];
  return { ...org, members };
}

/** Associations whose liability policy runs out within `days` (or already has): office inbox. */
export async function listExpiringPolicies(today: string, untilDay: string) {
  return getDb()
    .selectFrom("organisation")
    .select(["id", "name", "policy_valid_until"])
    .where("legal_form", "=", "registered_association")
    .where("archived_at", "is", null)
    .where((eb) => eb.or([eb("policy_valid_until", "is", null), eb("policy_valid_until", "<=", untilDay)]))
    // NULLs first said out loud: SQLite's default for ascending order, PostgreSQL's is last.
    .orderBy("policy_valid_until", (ob) => ob.asc().nullsFirst())
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, expired: !r.policy_valid_until || r.policy_valid_until < today })));
}
