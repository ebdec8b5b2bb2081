import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { DB, Gender, LanguageLevel, SponsorshipHelp } from "@db/schema";
import { certificateConfig } from "~/modules/coverage/config.server";
import { currentOrUpcomingSql } from "~/modules/coverage/cover-sql.server";
import { certificateStatus } from "~/modules/coverage/policy";
import { hasValidDeclarationSql } from "~/modules/volunteers/consents.server";
import { berlinDay } from "~/utils/dates";
import { germanSortKey } from "~/utils/text-keys";
import { matchWeights, PROPOSALS_MAX } from "./config.server";
import { rankSponsors, type RankCandidate, type RankRequest, type Ranked } from "./ranking";

/**
 * Who may be proposed for a request (the hard filters), in SQL, and the ranking of them. Used by
 * the request's page (the ranked proposals) and, inside the proposing command's transaction, to
 * check the one sponsor proposed, so the page and the command never disagree.
 */

/** Proposals that hold a place of the sponsor's capacity: asked or accepted, no tandem yet. */
export const OPEN_PROPOSAL_STATUSES = ["proposed", "accepted"] as const;

type SponsorEb = ExpressionBuilder<DB & { sp: DB["sponsor_profile"] }, "sp">;

/** Open proposals plus running tandems of the sponsor in the row (`sp`): what counts against the capacity. */
export function loadOf(eb: SponsorEb, userColumn: "sp.user_id" | "p.user_id" = "sp.user_id") {
  const proposals = eb
    .selectFrom("sponsorship_proposal as op")
    .select((e) => e.fn.countAll<number>().as("n"))
    .where("op.volunteer_user_id", "=", sql.ref<string>(userColumn))
    .where("op.status", "in", [...OPEN_PROPOSAL_STATUSES])
    .where("op.household_agreed_at", "is", null);
  const tandems = eb.selectFrom("tandem as ot").select((e) => e.fn.countAll<number>().as("n")).where("ot.volunteer_user_id", "=", sql.ref<string>(userColumn)).where("ot.status", "<>", "ended");
  return eb(proposals, "+", tandems);
}

/**
 * Whose sponsors an association may propose (ADR 0045): for a request of its own programme only
 * the volunteers of that organisation — its members (`organisation_member`) and the volunteers with
 * a current or upcoming assignment for it (the people it sees at `/verein/volunteers`). `day` is
 * the Berlin day the assignments are judged on.
 */
export type SponsorPool = { organisationId: number; day: string };

/** Whether the user in `userColumn` belongs to the pool (SQL; the same test for the ranking and the association's pages). */
export function inSponsorPool(pool: SponsorPool, userColumn: string) {
  const user = sql.ref<string>(userColumn);
  return sql<boolean>`(exists (select 1 from organisation_member as om where om.user_id = ${user} and om.organisation_id = ${pool.organisationId}) or exists (select 1 from assignment as pa where pa.volunteer_user_id = ${user} and pa.organisation_id = ${pool.organisationId} and ${currentOrUpcomingSql("pa", pool.day)}))`;
}

/**
 * Sponsors who may be proposed for request `requestId`: willing, active with the intake done and the
 * confidentiality declaration in force, account not disabled, not asked for this request already
 * (open) and not declined it, with capacity left; with `pool`, only the association's own
 * volunteers. (The § 72a certificate, when minors are involved, is checked on the rows:
 * `withValidCertificate`.) With `only`, just that sponsor (the proposing command's check).
 *
 * The checks that probe other tables (declaration, this request's proposals, the load, the pool)
 * refer to `p.user_id`, the volunteer profile's key: they are then asked only for the rows that
 * passed the profile's own filters (about 4 in 10 willing sponsors on the bench data), not for
 * every willing sponsor. The load is counted by index probes per remaining row (open proposals by
 * `sponsorship_proposal_volunteer_idx`, running tandems by `tandem_volunteer_idx`); together with
 * reading only the languages and help the request asks for, this took about a fifth off the ranked
 * proposals on the bench data set (median 22 → 17 ms on a busy machine, docs/benchmarks.md).
 */
