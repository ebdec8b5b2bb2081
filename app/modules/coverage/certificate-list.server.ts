import { sql, type Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { getDb } from "~/utils/db.server";
import { derived } from "~/utils/derived-cache.server";
import { contains } from "~/utils/like.server";
import { clampPage } from "~/utils/params";
import { certificateConfig, minorsAssignmentsOf } from "./certificates.server";
import type { CertificateListState } from "./lists";
import { certificateDeletionDay, certificateNeededOn, certificateStatus, type CertificateStatus } from "./policy";
import { allCertificateStates, inIds } from "./volunteer-facts.server";

/**
 * The office's certificate list (`/office/certificates`): the latest inspection of each volunteer
 * with its state and deletion day, most urgent first, one page at a time. State, deletion day and
 * urgency follow from every volunteer's assignments with minors: they are worked out once per day
 * and data version (`derived`, ADR 0012) for all latest inspections; the database then filters
 * by them and by name, counts, sorts and pages.
 */

/** As the office volunteer list. */
export const CERTIFICATES_PAGE_SIZE = 25;

type InspectionFacts = { status: CertificateStatus; deletionDay: string | null; needed: boolean; rank: number };

/**
 * Urgency, most urgent first: a deletion day that has come (the record must go), a certificate
 * still needed that is overdue or shows a relevant conviction, one due soon, one not inspected,
 * a valid one; last the records of people who no longer need one (they wait for their deletion).
 */
function urgency(f: Omit<InspectionFacts, "rank">, day: string): number {
  if (f.deletionDay !== null && f.deletionDay <= day) return 0;
  if (!f.needed) return 5;
  switch (f.status.state) {
    case "overdue":
    case "conviction":
      return 1;
    case "dueSoon":
      return 2;
    case "none":
      return 3;
    default:
      return 4;
  }
}

type Facts = {
  byId: ReadonlyMap<number, InspectionFacts>;
  /** Every latest inspection's id, most urgent first (rank, then the oldest certificate, then id). */
  urgentFirst: readonly number[];
};

async function computeInspectionFacts(day: string, db: Kysely<DB>): Promise<Facts> {
  const cfg = certificateConfig();
  // The latest inspection of each volunteer (the newest id wins, as everywhere in the module).
  const latest = await db
    .selectFrom("certificate_inspection as c")
    .select(["c.id", "c.volunteer_user_id as volunteerId", "c.inspected", "c.certificate_date as certificateDate", "c.relevant_conviction as relevantConviction", "c.inspected_on as inspectedOn"])
    .where("c.id", "in", (eb) => eb.selectFrom("certificate_inspection").select((e) => e.fn.max("id").as("id")).groupBy("volunteer_user_id"))
    .execute();
  const minors = await minorsAssignmentsOf(db, latest.map((r) => r.volunteerId));
  const byId = new Map<number, InspectionFacts>();
  for (const r of latest) {
    const list = minors.get(r.volunteerId) ?? [];
    const facts = {
      status: certificateStatus({ certificateDate: r.certificateDate, inspectedOn: r.inspectedOn, relevantConviction: !!r.relevantConviction, inspected: !!r.inspected }, day, cfg.reinspectYears, cfg.reminderDays),
      deletionDay: certificateDeletionDay(r.inspectedOn, list, cfg.deleteAfterMonths),
      needed: certificateNeededOn(list, day),
    };
    byId.set(r.id, { ...facts, rank: urgency(facts, day) });
  }
  const rank = (id: number) => byId.get(id)!.rank;
  const urgentFirst = latest
    .sort((a, b) => rank(a.id) - rank(b.id) || (a.certificateDate < b.certificateDate ? -1 : a.certificateDate > b.certificateDate ? 1 : 0) || a.id - b.id)
    .map((r) => r.id);
  return { byId, urgentFirst };
}

/** State, deletion day and urgency of every latest inspection on `day` (cached per data version). */
export function inspectionFacts(day: string): Promise<Facts> {
  const cfg = certificateConfig();
  return derived(`certificate-list:${day}:${cfg.reinspectYears}:${cfg.reminderDays}:${cfg.deleteAfterMonths}`, ["coverage"], () => computeInspectionFacts(day, getDb()));
}

const inState = (f: InspectionFacts, state: CertificateListState | undefined) => !state || (state === "deletion" ? !f.needed : f.status.state === state);

export type CertificateFilters = { q?: string; state?: CertificateListState; page: number };

/**
 * One page of the list; the volunteers shown are written to the access log. The inspections of
 * the chosen state go to the database as one JSON array in urgency order (as `inIds` hands over
 * derived sets); the database joins the names, filters by name, counts and pages in that order.
 */
export async function listCertificates(actor: Actor, f: CertificateFilters, today: string) {
  requirePermission(actor, "manage:certificate:any");
  const { byId, urgentFirst } = await inspectionFacts(today);
  const db = getDb();
  const ids = JSON.stringify(f.state ? urgentFirst.filter((id) => inState(byId.get(id)!, f.state)) : urgentFirst);
  // `key` is the position in the array, so ordering by it is the urgency order.
  // (Joined, not `volunteer_user_id in (…)`: SQLite would then scan the JSON once per inspection.)
  let q = db
    .selectFrom(sql<{ key: number; value: number }>`json_each(${ids})`.as("r"))
    .innerJoin("certificate_inspection as c", "c.id", "r.value")
    .innerJoin("user as u", "u.id", "c.volunteer_user_id");
  if (f.q) q = q.where(contains("u.name", f.q));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const page = clampPage(f.page, Number(total), CERTIFICATES_PAGE_SIZE);
  const rows = await q
    .leftJoin("user as inspector", "inspector.id", "c.inspected_by")
    .select(["c.id", "c.volunteer_user_id as volunteerId", "u.name as volunteerName", "c.certificate_date as certificateDate", "c.inspected_on as inspectedOn", "inspector.name as inspectorName"])
    .orderBy("r.key")
    .limit(CERTIFICATES_PAGE_SIZE)
    .offset((page - 1) * CERTIFICATES_PAGE_SIZE)
    .execute();
  await recordVolunteerViews(actor, rows.map((r) => r.volunteerId), "certificates");
  const items = rows.map((r) => {
    const x = byId.get(r.id)!;
    return { ...r, status: x.status, deletionDay: x.deletionDay, needed: x.needed };
  });
  return { items, total: Number(total), page, pageSize: CERTIFICATES_PAGE_SIZE };
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
  if (who) return q.where(contains("user.name", who)).orderBy("user.name").orderBy("user.id").limit(PICKER_SIZE).execute();
  // Everyone in the cached states needs a certificate, so has such an assignment: no sub-query needed.
  const states = await allCertificateStates(today);
  const due = [...states].filter(([, s]) => s === "missing" || s === "expired" || s === "dueSoon").map(([id]) => id);
  return getDb().selectFrom("user").select(["user.id", "user.name", "user.email"]).where(inIds("user.id", due)).orderBy("user.name").orderBy("user.id").limit(PICKER_SIZE).execute();
}
