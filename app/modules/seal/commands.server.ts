import { randomBytes } from "node:crypto";
import type { Kysely, Updateable } from "kysely";
import type { DB, SealApplicationStatus } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can, requirePermission } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { berlinDay, formatDate } from "~/utils/dates";
import { transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError, notFound } from "~/utils/errors";
import { criteriaOf, resultOf } from "./queries.server";
import { awardState, decisionAllowed, isEditable, isOpen, nextStatus, validUntil, type Decision, type SealEvent } from "./rules";
import type { AnswerInput, CriterionInput } from "./schema";
import { syncTasks } from "~/modules/tasks/tasks.server";

/**
 * The seal's commands (issue #15): one transaction each; every step of an application goes into
 * its history (`seal_event`: who, when, what); mails go through the outbox in the same transaction.
 */

type Db = Kysely<DB>;

async function logEvent(trx: Db, applicationId: number, actor: Actor | null, action: string, details: Record<string, unknown> | null, now: Date) {
  await trx
    .insertInto("seal_event")
    .values({ application_id: applicationId, actor_user_id: actor?.userId ?? null, action, details: details ? JSON.stringify(details) : null, created_at: now.toISOString() })
    .execute();
}

function baseUrl() {
  return env().BASE_URL;
}

/** Moves the application on by `event`, or refuses (a stale form: the status changed meanwhile). */
async function transition(trx: Db, app: { id: number; status: SealApplicationStatus }, event: SealEvent, set: Updateable<DB["seal_application"]>, now: Date) {
  const to = nextStatus(app.status, event);
  if (!to) throw new AppError("seal:errors.wrongStatus", 409);
  const r = await trx
    .updateTable("seal_application")
    .set({ ...set, status: to, updated_at: now.toISOString() })
    .where("id", "=", app.id)
    .where("status", "=", app.status)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError("seal:errors.wrongStatus", 409);
  await syncTasks(trx, "seal-screen", [app.id], now);
  return to;
}

/** Who hears about the application: the member who submitted it (their language), else the organisation's address. */
async function recipientOf(trx: Db, applicationId: number) {
  const row = await trx
    .selectFrom("seal_application as a")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .leftJoin("user as u", "u.id", "a.submitted_by")
    .select(["o.name as organisation", "o.email as org_email", "u.email", "u.name", "u.locale"])
    .where("a.id", "=", applicationId)
    .executeTakeFirstOrThrow();
  const to = row.email ?? row.org_email;
  return to ? { to, locale: row.locale ?? "de", name: row.name ?? row.organisation, organisation: row.organisation } : null;
}

// ── the catalogue ─────────────────────────────────────────────────────────────────────

async function draftVersion(trx: Db) {
  return trx.selectFrom("seal_catalogue").select(["version", "elective_min"]).where("published_at", "is", null).orderBy("version", "desc").executeTakeFirst();
}

/** Starts the next catalogue version as a draft, a copy of the newest one. */
export async function startCatalogueVersion(actor: Actor, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:seal:any");
  return transaction(async (trx) => {
    if (await draftVersion(trx)) throw new AppError("seal:errors.draftExists", 409);
    const latest = await trx.selectFrom("seal_catalogue").select(["version", "elective_min"]).orderBy("version", "desc").executeTakeFirst();
    const version = (latest?.version ?? 0) + 1;
    await trx.insertInto("seal_catalogue").values({ version, elective_min: latest?.elective_min ?? 0, published_at: null, created_at: now.toISOString() }).execute();
    if (latest) {
      const criteria = await criteriaOf(trx, latest.version);
      for (const c of criteria) {
        const { id: _id, ...rest } = c;
        await trx.insertInto("seal_criterion").values({ ...rest, version }).execute();
      }
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "seal_catalogue", entityId: version, now });
    return version;
  });
}

