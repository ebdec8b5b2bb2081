import { requireDeclarationToSeeOthers } from "./consents.server";
import { expressionBuilder, sql, type Expression, type SqlBool } from "kysely";
import type { Actor } from "~/auth/permissions";
import type { DB, LanguageLevel, VolunteerStatus } from "@db/schema";
import type { CertificateState } from "~/modules/coverage/policy";
import { ensureVolunteerFacts } from "~/modules/coverage/volunteer-facts.server";
import { getDb } from "~/utils/db.server";
import { literalCount, pageWithCachedCount } from "~/utils/paging.server";
import { addDaysToDay, berlinToInstant } from "~/utils/dates";
import { derived } from "~/utils/derived-cache.server";
import { containsFolded } from "~/utils/like.server";
import { germanSortKey } from "~/utils/text-keys";
import { skillKey } from "./policy";
import { PAGE_SIZE } from "./queries.server";
import { assignedTo, associationVolunteerScope, officeVolunteerScope, type VolunteerScope } from "./scope.server";
import { forbidden } from "~/utils/errors";

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
  /** Office only: active in the period `from`–`to` (an assignment running on one of its days, as the report counts) or registered in it. */
  in?: "active" | "new";
  from?: string;
  to?: string;
  page: number;
};

/**
 * The skill filter's text folded as the stored `skill_key` is (`germanSortKey`, migration 0033),
 * after single spaces: "BEHÖRDENGÄNGE" and "behordengange" find "Behördengänge", "ارشاد" finds "إرشاد".
 */
export const normaliseSkillQuery = (s: string) => germanSortKey(skillKey(s));

/** The stored skill tags (as typed) whose key contains `part` (a folded text, see above). */
function matchingSkills(part: string): Promise<string[]> {
  // Every distinct tag is read once and compared here: kept while the profiles are unchanged.
  return derived(`volunteer-skills:${part}`, ["volunteers"], async () => {
    const all = await derived("volunteer-skills:all", ["volunteers"], async () => await getDb().selectFrom("volunteer_skill").select(["skill", "skill_key"]).distinct().execute());
    return all.filter((s) => s.skill_key.includes(part)).slice(0, 501).map((s) => s.skill);
  });
}

/** The columns of a row of the list. */
type ListRow = { id: string; name: string; district: string | null; status: VolunteerStatus; created_at: string };

/**
 * The volunteer list: every filter is an indexed sub-query on the profile's id (the derived facts
 * — insured today, certificate state, Ehrenamtskarte — from `volunteer_fact`, ADR 0019); the
 * database counts, sorts by name and pages. Then one query each gives the page's languages and
 * (office) facts or (association) the assignments with the member's organisations — no N+1.
 * Filters the scope does not allow are ignored.
 * The filters as one condition on `volunteer_profile as p`: the page and the export of what was
 * filtered (`app/modules/exports`) use the same.
 */
