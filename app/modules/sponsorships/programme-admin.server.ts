import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { ProgrammeFilters, ProgrammeInput, ProgrammeKind } from "./programme-schema";

/**
 * The office keeps the sponsorship programmes (ADR 0040): the city's own, funded programmes with
 * funder and funding period, associations' ambassador ("Botschafter") programmes run by an
 * organisation. Every tandem belongs to one; its settings drive the tandem rules.
 *
 * While a programme has running tandems (not ended) it cannot be archived, and neither its kind
 * nor its association can change (their open assignments name it as organiser); while a tandem is
 * in its trial the trial length stays (the trial's start is computed from it, ADR 0031).
 */

export const PROGRAMME_PAGE_SIZE = 25;

const running = (db: Kysely<DB>) =>
  db
    .selectFrom("tandem")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "!=", "ended");

export async function listProgrammesForOffice(actor: Actor, f: ProgrammeFilters) {
  requirePermission(actor, "manage:sponsorship:any");
  const db = getDb();
  let q = db.selectFrom("sponsorship_programme as p").leftJoin("organisation as o", "o.id", "p.organisation_id");
  const status = f.status ?? "active";
  if (status !== "all") q = q.where("p.active", "=", status === "active" ? 1 : 0);
  if (f.kind) q = q.where("p.kind", "=", f.kind);
  const page = Math.max(1, f.page);
  const [{ total }, items] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    q
      .select((eb) => [
        "p.id",
        "p.name",
        "p.kind",
        "p.funder",
        "p.period_start as periodStart",
        "p.period_end as periodEnd",
        "p.active",
        "o.name as organisation",
        eb
          .selectFrom("tandem as t")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("t.programme_id", "=", "p.id")
          .where("t.status", "!=", "ended")
          .as("runningTandems"),
      ])
      .orderBy("p.active", "desc")
      .orderBy("p.name")
      .orderBy("p.id")
      .limit(PROGRAMME_PAGE_SIZE)
      .offset((page - 1) * PROGRAMME_PAGE_SIZE)
      .execute(),
  ]);
  return {
    items: items.map((r) => ({ ...r, kind: r.kind as ProgrammeKind, active: r.active === 1, runningTandems: Number(r.runningTandems ?? 0) })),
    total: Number(total),
    page,
    pageSize: PROGRAMME_PAGE_SIZE,
  };
}

/** One programme for the edit form (null: no such programme → 404 in the route). */
export async function getProgrammeForOffice(actor: Actor, id: number) {
  requirePermission(actor, "manage:sponsorship:any");
  const db = getDb();
  const p = await db.selectFrom("sponsorship_programme").selectAll().where("id", "=", id).executeTakeFirst();
  if (!p) return null;
  const [r, trial] = await Promise.all([
    running(db).where("programme_id", "=", id).executeTakeFirstOrThrow(),
    running(db).where("programme_id", "=", id).where("status", "=", "trial").executeTakeFirstOrThrow(),
  ]);
  return { ...p, runningTandems: Number(r.n), trialTandems: Number(trial.n) };
}

/** The organisations that can run an association's programme (not archived, not the city). */
export async function programmeOrganisations() {
  return getDb()
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("archived_at", "is", null)
    .where("legal_form", "!=", "city")
    .orderBy("name_key")
    .orderBy("id")
    .execute();
}

/** The form's values as the row stores them: association only for kind association, funder and period only for funded. */
function rowOf(v: ProgrammeInput) {
  return {
    name: v.name,
    kind: v.kind,
    organisation_id: v.kind === "association" ? (v.organisationId ?? null) : null,
    funder: v.kind === "funded" ? (v.funder ?? null) : null,
    period_start: v.kind === "funded" ? (v.periodStart ?? null) : null,
    period_end: v.kind === "funded" ? (v.periodEnd ?? null) : null,
    trial_weeks: v.trialWeeks,
    trial_meetings: v.trialMeetings,
    checkin_months: v.checkinMonths,
    silence_days: v.silenceDays,
    certificate_meetings: v.certificateMeetings,
    active: v.status === "active" ? 1 : 0,
  };
}

async function checkOrganisation(trx: Kysely<DB>, v: ProgrammeInput) {
  if (v.kind !== "association") return;
  const o = await trx.selectFrom("organisation").select("id").where("id", "=", v.organisationId!).where("archived_at", "is", null).where("legal_form", "!=", "city").executeTakeFirst();
  if (!o) throw new AppError("errors.invalidChoice", 400, "organisationId");
}

export async function createProgramme(actor: Actor, v: ProgrammeInput, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:sponsorship:any");
  return transaction(async (trx) => {
    await checkOrganisation(trx, v);
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("sponsorship_programme")
      .values({ ...rowOf(v), created_at: ts, updated_at: ts })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "sponsorship_programme", entityId: id, now });
    return id;
  });
}

export async function updateProgramme(actor: Actor, id: number, v: ProgrammeInput, now = new Date()) {
  requirePermission(actor, "manage:sponsorship:any");
  await transaction(async (trx) => {
    const p = await trx.selectFrom("sponsorship_programme").selectAll().where("id", "=", id).executeTakeFirst();
    if (!p) throw new AppError("errors.notFound", 404);
    await checkOrganisation(trx, v);
    const row = rowOf(v);
    // Checked inside the transaction (ADR 0026): a tandem started meanwhile is counted.
    const count = Number((await running(trx).where("programme_id", "=", id).executeTakeFirstOrThrow()).n);
    if (count > 0) {
      if (p.active === 1 && row.active === 0) throw new AppError("programmes:errors.archiveWithTandems", 400, "status", { count });
      if (row.kind !== p.kind) throw new AppError("programmes:errors.kindWithTandems", 400, "kind", { count });
      if (row.organisation_id !== p.organisation_id) throw new AppError("programmes:errors.organisationWithTandems", 400, "organisationId", { count });
      if (row.trial_weeks !== p.trial_weeks) {
        const trial = Number((await running(trx).where("programme_id", "=", id).where("status", "=", "trial").executeTakeFirstOrThrow()).n);
        if (trial > 0) throw new AppError("programmes:errors.trialWeeksInTrial", 400, "trialWeeks", { count: trial });
      }
    }
    await trx.updateTable("sponsorship_programme").set({ ...row, updated_at: now.toISOString() }).where("id", "=", id).execute();
    const action = p.active === 1 && row.active === 0 ? "archive" : p.active === 0 && row.active === 1 ? "reactivate" : "update";
    await recordAudit(trx, { actorUserId: actor.userId, action, entity: "sponsorship_programme", entityId: id, now });
  });
}

/** The form's field names from a row. */
export function programmeDefaults(p: {
  name: string;
  kind: string;
  organisation_id: number | null;
  funder: string | null;
  period_start: string | null;
  period_end: string | null;
  trial_weeks: number;
  trial_meetings: number;
  checkin_months: number;
  silence_days: number;
  certificate_meetings: number;
  active: number;
}): Record<string, string> {
  return {
    name: p.name,
    kind: p.kind,
    organisationId: p.organisation_id ? String(p.organisation_id) : "",
    funder: p.funder ?? "",
    periodStart: p.period_start ?? "",
    periodEnd: p.period_end ?? "",
    trialWeeks: String(p.trial_weeks),
    trialMeetings: String(p.trial_meetings),
    checkinMonths: String(p.checkin_months),
    silenceDays: String(p.silence_days),
    certificateMeetings: String(p.certificate_meetings),
    status: p.active === 1 ? "active" : "archived",
  };
}
