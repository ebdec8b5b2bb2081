import type { Kysely } from "kysely";
import type { DB, PrivacyRequestKind } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions";
import { endAllSessions } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { eraseHousehold, exportHousehold } from "~/modules/donations/household-privacy.server";
import { syncTasks } from "~/modules/tasks/tasks.server";
import { recordView } from "~/modules/volunteers/access-log.server";
import { personalDataErasers, personalDataExporters } from "~/modules/volunteers/personal-data.server";
import { berlinDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { deadlineState, dueDay, type DeadlineState } from "./deadline";
import type { NewRequest } from "./schema";

/**
 * The privacy desk's requests (issue #17, ADR 0038): a data subject's request is recorded with its
 * day of receipt and the deadline; the identity is checked; the deadline may be extended once with
 * a reason; the export or erasure of the linked volunteer or household runs from the request; the
 * request is closed with what was done. Every step is an event of the request's history and an
 * entry of the access log.
 */
const ENTITY = "privacy_request";
export const PAGE_SIZE = 25;

type Trx = Kysely<DB>;

async function addEvent(trx: Trx, requestId: number, action: string, by: string, now: Date, note: string | null = null) {
  await trx.insertInto("privacy_request_event").values({ request_id: requestId, action, note, by_user_id: by, at: now.toISOString() }).execute();
}

async function openRequestFor(trx: Trx, id: number) {
  const r = await trx.selectFrom("privacy_request").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) throw notFound();
  if (r.status !== "open") throw new AppError("privacy:errors.closed", 400);
  return r;
}

/** Records a request; the linked volunteer (by account e-mail) or household (by code) must exist. */
export async function createRequest(actor: Actor, input: NewRequest, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:privacy");
  if (input.receivedOn > berlinDay(now)) throw new AppError("privacy:errors.futureDate", 400, "receivedOn");
  return transaction(async (trx) => {
    let volunteerId: string | null = null;
    let householdId: number | null = null;
    if (input.subjectKind === "volunteer") {
      const v = await trx
        .selectFrom("user as u")
        .innerJoin("volunteer_profile as p", "p.user_id", "u.id")
        .select("u.id")
        .where("u.email", "=", input.volunteerEmail ?? "")
        .where("p.erased_at", "is", null)
        .executeTakeFirst();
      if (!v) throw new AppError("privacy:errors.noSuchVolunteer", 400, "volunteerEmail");
      volunteerId = v.id;
    } else if (input.subjectKind === "household") {
      const h = await trx.selectFrom("household").select("id").where("code", "=", (input.householdCode ?? "").toUpperCase()).where("erased_at", "is", null).executeTakeFirst();
      if (!h) throw new AppError("privacy:errors.noSuchHousehold", 400, "householdCode");
      householdId = h.id;
    }
    const at = now.toISOString();
    const row = await trx
      .insertInto("privacy_request")
      .values({
        kind: input.kind,
        subject_kind: input.subjectKind,
        volunteer_user_id: volunteerId,
        household_id: householdId,
        requester_name: input.requesterName,
        channel: input.channel,
        received_on: input.receivedOn,
        due_on: dueDay(input.receivedOn),
        extended_due_on: null,
        extension_reason: null,
        identity_method: null,
        identity_checked_at: null,
        identity_checked_by: null,
        note: input.note ?? null,
        status: "open",
        outcome: null,
        outcome_note: null,
        closed_at: null,
        closed_by: null,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await addEvent(trx, row.id, "created", actor.userId, now);
    await syncTasks(trx, "privacy-request", [row.id], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: ENTITY, entityId: row.id, details: { kind: input.kind, subject: input.subjectKind }, now });
    return row.id;
  });
}

export type RequestFilters = { status: "open" | "closed" | "overdue" | "all"; kind?: PrivacyRequestKind; page: number };

/** The requests, open ones by deadline first; `overdue` = open and past the (extended) deadline. */
export async function listRequests(actor: Actor, filters: RequestFilters, now = new Date()) {
  requirePermission(actor, "manage:privacy");
  const today = berlinDay(now);
  const db = getDb();
  let q = db.selectFrom("privacy_request as r");
  if (filters.status === "open") q = q.where("r.status", "=", "open");
  if (filters.status === "closed") q = q.where("r.status", "=", "closed");
  if (filters.status === "overdue") q = q.where("r.status", "=", "open").where((eb) => eb.fn.coalesce("r.extended_due_on", "r.due_on"), "<", today);
  if (filters.kind) q = q.where("r.kind", "=", filters.kind);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page), pages);
  const rows = await q
    .leftJoin("household as h", "h.id", "r.household_id")
    .leftJoin("user as v", "v.id", "r.volunteer_user_id")
    .select(["r.id", "r.kind", "r.subject_kind", "r.requester_name", "r.received_on", "r.due_on", "r.extended_due_on", "r.status", "r.outcome", "r.identity_checked_at", "h.code as householdCode", "v.name as volunteerName"])
    .orderBy("r.status", "desc")
    .orderBy((eb) => eb.fn.coalesce("r.extended_due_on", "r.due_on"))
    .orderBy("r.id")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return {
    page,
    pageSize: PAGE_SIZE,
    total,
    items: rows.map((r) => {
      const effectiveDue = r.extended_due_on ?? r.due_on;
      return { ...r, effectiveDue, deadline: deadlineState({ dueOn: effectiveDue, closed: r.status === "closed", today }) };
    }),
  };
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof viewRequest>>>;