export async function volunteerListWhere(scope: VolunteerScope, f: VolunteerFilters, today: string, o: { factsReady?: boolean } = {}) {
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
  // A part of a tag is enough ("nachhilfe" finds "Nachhilfe Mathe"), ignoring case, umlauts and
  // Arabic alef forms. Up to 500 matching tags are looked up once, then found through the skill
  // index; beyond that, the stored key is searched (the same rows on both engines).
  if (f.skill) {
    const part = normaliseSkillQuery(f.skill);
    const tags = await matchingSkills(part);
    if (!tags.length) conditions.push(sql<SqlBool>`1 = 0`);
    else if (tags.length <= 500) conditions.push(eb("p.user_id", "in", db.selectFrom("volunteer_skill").select("user_id").where("skill", "in", tags)));
    else conditions.push(eb("p.user_id", "in", db.selectFrom("volunteer_skill").select("user_id").where(containsFolded("skill_key", part))));
  }
  if (f.q) conditions.push(eb("p.user_id", "in", db.selectFrom("user").select("id").where(containsFolded("name_key", f.q))));
  if (office) {
    if (f.status) conditions.push(eb("p.status", "=", f.status));
    if (f.fieldId) conditions.push(eb("p.user_id", "in", db.selectFrom("volunteer_field").select("user_id").where("field_id", "=", f.fieldId)));
    if ((f.cover || f.certificate || f.karte) && !o.factsReady) await ensureVolunteerFacts(today);
    // Correlated EXISTS, not IN: the page is then read in name order through the name index and
    // stops after its rows, instead of sorting every volunteer the fact lets through (bench: the
    // page of "insured today" 13.5 → 0.5 ms on SQLite).
    const fact = () => db.selectFrom("volunteer_fact as f").select(sql.lit(1).as("one")).where("f.user_id", "=", sql.ref<string>("p.user_id"));
    const has = (q: ReturnType<typeof fact>) => eb.exists(q);
    const hasNot = (q: ReturnType<typeof fact>) => eb.not(eb.exists(q));
    // The flags as literal 1s, not parameters: PostgreSQL keeps one plan per list text (ADR 0054),
    // and one kept for `= $1` is costed on an average of 0 and 1 (the Ehrenamtskarte filter walked
    // every fact for a page: 0.9 → 10 ms).
    if (f.cover) conditions.push((f.cover === "yes" ? has : hasNot)(fact().where(sql<SqlBool>`f.insured_today = 1`)));
    // No row, or "notNeeded" in it: no certificate needed.
    if (f.certificate === "notNeeded") conditions.push(hasNot(fact().where("f.certificate_state", "<>", "notNeeded")));
    else if (f.certificate) conditions.push(has(fact().where("f.certificate_state", "=", f.certificate)));
    if (f.karte) conditions.push((f.karte === "yes" ? has : hasNot)(fact().where(sql<SqlBool>`f.ehrenamtskarte_eligible = 1`)));
    if (f.in === "new") {
      if (f.from) conditions.push(eb("p.created_at", ">=", berlinToInstant(f.from).toISOString()));
      if (f.to) conditions.push(eb("p.created_at", "<", berlinToInstant(addDaysToDay(f.to, 1)).toISOString()));
    } else if (f.in === "active" && (f.from || f.to)) {
      let running = db.selectFrom("assignment as a").select("a.volunteer_user_id");
      if (f.to) running = running.where("a.start_day", "<=", f.to);
      if (f.from) running = running.where((e) => e.or([e("a.end_day", "is", null), e("a.end_day", ">=", f.from!)])).where((e) => e.or([e("a.closed_on", "is", null), e("a.closed_on", ">=", f.from!)]));
      conditions.push(eb("p.user_id", "in", running));
    }
  }
  return eb.and(conditions);
}

/** A row of the page as the one query below gives it: one per language of the volunteer (or one without). */
type PageRow = ListRow & { language_code: string | null; level: string | null; insured_today: number | null; certificate_state: string | null };

/**
 * One page: the page's profiles in name order (an inner query that walks
 * `volunteer_profile_name_idx` and stops after the page) joined in an outer query to their
 * district, languages and — office — facts: one round trip. The total is kept per scope, filters
 * and day as derived data (`cachedCount`, ADR 0054) while no profile, language, skill, field, fact,
 * account name or assignment changed; the page's size and offset are numbers in the query's text,
 * so PostgreSQL keeps one plan for it (issue #13).
 */
