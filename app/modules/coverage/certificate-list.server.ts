import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { getDb } from "~/utils/db.server";
import { pageWithCount } from "~/utils/paging.server";
import { containsFolded } from "~/utils/like.server";
import { certificateConfig } from "./certificates.server";
import type { CertificateListState } from "./lists";
import { certificateStatus } from "./policy";
import { ensureVolunteerFacts } from "./volunteer-facts.server";

/**
 * The office's certificate list (`/office/certificates`): the latest inspection of each volunteer
 * with its state and deletion day, most urgent first, one page at a time. State, deletion day and
 * urgency follow from every volunteer's assignments with minors: they are kept in the facts table
 * (`volunteer_fact`, ADR 0019); the database filters by them and by name, counts, sorts and pages.
 */

/** As the office volunteer list. */
export const CERTIFICATES_PAGE_SIZE = 25;

export type CertificateFilters = { q?: string; state?: CertificateListState; page: number };

/** One page of the list; the volunteers shown are written to the access log. */
export async function listCertificates(actor: Actor, f: CertificateFilters, today: string) {
  requirePermission(actor, "manage:certificate:any");
  await ensureVolunteerFacts(today);
  const db = getDb();
  let q = db
    .selectFrom("volunteer_fact as f")
    .innerJoin("certificate_inspection as c", "c.id", "f.latest_inspection_id")
    .innerJoin("user as u", "u.id", "c.volunteer_user_id");
  // "deletion": records of people who no longer need a certificate (they wait for their deletion).
  if (f.state === "deletion") q = q.where("f.certificate_state", "=", "notNeeded");
  else if (f.state) q = q.where("f.inspection_state", "=", f.state);
  if (f.q) q = q.where(containsFolded("u.name_key", f.q));
  const countOf = () => q.select((eb) => eb.fn.countAll<number>().as("total"));
  const pageRows = (page: number) =>
    q
      .leftJoin("user as inspector", "inspector.id", "c.inspected_by")
      .select([
        "c.id",
        "c.volunteer_user_id as volunteerId",
        "u.name as volunteerName",
        "c.certificate_date as certificateDate",
        "c.inspected_on as inspectedOn",
        "c.inspected",
        "c.relevant_conviction as relevantConviction",
        "inspector.name as inspectorName",
        "f.inspection_deletion_day as deletionDay",
        "f.certificate_state as certificateState",
      ])
      .orderBy("f.inspection_rank")
      .orderBy("c.certificate_date")
      .orderBy("c.id")
      .limit(CERTIFICATES_PAGE_SIZE)
      .offset((page - 1) * CERTIFICATES_PAGE_SIZE);
  const { rows, total, page } = await pageWithCount(f.page, CERTIFICATES_PAGE_SIZE, {
    withTotal: (p) => pageRows(p).select(countOf().as("total")).execute(),
    count: async () => (await countOf().executeTakeFirstOrThrow()).total,
    clamp: { page: (p) => pageRows(p).execute() },
  });
  await recordVolunteerViews(actor, rows.map((r) => r.volunteerId), "certificates");
  const cfg = certificateConfig();
  const items = rows.map(({ inspected, relevantConviction, certificateState, ...r }) => ({
    ...r,
    status: certificateStatus({ certificateDate: r.certificateDate, inspectedOn: r.inspectedOn, relevantConviction: !!relevantConviction, inspected: !!inspected }, today, cfg.reinspectYears, cfg.reminderDays),
    needed: certificateState !== "notNeeded",
  }));
  return { items, total, page, pageSize: CERTIFICATES_PAGE_SIZE };
}

export const PICKER_SIZE = 25;

/**
 * The inspection form's choice of volunteers (people with an assignment with minors that was not
 * closed before it started). Searched by name (`who`); without a search, those whose certificate
 * is missing, expired or due soon today. At most `PICKER_SIZE`, by name.
 */
export async function listVolunteersToInspect(actor: Actor, today: string, who?: string) {
  requirePermission(actor, "manage:certificate:any");
  const q = getDb()
    .selectFrom("user")
    .select(["user.id", "user.name", "user.email"])
    .where("user.id", "in", (eb) =>
      eb
        .selectFrom("assignment")
        .select("assignment.volunteer_user_id")
        .where("assignment.works_with_minors", "=", 1)
        .where((e) => e.or([e("assignment.closed_on", "is", null), e("assignment.closed_on", ">=", e.ref("assignment.start_day"))])),
    );
  if (who) return q.where(containsFolded("user.name_key", who)).orderBy("user.name_key").orderBy("user.name").orderBy("user.id").limit(PICKER_SIZE).execute();
  // Everyone whose certificate is needed has such an assignment: no sub-query needed.
  await ensureVolunteerFacts(today);
  return getDb()
    .selectFrom("user")
    .select(["user.id", "user.name", "user.email"])
    .where("user.id", "in", (eb) => eb.selectFrom("volunteer_fact").select("user_id").where("certificate_state", "in", ["missing", "expired", "dueSoon"]))
    .orderBy("user.name_key")
    .orderBy("user.name")
    .orderBy("user.id")
    .limit(PICKER_SIZE)
    .execute();
}
