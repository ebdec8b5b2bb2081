import { requirePermission, type Actor } from "~/auth/permissions";
import { getFixedT } from "~/i18n/i18next.server";
import { categoryName, categoryNameColumns } from "~/modules/donations/category-names";
import { pagedExport } from "~/modules/exports/paged.server";
import { getDb } from "~/utils/db.server";
import { addDaysToDay, berlinDay, berlinToInstant } from "~/utils/dates";
import { pageParam } from "~/utils/params";
import { dayParam, type ExportArgs } from "./list-exports.server";
import { lastDayOf, type Period } from "./period";

/**
 * Drill-down (issue #16): a report figure links to the office list that shows the records behind
 * it, with the list's own filters for the report's period (days inclusive) and district. Keys are
 * `<table key>:<row id>` of the report's tables. A figure whose list cannot filter by district has
 * no link when the report is for one district (the list would show more than the figure counts).
 */
export function drillDownLinks(period: Pick<Period, "from" | "to">, districtId?: number): Record<string, string> {
  const from = period.from;
  const to = lastDayOf(period);
  const qs = (o: Record<string, string | number | undefined>) => new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)])).toString();
  const links: Record<string, string> = {
    "volunteers.totals:active": `/office/volunteers?${qs({ in: "active", from, to, districtId })}`,
    "volunteers.totals:new": `/office/volunteers?${qs({ in: "new", from, to, districtId })}`,
    "donations.totals:handedOver": `/office/donations/handed-over?${qs({ from, to, districtId })}`,
  };
  if (!districtId) {
    links["hours.confirmed:hoursConfirmed"] = `/office/hours?${qs({ status: "confirmed", from, to })}`;
    links["hours.people:hourEntries"] = `/office/hours?${qs({ status: "confirmed", from, to })}`;
    links["assignments.totals:running"] = `/office/assignments?${qs({ from, to })}`;
  }
  return links;
}

export const HANDED_OVER_PAGE_SIZE = 25;
export type HandedOverFilters = { from?: string; to?: string; districtId?: number; page: number };

export function parseHandedOverFilters(url: URL): HandedOverFilters {
  const d = url.searchParams.get("districtId") ?? "";
  return { from: dayParam(url, "from"), to: dayParam(url, "to"), districtId: /^\d{1,9}$/.test(d) && Number(d) > 0 ? Number(d) : undefined, page: pageParam(url) };
}

/**
 * Donations handed over (the report's "handed over" figure): reservations marked handed over,
 * by the day they were (Berlin), in the offer's pickup district — as the report counts them.
 * Household codes only, no names. Newest first.
 */
export async function listHandedOver(actor: Actor, f: HandedOverFilters) {
  requirePermission(actor, "manage:donation:any");
  const db = getDb();
  let q = db
    .selectFrom("donation_match as m")
    .innerJoin("donation_offer as o", "o.id", "m.offer_id")
    .where("m.state", "=", "handed_over")
    .where("m.outcome_at", "is not", null);
  if (f.from) q = q.where("m.outcome_at", ">=", berlinToInstant(f.from).toISOString());
  if (f.to) q = q.where("m.outcome_at", "<", berlinToInstant(addDaysToDay(f.to, 1)).toISOString());
  if (f.districtId) q = q.where("o.pickup_district_id", "=", f.districtId);
  const page = Math.max(1, f.page);
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    q
      .innerJoin("donation_need as n", "n.id", "m.need_id")
      .innerJoin("household as h", "h.id", "n.household_id")
      .innerJoin("donation_category as c", "c.id", "o.category_id")
      .leftJoin("district as d", "d.id", "o.pickup_district_id")
      .select(["m.id", "m.quantity", "m.outcome_at", "m.handover_mode", "h.code", "d.name as district", ...categoryNameColumns("c")])
      .orderBy("m.outcome_at", "desc")
      .orderBy("m.id", "desc")
      .limit(HANDED_OVER_PAGE_SIZE)
      .offset((page - 1) * HANDED_OVER_PAGE_SIZE)
      .execute(),
  ]);
  return { items: rows.map((r) => ({ ...r, day: berlinDay(r.outcome_at!) })), total: Number(total), page, pageSize: HANDED_OVER_PAGE_SIZE };
}

export async function exportHandedOver(actor: Actor, f: Omit<HandedOverFilters, "page">, args: ExportArgs) {
  const t = await getFixedT(args.lang, "reports");
  return pagedExport(actor, {
    list: "donations-handed-over",
    format: args.format,
    filter: f,
    sheet: t("handedOver.title"),
    filename: `uebergeben-${args.today}`,
    now: args.now,
    columns: [
      { header: t("handedOver.day"), kind: "day" },
      { header: t("handedOver.category") },
      { header: t("handedOver.quantity"), kind: "number" },
      { header: t("handedOver.household") },
      { header: t("handedOver.district") },
    ],
    page: (n) => listHandedOver(actor, { ...f, page: n }),
    row: (r) => [r.day, categoryName(r, args.lang), Number(r.quantity), r.code, r.district ?? ""],
  });
}