/** One request with its subject and history; the page shows the linked person's data, so the view is logged. */
export async function viewRequest(actor: Actor, id: number, now = new Date()) {
  requirePermission(actor, "manage:privacy");
  return transaction(async (trx) => {
    const r = await trx
      .selectFrom("privacy_request as r")
      .leftJoin("household as h", "h.id", "r.household_id")
      .leftJoin("user as v", "v.id", "r.volunteer_user_id")
      .leftJoin("user as ic", "ic.id", "r.identity_checked_by")
      .selectAll("r")
      .select(["h.code as householdCode", "h.erased_at as householdErasedAt", "v.name as volunteerName", "v.email as volunteerEmail", "v.disabled_at as volunteerDisabledAt", "ic.name as identityCheckedByName"])
      .where("r.id", "=", id)
      .executeTakeFirst();
    if (!r) return null;
    const events = await trx
      .selectFrom("privacy_request_event as e")
      .leftJoin("user as u", "u.id", "e.by_user_id")
      .select(["e.id", "e.action", "e.note", "e.at", "u.name as byName"])
      .where("e.request_id", "=", id)
      .orderBy("e.id")
      .execute();
    const via = `/office/privacy/${id}`;
    await recordView(trx, { actorUserId: actor.userId, entity: ENTITY, entityId: id, via, now });
    if (r.volunteer_user_id && r.volunteer_user_id !== actor.userId) await recordView(trx, { actorUserId: actor.userId, entity: "volunteer", entityId: r.volunteer_user_id, via, now });
    if (r.household_id) await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: r.household_id, via, now });
    const effectiveDue = r.extended_due_on ?? r.due_on;
    return { ...r, events, effectiveDue, deadline: deadlineState({ dueOn: effectiveDue, closed: r.status === "closed", today: berlinDay(now) }) };
  });
}

export async function requestExists(actor: Actor, id: number) {
  requirePermission(actor, "manage:privacy");
  return !!(await getDb().selectFrom("privacy_request").select("id").where("id", "=", id).executeTakeFirst());
}

export async function checkIdentity(actor: Actor, id: number, method: string, now = new Date()) {
  requirePermission(actor, "manage:privacy");
  await transaction(async (trx) => {
    const r = await openRequestFor(trx, id);
    if (r.identity_checked_at) throw new AppError("privacy:errors.identityDone", 400, "method");
    await trx.updateTable("privacy_request").set({ identity_method: method, identity_checked_at: now.toISOString(), identity_checked_by: actor.userId, updated_at: now.toISOString() }).where("id", "=", id).execute();
    await addEvent(trx, id, "identity", actor.userId, now, method);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: ENTITY, entityId: id, details: { identity: method }, now });
  });
}

/** The one extension: two further months (three from receipt), with the reason told to the person. */
export async function extendRequest(actor: Actor, id: number, reason: string, now = new Date()) {
  requirePermission(actor, "manage:privacy");
  await transaction(async (trx) => {
    const r = await openRequestFor(trx, id);
    if (r.extended_due_on) throw new AppError("privacy:errors.alreadyExtended", 400, "reason");
    await trx.updateTable("privacy_request").set({ extended_due_on: dueDay(r.received_on, true), extension_reason: reason, updated_at: now.toISOString() }).where("id", "=", id).execute();
    await addEvent(trx, id, "extended", actor.userId, now, reason);
    await syncTasks(trx, "privacy-request", [id], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: ENTITY, entityId: id, details: { extended: true }, now });
  });
}