/** Adds or changes a criterion of the draft version (a published version is frozen). */
export async function saveCriterion(actor: Actor, input: CriterionInput, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:seal:any");
  return transaction(async (trx) => {
    const draft = await draftVersion(trx);
    if (!draft) throw new AppError("seal:errors.noDraft", 409);
    const values = {
      code: input.code,
      kind: input.kind,
      weight: input.weight,
      title_de: input.titleDe,
      title_en: input.titleEn ?? null,
      title_ar: input.titleAr ?? null,
      title_uk: input.titleUk ?? null,
      title_fa: input.titleFa ?? null,
      title_tr: input.titleTr ?? null,
      title_ru: input.titleRu ?? null,
      evidence_de: input.evidenceDe,
      evidence_en: input.evidenceEn ?? null,
      evidence_ar: input.evidenceAr ?? null,
      evidence_uk: input.evidenceUk ?? null,
      evidence_fa: input.evidenceFa ?? null,
      evidence_tr: input.evidenceTr ?? null,
      evidence_ru: input.evidenceRu ?? null,
    };
    const clash = await trx
      .selectFrom("seal_criterion")
      .select("id")
      .where("version", "=", draft.version)
      .where("code", "=", input.code)
      .$if(!!input.criterionId, (q) => q.where("id", "<>", input.criterionId!))
      .executeTakeFirst();
    if (clash) throw new AppError("seal:errors.codeTaken", 400, "code");
    let id: number;
    if (input.criterionId) {
      const r = await trx.updateTable("seal_criterion").set(values).where("id", "=", input.criterionId).where("version", "=", draft.version).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw notFound();
      id = input.criterionId;
    } else {
      const max = await trx.selectFrom("seal_criterion").select((eb) => eb.fn.max("sort_order").as("m")).where("version", "=", draft.version).executeTakeFirst();
      ({ id } = await trx
        .insertInto("seal_criterion")
        .values({ ...values, version: draft.version, sort_order: Number(max?.m ?? 0) + 10 })
        .returning("id")
        .executeTakeFirstOrThrow());
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: input.criterionId ? "update" : "create", entity: "seal_criterion", entityId: id, now });
    return id;
  });
}

/** Publishes the draft version: new applications use it from now on; running ones keep theirs. */
export async function publishCatalogue(actor: Actor, electiveMin: number, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:seal:any");
  return transaction(async (trx) => {
    const draft = await draftVersion(trx);
    if (!draft) throw new AppError("seal:errors.noDraft", 409);
    const criteria = await criteriaOf(trx, draft.version);
    if (!criteria.length) throw new AppError("seal:errors.emptyCatalogue", 400);
    const electives = criteria.filter((c) => c.kind === "elective").length;
    if (electiveMin > electives) throw new AppError("seal:errors.electiveMin", 400, "electiveMin", { max: electives });
    await trx.updateTable("seal_catalogue").set({ published_at: now.toISOString(), elective_min: electiveMin }).where("version", "=", draft.version).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "publish", entity: "seal_catalogue", entityId: draft.version, now });
    return draft.version;
  });
}

// ── the jury ──────────────────────────────────────────────────────────────────────────

/** Puts an existing account on the jury (any role may sit on it). */
export async function addJuror(actor: Actor, email: string, now = new Date()): Promise<string> {
  requirePermission(actor, "manage:seal:any");
  return transaction(async (trx) => {
    const user = await trx.selectFrom("user").select(["id"]).where("email", "=", email).where("disabled_at", "is", null).executeTakeFirst();
    if (!user) throw new AppError("errors.noSuchAccount", 400, "email");
    await trx
      .insertInto("seal_juror")
      .values({ user_id: user.id, added_by: actor.userId, added_at: now.toISOString(), removed_at: null })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ removed_at: null, added_by: actor.userId, added_at: now.toISOString() }))
      .execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "add-juror", entity: "seal_juror", entityId: user.id, now });
    return user.id;
  });
}

