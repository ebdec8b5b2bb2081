import { requireDeclarationToSeeOthers } from "./consents.server";
import { expressionBuilder, sql, type Expression, type SqlBool } from "kysely";
import type { Actor } from "~/auth/permissions";
import type { DB, VolunteerStatus } from "@db/schema";
import type { CertificateState } from "~/modules/coverage/policy";
import { certificateStateFilter, certificateStates, coveredOnFilter, coveredVolunteers, ehrenamtskarteFilter } from "~/modules/coverage/volunteer-facts.server";
import { getDb } from "~/utils/db.server";
import { derived } from "~/utils/derived-cache.server";
import { contains } from "~/utils/like.server";
import { PAGE_SIZE } from "./queries.server";
import { assignedTo, associationVolunteerScope, officeVolunteerScope, type VolunteerScope } from "./scope.server";

export type VolunteerFilters = {
  q?: string;
  districtId?: number;
  language?: string;
  skill?: string;
  fieldId?: number;
  status?: VolunteerStatus;
  /** Office only: covered today by an assignment (same rule as "covered on day D?"). */
  cover?: "yes" | "no";
  /** Office only: § 72a certificate state today. */
  certificate?: CertificateState;
  /** Office only: Ehrenamtskarte NRW eligibility today. */
  karte?: "yes" | "no";
  /** Association members: one of their organisations. */
  organisationId?: number;
  page: number;
};

/** What the list's filters read: profiles and their facts, names, assignments and certificates, organisations. */
const COUNT_SCOPES = ["volunteers", "users", "coverage", "organisations"] as const;

/** Lower case and single spaces, as skills are stored (`normaliseSkills`). */
export const normaliseSkillQuery = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("de");

/** The stored skill tags that contain `part` (`%`, `_` and `\` are plain characters). */
function matchingSkills(part: string): Promise<string[]> {
  // Every tag is read for a part in the middle of a word: kept while the profiles are unchanged.
  return derived(`volunteer-skills:${part}`, ["volunteers"], async () => {
    const rows = await getDb().selectFrom("volunteer_skill").select("skill").distinct().where(contains("skill", part)).limit(501).execute();
    return rows.map((r) => r.skill);
  });
}

/** The columns of a row of the list. */
type ListRow = { id: string; name: string; district: string | null; status: VolunteerStatus; created_at: string };

/**
 * Whether a page is read in name order (stopping after its rows) rather than from the filter's
 * matches. Read in name order, about `(offset + page size) × everyone ÷ matches` rows are looked
 * at; collecting the matches looks at every one of them, at about three times the cost per row
 * (its lookups and the sort). Measured on 10,000 volunteers (ADR 0016): a filter with 1,800
 * matches costs 0.5 instead of 4.4 ms on page 1; a name search with 115 matches is cheaper from
 * its matches (0.9 instead of 2.3 ms), which are then kept for the next pages.
 */
export function readInNameOrder(offset: number, pageSize: number, matches: number, everyone: number): boolean {
  if (matches <= 0) return false;
  return (offset + pageSize) * everyone < 3 * matches * matches;
}

/**
 * The volunteer list: every filter is an indexed sub-query on the profile's id. The total per
 * filter is kept while the data it counts is unchanged; the page is read in name order, or from
 * the filter's kept matches in name order (`readInNameOrder`); then one query each gives the
 * page's languages and (office) cover and certificate columns or (association) the assignments
 * with the member's organisations — no N+1. Filters the scope does not allow are ignored.
 */