export function eligibleSponsors(db: Kysely<DB>, requestId: number, opts: { ignoreCapacity?: boolean; only?: string; pool?: SponsorPool; matching?: Matching } = {}) {
  let q = db
    .selectFrom("sponsor_profile as sp")
    .innerJoin("volunteer_profile as p", "p.user_id", "sp.user_id")
    .innerJoin("user as u", "u.id", "sp.user_id")
    .where("sp.willing", "=", 1)
    .where("p.status", "=", "active")
    .where("p.intake_on", "is not", null)
    .where("p.erased_at", "is", null)
    .where("u.disabled_at", "is", null)
    .where((eb) => eb.exists(hasValidDeclarationSql(db, "p.user_id")))
    .where("p.user_id", "not in", (eb) =>
      eb
        .selectFrom("sponsorship_proposal as rp")
        .select("rp.volunteer_user_id")
        .where("rp.request_id", "=", requestId)
        .where("rp.status", "in", [...OPEN_PROPOSAL_STATUSES, "declined"]),
    );
  if (opts.only !== undefined) q = q.where("sp.user_id", "=", opts.only);
  if (opts.pool) q = q.where(inSponsorPool(opts.pool, "p.user_id"));
  const load = (eb: ExpressionBuilder<DB & { sp: DB["sponsor_profile"]; p: DB["volunteer_profile"] }, "sp" | "p">) => loadOf(eb as unknown as SponsorEb, "p.user_id");
  if (!opts.ignoreCapacity) q = q.where((eb) => eb(load(eb), "<", eb.ref("sp.capacity")));
  return q.select((eb) => [
    "sp.user_id as userId",
    "u.name",
    "u.name_key as nameKey",
    "sp.times_mask as timesMask",
    "sp.gender",
    "sp.capacity",
    eb.fn.coalesce("sp.district_id", "p.district_id").as("districtId"),
    load(eb).as("load"),
    // With `matching`: the languages (`code:level`) and help of each row that the request asks
    // for, as one text each (`string_agg`, PostgreSQL and SQLite ≥ 3.44), instead of reading them
    // for every eligible sponsor's id afterwards (on PostgreSQL six statements of ~350 ids each).
    (opts.matching?.languages.length
      ? eb
          .selectFrom("volunteer_language as ml")
          .select(sql<string | null>`string_agg(${sql.ref("ml.language_code")} || ':' || ${sql.ref("ml.level")}, ',')`.as("x"))
          .whereRef("ml.user_id", "=", "p.user_id")
          .where("ml.language_code", "in", [...opts.matching.languages])
      : sql<string | null>`null`
    ).as("matchLanguages"),
    (opts.matching?.help.length
      ? eb
          .selectFrom("sponsor_help as mh")
          .select(sql<string | null>`string_agg(${sql.ref("mh.help")}, ',')`.as("x"))
          .whereRef("mh.user_id", "=", "p.user_id")
          .where("mh.help", "in", [...opts.matching.help])
      : sql<string | null>`null`
    ).as("matchHelp"),
  ]);
}

/** The languages and help a request asks for: all the ranking compares (`eligibleSponsors`' `matching`). */
type Matching = { languages: readonly string[]; help: readonly SponsorshipHelp[] };