/** Closing needs the identity check first, unless the request is refused or withdrawn. */
export async function closeRequest(actor: Actor, id: number, outcome: string, outcomeNote: string, now = new Date()) {
  requirePermission(actor, "manage:privacy");
  await transaction(async (trx) => {
    const r = await openRequestFor(trx, id);
    if (!r.identity_checked_at && outcome !== "refused" && outcome !== "withdrawn") throw new AppError("privacy:errors.identityFirst", 400, "outcome");
    const at = now.toISOString();
    await trx.updateTable("privacy_request").set({ status: "closed", outcome, outcome_note: outcomeNote, closed_at: at, closed_by: actor.userId, updated_at: at }).where("id", "=", id).execute();
    await addEvent(trx, id, "closed", actor.userId, now, outcome);
    await syncTasks(trx, "privacy-request", [id], now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "close", entity: ENTITY, entityId: id, details: { outcome }, now });
  });
}

/** What the export and erasure of a request may act on: an open request, identity checked, a linked record. */
async function actionableSubject(id: number) {
  const r = await getDb().selectFrom("privacy_request").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) throw notFound();
  if (r.status !== "open") throw new AppError("privacy:errors.closed", 400);
  if (!r.identity_checked_at) throw new AppError("privacy:errors.identityFirst", 400);
  if (!r.volunteer_user_id && !r.household_id) throw notFound();
  return r;
}

/**
 * Art. 15 from the request: everything stored about the linked volunteer (every module's
 * exporter) or household, as one JSON document; the request's history notes it. Names the
 * database keeps in several languages (donation categories) are given in `lang`, the reader's.
 */
export async function exportForRequest(actor: Actor, id: number, now = new Date(), lang = "de"): Promise<{ fileName: string; data: unknown }> {
  requirePermission(actor, "manage:privacy");
  const r = await actionableSubject(id);
  let data: unknown;
  if (r.household_id) {
    // Its own transaction (the household module's command), which writes its `export` audit entry.
    data = await exportHousehold(actor, r.household_id, now, lang);
    if (!data) throw notFound();
    await transaction((trx) => addEvent(trx, id, "export", actor.userId, now));
  } else {
    const userId = r.volunteer_user_id!;
    data = await transaction(async (trx) => {
      const parts: Record<string, unknown> = {};
      for (const e of personalDataExporters) parts[e.name] = await e.run(trx, userId, lang);
      await recordAudit(trx, { actorUserId: actor.userId, action: "export", entity: "user", entityId: userId, details: { via: `/office/privacy/${id}` }, now });
      await addEvent(trx, id, "export", actor.userId, now);
      return { exportedAt: now.toISOString(), userId, ...parts };
    });
  }
  return { fileName: `auskunft-${id}-${berlinDay(now)}.json`, data };
}

/** Art. 17 from an erasure request: the linked volunteer's account (every module's eraser) or the household. */
export async function eraseForRequest(actor: Actor, id: number, now = new Date()) {
  requirePermission(actor, "manage:privacy");
  const r = await actionableSubject(id);
  if (r.kind !== "erasure") throw new AppError("privacy:errors.notErasure", 400);
  if (r.household_id) {
    await eraseHousehold(actor, r.household_id, now);
    await transaction((trx) => addEvent(trx, id, "erasure", actor.userId, now));
    return;
  }
  const userId = r.volunteer_user_id!;
  await transaction(async (trx) => {
    // The volunteer module's eraser last: it rewrites the user row the others may read.
    const ordered = [...personalDataErasers.filter((e) => e.name !== "volunteers"), ...personalDataErasers.filter((e) => e.name === "volunteers")];
    for (const e of ordered) await e.run(trx, userId, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "erase", entity: "user", entityId: userId, details: { via: `/office/privacy/${id}` }, now });
    await addEvent(trx, id, "erasure", actor.userId, now);
  });
  await endAllSessions(userId);
}

/** Open requests for the office inbox, with their deadline state. */
export async function listOpenRequests(now: Date): Promise<Array<{ id: number; kind: string; requesterName: string; dueOn: string; state: DeadlineState }>> {
  const today = berlinDay(now);
  const rows = await getDb()
    .selectFrom("privacy_request")
    .select(["id", "kind", "requester_name", "due_on", "extended_due_on"])
    .where("status", "=", "open")
    .orderBy((eb) => eb.fn.coalesce("extended_due_on", "due_on"))
    .limit(100)
    .execute();
  return rows.map((r) => {
    const dueOn = r.extended_due_on ?? r.due_on;
    return { id: r.id, kind: r.kind, requesterName: r.requester_name, dueOn, state: deadlineState({ dueOn, closed: false, today }).state };
  });
}