async function listPage(scope: VolunteerScope, f: VolunteerFilters, today: string) {
  const db = getDb();
  const office = scope.kind === "office";
  const eb = expressionBuilder<{ p: DB["volunteer_profile"] }, "p">();
  const conditions: Expression<SqlBool>[] = [eb("p.erased_at", "is", null)];
  if (scope.kind === "association") {
    const orgs = f.organisationId && scope.organisationIds.includes(f.organisationId) ? [f.organisationId] : scope.organisationIds;
    conditions.push(eb("p.user_id", "in", assignedTo(orgs, today)));
  }
  if (f.districtId) conditions.push(eb("p.district_id", "=", f.districtId));
  if (f.language) conditions.push(eb("p.user_id", "in", db.selectFrom("volunteer_language").select("user_id").where("language_code", "=", f.language)));
  // A part of a tag is enough ("nachhilfe" finds "nachhilfe mathe"); skills are stored in lower
  // case. The matching tags are looked up once, then found through the skill index.
  if (f.skill) {
    const part = normaliseSkillQuery(f.skill);
    const tags = await matchingSkills(part);
    if (!tags.length) conditions.push(sql<SqlBool>`0`);
    else if (tags.length <= 500) conditions.push(eb("p.user_id", "in", db.selectFrom("volunteer_skill").select("user_id").where("skill", "in", tags)));
    else conditions.push(eb("p.user_id", "in", db.selectFrom("volunteer_skill").select("user_id").where(contains("skill", part))));
  }
  if (f.q) conditions.push(eb("p.user_id", "in", db.selectFrom("user").select("id").where(contains("name", f.q))));
  if (office) {
    if (f.status) conditions.push(eb("p.status", "=", f.status));
    if (f.fieldId) conditions.push(eb("p.user_id", "in", db.selectFrom("volunteer_field").select("user_id").where("field_id", "=", f.fieldId)));
    if (f.cover) conditions.push(await coveredOnFilter("p.user_id", today, f.cover === "yes"));
    if (f.certificate) conditions.push(await certificateStateFilter("p.user_id", today, f.certificate));
    if (f.karte) conditions.push(await ehrenamtskarteFilter("p.user_id", today, f.karte === "yes"));
  }
  const where = eb.and(conditions);
  const page = Math.max(1, f.page);
  const offset = (page - 1) * PAGE_SIZE;
  // The total per filter is the same on every page: kept while the data it counts is unchanged.
  const { page: _page, ...filters } = f;
  const count = (key: string, condition: Expression<SqlBool>) =>
    derived(`volunteer-count:${today}:${key}`, COUNT_SCOPES, async () =>
      Number((await db.selectFrom("volunteer_profile as p").where(condition).select((e) => e.fn.countAll<number>().as("total")).executeTakeFirstOrThrow()).total),
    );
  const [total, everyone] = await Promise.all([count(JSON.stringify([scope, filters]), where), count("everyone", eb("p.erased_at", "is", null))]);
  let rows: ListRow[] = [];
  const columns = ["p.user_id as id", "u.name", "d.name as district", "p.status", "p.created_at"] as const;
  if (offset >= total) {
    // Past the last page: nothing to read.
  } else if (readInNameOrder(offset, PAGE_SIZE, total, everyone)) {
    // SQLite would otherwise start from the filters' sub-queries: the user table in name order
    // is the outer loop (CROSS JOIN keeps the order; the hint names the index).
    rows = (
      await sql<ListRow>`select p.user_id as id, u.name, d.name as district, p.status, p.created_at
        from "user" as u indexed by user_name_id_idx cross join volunteer_profile as p
        left join district as d on d.id = p.district_id
        where p.user_id = u.id and ${where}
        order by u.name, u.id limit ${PAGE_SIZE} offset ${offset}`.execute(db)
    ).rows;
  } else {
    // A selective filter: its matches in name order are kept like its total (a few thousand ids at
    // most, by the rule above), so paging through them reads only the page's rows.
    const ordered = await derived(`volunteer-ids:${today}:${JSON.stringify([scope, filters])}`, COUNT_SCOPES, async () => {
      const matches = await db
        .selectFrom("volunteer_profile as p")
        .innerJoin("user as u", "u.id", "p.user_id")
        .select("p.user_id as id")
        .where(where)
        .orderBy("u.name")
        .orderBy("u.id")
        .execute();
      return matches.map((m) => m.id);
    });
    const pageIds = ordered.slice(offset, offset + PAGE_SIZE);
    if (pageIds.length) {
      const found = await db
        .selectFrom("volunteer_profile as p")
        .innerJoin("user as u", "u.id", "p.user_id")
        .leftJoin("district as d", "d.id", "p.district_id")
        .select([...columns])
        .where("p.user_id", "in", pageIds)
        .where("p.erased_at", "is", null)
        .execute();
      const byId = new Map(found.map((r) => [r.id, r]));
      rows = pageIds.flatMap((id) => byId.get(id) ?? []);
    }
  }
  const ids = rows.map((r) => r.id);
  const languages = ids.length
    ? await db.selectFrom("volunteer_language").select(["user_id", "language_code", "level"]).where("user_id", "in", ids).orderBy("language_code").execute()
    : [];
  const withLanguages = rows.map((r) => ({ ...r, languages: languages.filter((l) => l.user_id === r.id).map((l) => ({ code: l.language_code, level: l.level })) }));
  return { rows: withLanguages, ids, total, page, pageSize: PAGE_SIZE };
}

/** The office list (`/office/volunteers`): all filters, plus cover today and certificate state per row. */
export async function listVolunteersForOffice(actor: Actor, f: VolunteerFilters, today: string) {
  const scope = officeVolunteerScope(actor);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  await requireDeclarationToSeeOthers(actor);
  const { rows, ids, ...rest } = await listPage(scope, f, today);
  // Who is insured today comes from the set the cover filter uses (cached per data version).
  const [covered, certificates] = await Promise.all([coveredVolunteers(today), certificateStates(today, ids)]);
  return { ...rest, items: rows.map((r) => ({ ...r, coveredToday: covered.has(r.id), certificate: certificates.get(r.id) ?? ("notNeeded" as const) })) };
}

/**
 * An association member's list (`/verein/volunteers`): no status, certificate or cover through
 * others; per row the activities of the volunteer's current or upcoming assignments with the
 * member's organisations.
 */
export async function listVolunteersForAssociation(actor: Actor, f: VolunteerFilters, today: string) {
  const scope = associationVolunteerScope(actor);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  await requireDeclarationToSeeOthers(actor);
  const { rows, ids, ...rest } = await listPage(scope, f, today);
  const activities = ids.length ? await assignedTo(scope.organisationIds, today).select(["a.activity"]).where("a.volunteer_user_id", "in", ids).orderBy("a.start_day").execute() : [];
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    district: r.district,
    languages: r.languages,
    activities: [...new Set(activities.filter((a) => a.volunteer_user_id === r.id).map((a) => a.activity))],
  }));
  return { ...rest, items };
}