/** The rows' own languages and help (from `matching`), as the ranking takes them; no query. */
function matchedCandidates(rows: Array<Row & { matchLanguages: string | null; matchHelp: string | null }>): RankCandidate[] {
  return rows.map((r) => ({
    ...candidateOf(r),
    languages: (r.matchLanguages ? r.matchLanguages.split(",") : []).map((x) => {
      const [code, level] = x.split(":");
      return { code, level: level as LanguageLevel };
    }),
    help: (r.matchHelp ? r.matchHelp.split(",") : []) as SponsorshipHelp[],
  }));
}

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** The ids among `userIds` whose latest § 72a inspection is valid today (valid or re-inspection due soon; coverage rules). */
export async function withValidCertificate(db: Kysely<DB>, userIds: string[], today: string): Promise<Set<string>> {
  const cfg = certificateConfig();
  const latest = new Map<string, { certificate_date: string; inspected_on: string; relevant_conviction: number; inspected: number; id: number }>();
  for (const part of chunks(userIds, 500)) {
    const rows = await db
      .selectFrom("certificate_inspection")
      .select(["id", "volunteer_user_id", "certificate_date", "inspected_on", "relevant_conviction", "inspected"])
      .where("volunteer_user_id", "in", part)
      .execute();
    for (const r of rows) {
      const had = latest.get(r.volunteer_user_id);
      if (!had || r.inspected_on > had.inspected_on || (r.inspected_on === had.inspected_on && r.id > had.id)) latest.set(r.volunteer_user_id, r);
    }
  }
  const ok = new Set<string>();
  for (const [userId, r] of latest) {
    const status = certificateStatus(
      { certificateDate: r.certificate_date, inspectedOn: r.inspected_on, relevantConviction: !!r.relevant_conviction, inspected: !!r.inspected },
      today,
      cfg.reinspectYears,
      cfg.reminderDays,
    );
    if (status.state === "valid" || status.state === "dueSoon") ok.add(userId);
  }
  return ok;
}

/** What the ranking needs of a request, loaded in one place. */
export async function loadRankRequest(db: Kysely<DB>, requestId: number, now: Date) {
  const r = await db
    .selectFrom("sponsorship_request")
    .select(["id", "district_id", "times_mask", "sponsor_gender_wish", "has_minors", "requested_at", "status"])
    .where("id", "=", requestId)
    .executeTakeFirst();
  if (!r) return null;
  const [languages, help, neighbours] = await Promise.all([
    db.selectFrom("sponsorship_request_language").select("language_code").where("request_id", "=", requestId).execute(),
    db.selectFrom("sponsorship_request_help").select("help").where("request_id", "=", requestId).execute(),
    r.district_id ? db.selectFrom("district_neighbour").select("neighbour_id").where("district_id", "=", r.district_id).execute() : Promise.resolve([]),
  ]);
  const rank: RankRequest = {
    languages: languages.map((l) => l.language_code),
    districtId: r.district_id,
    neighbours: neighbours.map((n) => n.neighbour_id),
    timesMask: r.times_mask,
    genderWish: r.sponsor_gender_wish,
    help: help.map((h) => h.help),
    requestedOn: berlinDay(r.requested_at),
    today: berlinDay(now),
  };
  return { rank, hasMinors: !!r.has_minors, status: r.status };
}

type Row = { userId: string; name: string; nameKey: string; districtId: number | null; timesMask: number; gender: Gender | null; capacity: number; load: number | string | bigint };

/**
 * The rows with all their languages and help offered, as the ranking takes them (the proposing
 * command's check of one sponsor; the ranking of all eligible sponsors reads only what the request
 * asks for, in the same query: `matching`).
 */
async function toCandidates(db: Kysely<DB>, rows: Row[]): Promise<RankCandidate[]> {
  const ids = rows.map((r) => r.userId);
  const languages = new Map<string, Array<{ code: string; level: LanguageLevel }>>();
  const help = new Map<string, SponsorshipHelp[]>();
  for (const part of chunks(ids, 500)) {
    const [ls, hs] = await Promise.all([
      db.selectFrom("volunteer_language").select(["user_id", "language_code", "level"]).where("user_id", "in", part).execute(),
      db.selectFrom("sponsor_help").select(["user_id", "help"]).where("user_id", "in", part).execute(),
    ]);
    for (const l of ls) languages.set(l.user_id, [...(languages.get(l.user_id) ?? []), { code: l.language_code, level: l.level }]);
    for (const h of hs) help.set(h.user_id, [...(help.get(h.user_id) ?? []), h.help]);
  }
  return rows.map((r) => ({ ...candidateOf(r), languages: languages.get(r.userId) ?? [], help: help.get(r.userId) ?? [] }));
}

