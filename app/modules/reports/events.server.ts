import { can, type Actor } from "~/auth/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/errors";
import { safeRedirectTarget } from "~/utils/flash.server";
import { clampPage, pageParam } from "~/utils/params";
import { periodSearch, type Period } from "./period";
import { PLAN_BOOKINGS_ANCHOR, PLAN_MARKED, type EventInput, type PlanMarked } from "./schema";

function requireManage(actor: Actor) {
  if (!can(actor, "manage:report:any")) throw forbidden();
}

/** The events register of a period (newest first); counts only, no names. */
export async function listEvents(actor: Actor, period: Pick<Period, "from" | "to">, districtId?: number) {
  if (!can(actor, "read:report:any")) throw forbidden();
  return getDb()
    .selectFrom("report_event as e")
    .leftJoin("district as d", "d.id", "e.district_id")
    .select(["e.id", "e.day", "e.kind", "e.block", "e.title", "e.participants", "e.volunteers", "d.name as district"])
    .where("e.day", ">=", period.from)
    .where("e.day", "<", period.to)
    .$if(!!districtId, (q) => q.where("e.district_id", "=", districtId!))
    .orderBy("e.day", "desc")
    .orderBy("e.id", "desc")
    .limit(500)
    .execute();
}

export async function createEvent(actor: Actor, input: Omit<EventInput, "intent">, now = new Date()) {
  requireManage(actor);
  return transaction(async (trx) => {
    const { id } = await trx
      .insertInto("report_event")
      .values({
        day: input.day,
        kind: input.kind,
        block: input.block,
        title: input.title,
        district_id: input.districtId ?? null,
        participants: input.participants,
        volunteers: input.volunteers,
        created_by: actor.userId,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "report_event", entityId: id, now });
    return Number(id);
  });
}

export async function deleteEvent(actor: Actor, id: number, now = new Date()) {
  requireManage(actor);
  await transaction(async (trx) => {
    const found = await trx.selectFrom("report_event").select("id").where("id", "=", id).executeTakeFirst();
    if (!found) throw notFound();
    await trx.deleteFrom("report_event").where("id", "=", id).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "delete", entity: "report_event", entityId: id, now });
  });
}

/** The KOMM-AN view's path. */
export const KOMM_AN_PATH = "/office/reports/komm-an";

/** Bookings per page of the KOMM-AN list: a year of a county has thousands, each row a form. */
export const PLAN_BOOKINGS_PAGE_SIZE = 50;

export type PlanBookingsFilter = { marked?: PlanMarked; page: number };

/** The list's filter and page from the URL; a value that is not understood means all bookings, page 1. */
export function parsePlanBookingsFilter(url: URL): PlanBookingsFilter {
  const marked = url.searchParams.get("marked") ?? "";
  return { marked: (PLAN_MARKED as readonly string[]).includes(marked) ? (marked as PlanMarked) : undefined, page: pageParam(url) };
}

/** The list's own address: the period (and district), the filter and a page after the first. */
export function planBookingsPath(period: Period, districtId: number | undefined, f: PlanBookingsFilter): string {
  const s = new URLSearchParams(periodSearch(period, districtId));
  if (f.marked) s.set("marked", f.marked);
  if (f.page > 1) s.set("page", String(f.page));
  return `${KOMM_AN_PATH}?${s.toString()}`;
}

/**
 * Where to go after a booking was marked: the list page the form was on (`back`, a relative
 * `/office/reports/komm-an?…` path), at the list; anything else (another path, another site) is
 * `fallback`.
 */
export function planBookingsReturnPath(back: string | undefined, fallback: string): string {
  const url = new URL(safeRedirectTarget(back, fallback), "http://local.invalid");
  return `${url.pathname === KOMM_AN_PATH ? `${KOMM_AN_PATH}${url.search}` : fallback}#${PLAN_BOOKINGS_ANCHOR}`;
}

/**
 * One page of the confirmed bookings of a period for the room occupancy plan: room, time, group
 * and purpose (what the office decides by), never the contact person; with the office's
 * integration mark. The database filters (all, marked, not marked), counts and pages, in time
 * order; `page` is clamped to the pages there are.
 */
export async function listPlanBookings(actor: Actor, period: Pick<Period, "fromIso" | "toIso">, f: PlanBookingsFilter) {
  if (!can(actor, "read:report:any")) throw forbidden();
  const q = getDb()
    .selectFrom("booking as b")
    .where("b.status", "=", "confirmed")
    .where("b.starts_at", ">=", period.fromIso)
    .where("b.starts_at", "<", period.toIso)
    .$if(f.marked !== undefined, (w) => w.where("b.integration_purpose", "=", f.marked === "yes" ? 1 : 0));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const page = clampPage(f.page, Number(total), PLAN_BOOKINGS_PAGE_SIZE);
  const items = await q
    .innerJoin("room as r", "r.id", "b.room_id")
    .select(["b.id", "r.name as room", "b.starts_at", "b.ends_at", "b.group_name", "b.purpose", "b.integration_purpose"])
    .orderBy("b.starts_at")
    .orderBy("b.id")
    .limit(PLAN_BOOKINGS_PAGE_SIZE)
    .offset((page - 1) * PLAN_BOOKINGS_PAGE_SIZE)
    .execute();
  return { items, total: Number(total), page, pageSize: PLAN_BOOKINGS_PAGE_SIZE };
}

/** The office marks whether a booking serves the integration purpose (KOMM-AN block A). */
export async function setBookingIntegration(actor: Actor, bookingId: number, counts: boolean, now = new Date()) {
  requireManage(actor);
  if (!can(actor, "manage:room:any")) throw forbidden();
  await transaction(async (trx) => {
    const found = await trx.selectFrom("booking").select("id").where("id", "=", bookingId).executeTakeFirst();
    if (!found) throw notFound();
    await trx.updateTable("booking").set({ integration_purpose: counts ? 1 : 0 }).where("id", "=", bookingId).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "booking", entityId: bookingId, details: { integrationPurpose: counts }, now });
  });
}