async function listPage(scope: VolunteerScope, f: VolunteerFilters, today: string, withFacts: boolean) {
  const db = getDb();
  const where = await volunteerListWhere(scope, f, today, { factsReady: withFacts });
  const page = Math.max(1, f.page);
  const countOf = () => db.selectFrom("volunteer_profile as p").where(where).select((e) => e.fn.countAll<number>().as("total"));
  const pageQuery = (page: number) => {
    const pageOfProfiles = db
      .selectFrom("volunteer_profile as p")
      .select(["p.user_id", "p.name", "p.name_key", "p.district_id", "p.status", "p.created_at"])
      .where(where)
      // The profile's copy of the name (migration 0062): the page walks volunteer_profile_name_idx
      // alone instead of the user name index with a profile lookup per user up to the page.
      .orderBy("p.name_key")
      .orderBy("p.name")
      .orderBy("p.user_id")
      .limit(literalCount(PAGE_SIZE))
      .offset(literalCount((page - 1) * PAGE_SIZE));
    return db
      .selectFrom(pageOfProfiles.as("pg"))
      .leftJoin("district as d", "d.id", "pg.district_id")
      .leftJoin("volunteer_language as l", "l.user_id", "pg.user_id")
      .select(["pg.user_id as id", "pg.name", "d.name as district", "pg.status", "pg.created_at", "l.language_code", "l.level"])
      .orderBy("pg.name_key")
      .orderBy("pg.name")
      .orderBy("pg.user_id")
      .orderBy("l.language_code");
  };
  const { page: _page, ...filters } = f;
  const { rows: flat, total } = await pageWithCachedCount<PageRow>(page, PAGE_SIZE, {
    key: JSON.stringify(["volunteers", scope.kind === "office" ? "office" : [...scope.organisationIds].sort((x, y) => x - y), today, filters]),
    // Profiles, languages, skills, fields and facts ("volunteers"), the name search ("users"), the
    // association's and the "active in" filter's assignments ("coverage").
    scopes: ["volunteers", "users", "coverage"],
    count: async () => (await countOf().executeTakeFirstOrThrow()).total,
    page: async (p) =>
      withFacts
        ? await pageQuery(p).leftJoin("volunteer_fact as vf", "vf.user_id", "pg.user_id").select(["vf.insured_today", "vf.certificate_state"]).execute()
        : (await pageQuery(p).execute()).map((r) => ({ ...r, insured_today: null, certificate_state: null })),
  });
  const byId = new Map<string, ListRow & { languages: { code: string; level: LanguageLevel }[]; insuredToday: boolean; certificate: CertificateState }>();
  for (const r of flat) {
    let item = byId.get(r.id);
    if (!item) {
      item = { id: r.id, name: r.name, district: r.district, status: r.status, created_at: r.created_at, languages: [], insuredToday: r.insured_today === 1, certificate: (r.certificate_state ?? "notNeeded") as CertificateState };
      byId.set(r.id, item);
    }
    if (r.language_code) item.languages.push({ code: r.language_code, level: r.level as LanguageLevel });
  }
  const rows = [...byId.values()];
  return { rows, ids: rows.map((r) => r.id), total: Number(total), page, pageSize: PAGE_SIZE };
}

/** The office list (`/office/volunteers`): all filters, plus cover today and certificate state per row. */
export async function listVolunteersForOffice(actor: Actor, f: VolunteerFilters, today: string) {
  const scope = officeVolunteerScope(actor);
  if (!scope) throw forbidden();
  await requireDeclarationToSeeOthers(actor);
  // Insured today and the certificate state of the page's rows come from the facts the filters use.
  await ensureVolunteerFacts(today);
  const { rows, ids: _ids, ...rest } = await listPage(scope, f, today, true);
  return {
    ...rest,
    items: rows.map(({ insuredToday, certificate, ...r }) => ({ ...r, coveredToday: insuredToday, certificate })),
  };
}

/**
 * An association member's list (`/verein/volunteers`): no status, certificate or cover through
 * others; per row the activities of the volunteer's current or upcoming assignments with the
 * member's organisations.
 */
export async function listVolunteersForAssociation(actor: Actor, f: VolunteerFilters, today: string) {
  const scope = associationVolunteerScope(actor);
  if (!scope) throw forbidden();
  await requireDeclarationToSeeOthers(actor);
  const { rows, ids, ...rest } = await listPage(scope, f, today, false);
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