/** Takes an account off the jury: its assignments stop giving access at once. */
export async function removeJuror(actor: Actor, userId: string, now = new Date()) {
  requirePermission(actor, "manage:seal:any");
  await transaction(async (trx) => {
    const r = await trx.updateTable("seal_juror").set({ removed_at: now.toISOString() }).where("user_id", "=", userId).where("removed_at", "is", null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw notFound();
    await recordAudit(trx, { actorUserId: actor.userId, action: "remove-juror", entity: "seal_juror", entityId: userId, now });
  });
}

// ── the association's application ─────────────────────────────────────────────────────

async function ownApplication(trx: Db, actor: Actor, id: number) {
  const app = await trx.selectFrom("seal_application").select(["id", "organisation_id", "status", "catalogue_version"]).where("id", "=", id).executeTakeFirst();
  if (!app || !can(actor, "apply:seal:own", { organisationId: app.organisation_id })) throw notFound();
  return app;
}

/**
 * Starts an application for one of the actor's organisations on the catalogue in force. A
 * re-application takes over the answers of the organisation's last application (same criterion code).
 */
export async function startApplication(actor: Actor, organisationId: number, now = new Date()): Promise<number> {
  if (!can(actor, "apply:seal:own", { organisationId })) throw notFound();
  return transaction(async (trx) => {
    const org = await trx.selectFrom("organisation").select("id").where("id", "=", organisationId).where("archived_at", "is", null).executeTakeFirst();
    if (!org) throw notFound();
    const cat = await trx.selectFrom("seal_catalogue").select("version").where("published_at", "is not", null).orderBy("version", "desc").executeTakeFirst();
    if (!cat) throw new AppError("seal:errors.noCatalogue", 400, "organisationId");
    const previous = await trx
      .selectFrom("seal_application")
      .select(["id", "status", "catalogue_version"])
      .where("organisation_id", "=", organisationId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    if (previous.some((p) => isOpen(p.status))) throw new AppError("seal:errors.openApplication", 400, "organisationId");
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("seal_application")
      .values({ organisation_id: organisationId, catalogue_version: cat.version, status: "draft", created_by: actor.userId, submitted_by: null, submitted_at: null, office_message: null, decision_reason: null, decided_at: null, created_at: ts, updated_at: ts })
      .returning("id")
      .executeTakeFirstOrThrow();
    let reused = 0;
    const last = previous[0];
    if (last) {
      const criteria = await criteriaOf(trx, cat.version);
      const oldCriteria = new Map((await criteriaOf(trx, last.catalogue_version)).map((c) => [c.id, c.code]));
      const answers = await trx.selectFrom("seal_answer").selectAll().where("application_id", "=", last.id).execute();
      for (const a of answers) {
        const code = oldCriteria.get(a.criterion_id);
        const target = criteria.find((c) => c.code === code);
        if (!target) continue;
        await trx.insertInto("seal_answer").values({ application_id: id, criterion_id: target.id, self_score: a.self_score, statement: a.statement, evidence: a.evidence, updated_at: ts }).execute();
        reused++;
      }
    }
    await logEvent(trx, id, actor, "create", reused && last ? { reusedFrom: last.id, answers: reused } : null, now);
    return id;
  });
}

export async function saveAnswer(actor: Actor, applicationId: number, input: AnswerInput, now = new Date()) {
  await transaction(async (trx) => {
    const app = await ownApplication(trx, actor, applicationId);
    if (!isEditable(app.status)) throw new AppError("seal:errors.notEditable", 409);
    const criterion = await trx.selectFrom("seal_criterion").select("id").where("id", "=", input.criterionId).where("version", "=", app.catalogue_version).executeTakeFirst();
    if (!criterion) throw notFound();
    const values = { self_score: input.selfScore, statement: input.statement, evidence: input.evidence ?? null, updated_at: now.toISOString() };
    await trx
      .insertInto("seal_answer")
      .values({ application_id: app.id, criterion_id: criterion.id, ...values })
      .onConflict((oc) => oc.columns(["application_id", "criterion_id"]).doUpdateSet(values))
      .execute();
    await trx.updateTable("seal_application").set({ updated_at: now.toISOString() }).where("id", "=", app.id).execute();
  });
}

/** Submits the application once every criterion has an answer. */
export async function submitApplication(actor: Actor, applicationId: number, now = new Date()) {
  await transaction(async (trx) => {
    const app = await ownApplication(trx, actor, applicationId);
    const criteria = await criteriaOf(trx, app.catalogue_version);
    const answered = new Set((await trx.selectFrom("seal_answer").select("criterion_id").where("application_id", "=", app.id).execute()).map((a) => a.criterion_id));
    const missing = criteria.filter((c) => !answered.has(c.id)).length;
    if (missing) throw new AppError("seal:errors.incomplete", 400, undefined, { missing });
    await transition(trx, app, "submit", { submitted_by: actor.userId, submitted_at: now.toISOString() }, now);
    await logEvent(trx, app.id, actor, "submit", null, now);
  });
}

// ── the office: screening, jury, decision, revocation ─────────────────────────────────

async function officeApplication(trx: Db, actor: Actor, id: number) {
  requirePermission(actor, "manage:seal:any");
  const app = await trx.selectFrom("seal_application").select(["id", "organisation_id", "status", "catalogue_version"]).where("id", "=", id).executeTakeFirst();
  if (!app) throw notFound();
  return app;
}

/** The formal screening: complete (to the jury), or back to the association with a message. */
export async function screenApplication(actor: Actor, applicationId: number, outcome: "accept" | "return", message: string | undefined, now = new Date()) {
  await transaction(async (trx) => {
    const app = await officeApplication(trx, actor, applicationId);
    await transition(trx, app, outcome, outcome === "return" ? { office_message: message ?? null } : { office_message: null }, now);
    await logEvent(trx, app.id, actor, outcome, message ? { message } : null, now);
    if (outcome === "return") {
      const r = await recipientOf(trx, app.id);
      if (r) await enqueueMail(trx, { to: r.to, locale: r.locale, template: "seal-returned", data: { name: r.name, organisation: r.organisation, message: message ?? "", url: `${baseUrl()}/verein/siegel/${app.id}` }, now });
    }
  });
}

/** Assigns a juror; a member of the applying organisation can never judge it. */
export async function assignJuror(actor: Actor, applicationId: number, jurorId: string, now = new Date()) {
  await transaction(async (trx) => {
    const app = await officeApplication(trx, actor, applicationId);
    if (app.status !== "in_review") throw new AppError("seal:errors.wrongStatus", 409);
    const juror = await trx
      .selectFrom("seal_juror as j")
      .innerJoin("user as u", "u.id", "j.user_id")
      .select(["u.id", "u.email", "u.name", "u.locale"])
      .where("j.user_id", "=", jurorId)
      .where("j.removed_at", "is", null)
      .executeTakeFirst();
    if (!juror) throw new AppError("errors.invalidChoice", 400, "jurorId");
    const member = await trx.selectFrom("organisation_member").select("user_id").where("user_id", "=", jurorId).where("organisation_id", "=", app.organisation_id).executeTakeFirst();
    if (member) throw new AppError("seal:errors.jurorIsMember", 400, "jurorId");
    const r = await trx
      .insertInto("seal_assignment")
      .values({ application_id: app.id, juror_user_id: jurorId, conflict: null, conflict_note: null, declared_at: null, recommendation: null, submitted_at: null, assigned_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["application_id", "juror_user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError("seal:errors.alreadyAssigned", 400, "jurorId");
    await logEvent(trx, app.id, actor, "assign", { juror: juror.name }, now);
    await enqueueMail(trx, { to: juror.email, locale: juror.locale, template: "seal-juror-assigned", data: { name: juror.name, url: `${baseUrl()}/jury/siegel/${app.id}` }, now });
  });
}

/** The office's decision after the jury's review, with its rationale; an award gets its code and validity. */
export async function decideApplication(
  actor: Actor,
  applicationId: number,
  input: { decision: Decision; reason: string; validityYears: number; conditions?: Array<{ slot: number; text: string; dueOn: string }> },
  now = new Date(),
): Promise<string | null> {
  requirePermission(actor, "manage:seal:any");
  const conditions = input.decision === "award" ? (input.conditions ?? []) : [];
  const today = berlinDay(now);
  const late = conditions.find((c) => c.dueOn <= today);
  if (late) throw new AppError("seal:errors.conditionPast", 400, `conditionDue${late.slot}`);
  return transaction(async (trx) => {
    const app = await officeApplication(trx, actor, applicationId);
    if (app.status !== "in_review") throw new AppError("seal:errors.wrongStatus", 409);
    const result = await resultOf(trx, app.id, app.catalogue_version);
    const allowed = decisionAllowed(input.decision, result);
    if (allowed !== "ok") throw new AppError(`seal:errors.decision.${allowed}`, 400, "decision");
    const ts = now.toISOString();
    await transition(trx, app, input.decision, { decision_reason: input.reason, decided_at: ts }, now);
    let code: string | null = null;
    let until: string | null = null;
    if (input.decision === "award") {
      until = validUntil(today, input.validityYears);
      code = `${today.slice(0, 4)}-${randomBytes(5).toString("hex").toUpperCase()}`;
      await trx
        .insertInto("seal_award")
        .values({ application_id: app.id, organisation_id: app.organisation_id, code, awarded_on: today, valid_until: until, revoked_at: null, revoke_reason: null, renewal_reminded_at: null, created_at: ts })
        .execute();
      for (const c of conditions) {
        await trx.insertInto("seal_condition").values({ application_id: app.id, text: c.text, due_on: c.dueOn, fulfilled_at: null, fulfilled_by: null, created_at: ts }).execute();
      }
    }
    await logEvent(
      trx,
      app.id,
      actor,
      input.decision,
      { reason: input.reason, weightedTotal: result.weightedTotal, reviews: result.reviews, ...(code ? { code, validUntil: until } : {}), ...(conditions.length ? { conditions: conditions.map((c) => ({ text: c.text, dueOn: c.dueOn })) } : {}) },
      now,
    );
    const r = await recipientOf(trx, app.id);
    if (r) {
      await enqueueMail(trx, {
        to: r.to,
        locale: r.locale,
        template: "seal-decision",
        data: { name: r.name, organisation: r.organisation, decision: input.decision, reason: input.reason, validUntil: until ? formatDate(until, r.locale) : null, conditions: conditions.map((c) => ({ text: c.text, due: formatDate(c.dueOn, r.locale) })), url: code ? `${baseUrl()}/siegel/${code}` : `${baseUrl()}/verein/siegel/${app.id}` },
        now,
      });
    }
    return code;
  });
}

/** Marks a condition of an award fulfilled (logged in the application's history). */
export async function fulfilCondition(actor: Actor, applicationId: number, conditionId: number, now = new Date()) {
  await transaction(async (trx) => {
    const app = await officeApplication(trx, actor, applicationId);
    const r = await trx
      .updateTable("seal_condition")
      .set({ fulfilled_at: now.toISOString(), fulfilled_by: actor.userId })
      .where("id", "=", conditionId)
      .where("application_id", "=", app.id)
      .where("fulfilled_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw notFound();
    const c = await trx.selectFrom("seal_condition").select("text").where("id", "=", conditionId).executeTakeFirstOrThrow();
    await logEvent(trx, app.id, actor, "condition-fulfilled", { note: c.text }, now);
  });
}

/** Records the interim check of a valid award (what the office found), in the application's history. */
export async function recordInterimCheck(actor: Actor, applicationId: number, note: string, now = new Date()) {
  await transaction(async (trx) => {
    const app = await officeApplication(trx, actor, applicationId);
    const award = await trx.selectFrom("seal_award").select(["valid_until", "revoked_at"]).where("application_id", "=", app.id).executeTakeFirst();
    if (!award || awardState(award, berlinDay(now)) !== "valid") throw new AppError("seal:errors.noValidAward", 409);
    await logEvent(trx, app.id, actor, "interim-check", { note }, now);
  });
}

/** Revokes an award at once (it leaves the public register); the reason is logged, not shown publicly. */
export async function revokeAward(actor: Actor, applicationId: number, reason: string, now = new Date()) {
  await transaction(async (trx) => {
    const app = await officeApplication(trx, actor, applicationId);
    const r = await trx.updateTable("seal_award").set({ revoked_at: now.toISOString(), revoke_reason: reason }).where("application_id", "=", app.id).where("revoked_at", "is", null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("seal:errors.notRevocable", 409);
    await logEvent(trx, app.id, actor, "revoke", { reason }, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "revoke", entity: "seal_award", entityId: app.id, details: { reason }, now });
  });
}

// ── the juror ─────────────────────────────────────────────────────────────────────────

async function ownAssignment(trx: Db, actor: Actor, applicationId: number) {
  const row = await trx
    .selectFrom("seal_assignment as s")
    .innerJoin("seal_juror as j", "j.user_id", "s.juror_user_id")
    .innerJoin("seal_application as a", "a.id", "s.application_id")
    .select(["s.application_id", "s.juror_user_id", "s.conflict", "s.submitted_at", "a.status", "a.catalogue_version"])
    .where("s.application_id", "=", applicationId)
    .where("s.juror_user_id", "=", actor.userId)
    .where("j.removed_at", "is", null)
    .executeTakeFirst();
  if (!row || !can(actor, "review:seal:own", { userId: row.juror_user_id })) throw notFound();
  return row;
}

/** The declaration before anything of the application is shown; a conflict takes the juror off it. */
export async function declareConflict(actor: Actor, applicationId: number, conflict: "none" | "declared", note: string | undefined, now = new Date()) {
  await transaction(async (trx) => {
    const a = await ownAssignment(trx, actor, applicationId);
    if (a.conflict) throw new AppError("seal:errors.alreadyDeclared", 409);
    await trx
      .updateTable("seal_assignment")
      .set({ conflict, conflict_note: note ?? null, declared_at: now.toISOString() })
      .where("application_id", "=", applicationId)
      .where("juror_user_id", "=", actor.userId)
      .execute();
    await logEvent(trx, applicationId, actor, conflict === "none" ? "declare-none" : "declare-conflict", note ? { note } : null, now);
  });
}

async function reviewable(trx: Db, actor: Actor, applicationId: number) {
  const a = await ownAssignment(trx, actor, applicationId);
  if (a.conflict !== "none") throw notFound();
  if (a.status !== "in_review" || a.submitted_at) throw new AppError("seal:errors.reviewClosed", 409);
  return a;
}

export async function saveScore(actor: Actor, applicationId: number, input: { criterionId: number; score: number; justification: string }, now = new Date()) {
  await transaction(async (trx) => {
    const a = await reviewable(trx, actor, applicationId);
    const criterion = await trx.selectFrom("seal_criterion").select("id").where("id", "=", input.criterionId).where("version", "=", a.catalogue_version).executeTakeFirst();
    if (!criterion) throw notFound();
    const values = { score: input.score, justification: input.justification, updated_at: now.toISOString() };
    await trx
      .insertInto("seal_score")
      .values({ application_id: applicationId, juror_user_id: actor.userId, criterion_id: criterion.id, ...values })
      .onConflict((oc) => oc.columns(["application_id", "juror_user_id", "criterion_id"]).doUpdateSet(values))
      .execute();
  });
}

/** Submits the juror's review (every criterion scored); then, and only then, they see the others'. */
export async function submitReview(actor: Actor, applicationId: number, recommendation: "award" | "decline", now = new Date()) {
  await transaction(async (trx) => {
    const a = await reviewable(trx, actor, applicationId);
    const criteria = await criteriaOf(trx, a.catalogue_version);
    const scored = new Set((await trx.selectFrom("seal_score").select("criterion_id").where("application_id", "=", applicationId).where("juror_user_id", "=", actor.userId).execute()).map((s) => s.criterion_id));
    const missing = criteria.filter((c) => !scored.has(c.id)).length;
    if (missing) throw new AppError("seal:errors.unscored", 400, undefined, { missing });
    await trx
      .updateTable("seal_assignment")
      .set({ recommendation, submitted_at: now.toISOString() })
      .where("application_id", "=", applicationId)
      .where("juror_user_id", "=", actor.userId)
      .execute();
    await logEvent(trx, applicationId, actor, "review", { recommendation }, now);
  });
}
