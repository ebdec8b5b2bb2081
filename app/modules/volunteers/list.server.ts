import { sql } from "kysely";
import type { Actor } from "~/auth/permissions";
import type { VolunteerStatus } from "@db/schema";
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
async function matchingSkills(part: string): Promise<string[]> {
  const rows = await getDb().selectFrom("volunteer_skill").select("skill").distinct().where(contains("skill", part)).limit(501).execute();
  return rows.map((r) => r.skill);
}

/**
 * The volunteer list: every filter is an indexed sub-query on the profile's id, so one query
 * gives the page, one the count, and one each the page's languages and (office) cover and
 * certificate columns or (association) the assignments with the member's organisations — no N+1.
 * Filters the scope does not allow are ignored.
 */
async function listPage(scope: VolunteerScope, f: VolunteerFilters, today: string) {
  const db = getDb();
  const office = scope.kind === "office";
  let query = db.selectFrom("volunteer_profile as p").where("p.erased_at", "is", null);
  if (scope.kind === "association") {
    const orgs = f.organisationId && scope.organisationIds.includes(f.organisationId) ? [f.organisationId] : scope.organisationIds;
    query = query.where("p.user_id", "in", assignedTo(orgs, today));
  }
  if (f.districtId) query = query.where("p.district_id", "=", f.districtId);
  if (f.language) query = query.where("p.user_id", "in", db.selectFrom("volunteer_language").select("user_id").where("language_code", "=", f.language));
  // A part of a tag is enough ("nachhilfe" finds "nachhilfe mathe"); skills are stored in lower
  // case. The matching tags are looked up once, then found through the skill index.
  if (f.skill) {
    const part = normaliseSkillQuery(f.skill);
    const tags = await matchingSkills(part);
    if (!tags.length) query = query.where(sql<boolean>`0`);
    else if (tags.length <= 500) query = query.where("p.user_id", "in", db.selectFrom("volunteer_skill").select("user_id").where("skill", "in", tags));
    else query = query.where("p.user_id", "in", db.selectFrom("volunteer_skill").select("user_id").where(contains("skill", part)));
  }
  if (f.q) query = query.where("p.user_id", "in", db.selectFrom("user").select("id").where(contains("name", f.q)));
  if (office) {
    if (f.status) query = query.where("p.status", "=", f.status);
    if (f.fieldId) query = query.where("p.user_id", "in", db.selectFrom("volunteer_field").select("user_id").where("field_id", "=", f.fieldId));
    if (f.cover) query = query.where(await coveredOnFilter("p.user_id", today, f.cover === "yes"));
    if (f.certificate) query = query.where(await certificateStateFilter("p.user_id", today, f.certificate));
    if (f.karte) query = query.where(await ehrenamtskarteFilter("p.user_id", today, f.karte === "yes"));
  }
  const page = Math.max(1, f.page);
  // The total per filter is the same on every page: kept while the data it counts is unchanged.
  const { page: _page, ...filters } = f;
  const countKey = `volunteer-count:${today}:${JSON.stringify([scope, filters])}`;
  const [total, rows] = await Promise.all([
    derived(countKey, COUNT_SCOPES, async () => Number((await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow()).total)),
    query
      .innerJoin("user as u", "u.id", "p.user_id")
      .leftJoin("district as d", "d.id", "p.district_id")
      .select(["p.user_id as id", "u.name", "d.name as district", "p.status", "p.created_at"])
      .orderBy("u.name")
      .orderBy("p.user_id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
  ]);
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