function candidateOf(r: Row): RankCandidate {
  return {
    userId: r.userId,
    name: r.name,
    nameKey: r.nameKey || germanSortKey(r.name),
    languages: [],
    districtId: r.districtId === null ? null : Number(r.districtId),
    timesMask: Number(r.timesMask),
    gender: r.gender,
    help: [],
    load: Number(r.load),
    capacity: Number(r.capacity),
  };
}

/** The ranked sponsors with every language they speak (what the page shows beside the reasons). */
async function withAllLanguages(db: Kysely<DB>, ranked: Ranked[]): Promise<Ranked[]> {
  if (!ranked.length) return ranked;
  const ls = await db
    .selectFrom("volunteer_language")
    .select(["user_id", "language_code", "level"])
    .where(
      "user_id",
      "in",
      ranked.map((r) => r.candidate.userId),
    )
    .execute();
  return ranked.map((r) => ({ ...r, candidate: { ...r.candidate, languages: ls.filter((l) => l.user_id === r.candidate.userId).map((l) => ({ code: l.language_code, level: l.level })) } }));
}

/**
 * The ranked proposals for a request (at most `PROPOSALS_MAX`), or null when there is no such
 * request. Requests that are matched or closed get none. With `pool`, only the association's own
 * volunteers (`/verein/sponsorships/requests/:id`). Each candidate's `languages` are all they
 * speak; their `help` only the help the request asks for (what the ranking compares).
 */
export async function rankForRequest(db: Kysely<DB>, requestId: number, now: Date, limit = PROPOSALS_MAX, pool?: SponsorPool): Promise<Ranked[] | null> {
  const req = await loadRankRequest(db, requestId, now);
  if (!req) return null;
  if (req.status !== "new" && req.status !== "open") return [];
  let rows = await eligibleSponsors(db, requestId, { pool, matching: { languages: req.rank.languages, help: req.rank.help } }).execute();
  if (req.hasMinors && rows.length) {
    const ok = await withValidCertificate(
      db,
      rows.map((r) => r.userId),
      req.rank.today,
    );
    rows = rows.filter((r) => ok.has(r.userId));
  }
  const ranked = rankSponsors(req.rank, matchedCandidates(rows as Array<Row & { matchLanguages: string | null; matchHelp: string | null }>), matchWeights(), limit);
  return withAllLanguages(db, ranked);
}

/**
 * Why `volunteerId` may not be proposed for the request (an error key), or null when they may,
 * with the points they get. Runs in the proposing command's transaction.
 */
export async function checkProposable(trx: Kysely<DB>, requestId: number, volunteerId: string, now: Date, pool?: SponsorPool): Promise<{ problem: string } | { problem: null; score: number }> {
  const req = await loadRankRequest(trx, requestId, now);
  if (!req) return { problem: "errors.notFound" };
  const row = (await eligibleSponsors(trx, requestId, { ignoreCapacity: true, only: volunteerId, pool }).executeTakeFirst()) as Row | undefined;
  if (!row) return { problem: "sponsorships:errors.notEligible" };
  if (Number(row.load) >= Number(row.capacity)) return { problem: "sponsorships:errors.noCapacity" };
  if (req.hasMinors && !(await withValidCertificate(trx, [volunteerId], req.rank.today)).has(volunteerId)) return { problem: "sponsorships:errors.certificateNeeded" };
  const [ranked] = rankSponsors(req.rank, await toCandidates(trx, [row]), matchWeights(), 1);
  return { problem: null, score: ranked?.score ?? 0 };
}

/** What a page shows of each ranked sponsor (the office's and the association's request pages). */
export function candidateViews(ranked: readonly Ranked[], districtNames: ReadonlyMap<number, string>) {
  return ranked.map((c) => ({
    userId: c.candidate.userId,
    name: c.candidate.name,
    district: c.candidate.districtId ? (districtNames.get(c.candidate.districtId) ?? null) : null,
    languages: c.candidate.languages,
    load: c.candidate.load,
    capacity: c.candidate.capacity,
    score: c.score,
    reasons: c.reasons,
  }));
}
