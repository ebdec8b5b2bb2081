import type { Actor } from "~/auth/permissions";
import { organisationScope, requireOrganisationScope } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";
import { isValidDay } from "~/utils/dates";
import { safeRedirectTarget } from "~/utils/flash.server";
import { containsFolded } from "~/utils/like.server";
import { cachedCount, literalCount } from "~/utils/paging.server";
import { clampPage, dateParam, pageParam, searchParam } from "~/utils/params";
import { HOURS_STATUSES, type HoursStatus } from "./lists";

/**
 * The office's hours list (`/office/hours`): entries of one status, filtered by the volunteer's
 * name, the organisation's name and the day worked, one page at a time. The database filters, counts
 * and pages; coordinators see every organisation, association members only their own.
 */

/** As the office volunteer list. */
export const HOURS_PAGE_SIZE = 25;

export type HoursFilters = { status: HoursStatus; q?: string; org?: string; from?: string; to?: string; page: number };

/** Who may decide hours here: coordinators all organisations, association members their own; everyone else none. */
export function hoursScope(actor: Actor) {
  return organisationScope(actor, "decide:hours");
}

export function requireHoursScope(actor: Actor) {
  return requireOrganisationScope(actor, "decide:hours");
}

/**
 * The filters of the list's URL. A value that is not understood (an unknown status, a day that
 * does not exist) is left out and named in `ignored`.
 */
export function parseHoursFilters(url: URL): { filters: HoursFilters; ignored: string[] } {
  const p = url.searchParams;
  const ignored: string[] = [];
  const given = (name: string) => (p.get(name) ?? "").trim();
  const status = given("status");
  if (status && !(HOURS_STATUSES as readonly string[]).includes(status)) ignored.push("status");
  const day = (name: "from" | "to") => {
    const v = dateParam(url, name);
    if (!v) return undefined;
    if (isValidDay(v)) return v;
    ignored.push(name);
    return undefined;
  };
  const from = day("from");
  const to = day("to");
  return {
    filters: { status: (HOURS_STATUSES as readonly string[]).includes(status) ? (status as HoursStatus) : "submitted", q: searchParam(url), org: searchParam(url, "org"), from, to, page: pageParam(url) },
    ignored,
  };
}

/**
 * The list's scope and filters as one query on `hours_entry as h` (the page and the export of what
 * was filtered, `app/modules/exports`, use the same).
 */
export function hoursListQuery(actor: Actor, f: Omit<HoursFilters, "page">) {
  const scope = requireHoursScope(actor);
  const db = getDb();
  let q = db.selectFrom("hours_entry as h").where("h.status", "=", f.status);
  // Scope and organisation filter on the entry's own copy of its organisation (migration 0067,
  // hours_entry_organisation_idx: the count and a member's page from the index alone); the name
  // filter on the assignment as one sub-query. Without them the page follows the status index's
  // order (created_at, id; or decided_at, id: both with the id since migration 0064).
  if (!scope.all) q = q.where("h.organisation_id", "in", scope.organisationIds);
  if (f.org) q = q.where("h.organisation_id", "in", db.selectFrom("organisation").select("id").where(containsFolded("name_key", f.org)));
  if (f.q) q = q.where("h.assignment_id", "in", db.selectFrom("assignment as a").select("a.id").where("a.volunteer_user_id", "in", db.selectFrom("user").select("id").where(containsFolded("name_key", f.q))));
  if (f.from) q = q.where("h.day", ">=", f.from);
  if (f.to) q = q.where("h.day", "<=", f.to);
  return q;
}

/**
 * One page of hours entries of a status. Waiting entries oldest first (who waited longest is
 * decided first); decided ones newest decision first. `page` is clamped to the pages there are.
 * The name and organisation filters narrow the member's own organisations, never widen them.
 *
 * The page's entries are chosen in an inner query (id and sort key only) and joined to their
 * assignment, volunteer and organisation in the outer one, so only the page's rows are joined, not
 * every entry the filters let through (on PostgreSQL the organisation filter gathers and sorts them).
 * The total is kept as derived data per scope and filters (`cachedCount`): every write to an entry
 * or an assignment bumps "coverage", a renamed organisation or volunteer "organisations" or
 * "users". The page's size and offset are numbers in the query's text (`literalCount`), so
 * PostgreSQL keeps one plan for it (issue #13, ADR 0054).
 */
export async function listHoursToDecide(actor: Actor, f: HoursFilters) {
  const q = hoursListQuery(actor, f);
  const scope = requireHoursScope(actor);
  const countKey = JSON.stringify(["hours", scope.all ? "all" : [...scope.organisationIds].sort((x, y) => x - y), f.status, f.q ?? "", f.org ?? "", f.from ?? "", f.to ?? ""]);
  const countScopes = ["coverage", ...(f.org ? ["organisations"] : []), ...(f.q ? ["users"] : [])];
  const counted = () => cachedCount(countKey, countScopes, async () => (await q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow()).total);
  const sortKey = f.status === "submitted" ? "created_at" : "decided_at";
  const pageRows = (limit: number, offset: number, oldestFirst: boolean) => {
    const direction = oldestFirst ? "asc" : "desc";
    const entries = q
      .select(["h.id", `h.${sortKey} as sort_key`])
      .orderBy(`h.${sortKey}`, direction)
      .orderBy("h.id", direction)
      .limit(literalCount(limit))
      .offset(literalCount(offset));
    return getDb()
      .selectFrom(entries.as("pg"))
      .innerJoin("hours_entry as h", "h.id", "pg.id")
      .innerJoin("assignment as a", "a.id", "h.assignment_id")
      .innerJoin("user as u", "u.id", "a.volunteer_user_id")
      .innerJoin("organisation as o", "o.id", "a.organisation_id")
      .select(["h.id", "h.day", "h.hours", "h.note", "h.decision_reason as decisionReason", "h.created_at as createdAt", "a.activity", "o.name as organisationName", "u.name as volunteerName"])
      .orderBy("pg.sort_key", direction)
      .orderBy("pg.id", direction);
  };
  const oldestFirstOnPage = f.status === "submitted";
  if (f.page <= 1) {
    const [total, items] = await Promise.all([counted(), pageRows(HOURS_PAGE_SIZE, 0, oldestFirstOnPage).execute()]);
    return { items, total, page: 1, pageSize: HOURS_PAGE_SIZE };
  }
  const total = await counted();
  const page = clampPage(f.page, total, HOURS_PAGE_SIZE);
  // A page in the back half is read from the end (the same rows, reversed): an OFFSET walks the
  // index up to it, and the last page of 90,000 decided entries would walk all of them.
  const offset = (page - 1) * HOURS_PAGE_SIZE;
  const fromEnd = offset > total / 2;
  const limit = fromEnd ? Math.min(HOURS_PAGE_SIZE, total - offset) : HOURS_PAGE_SIZE;
  const items = await pageRows(limit, fromEnd ? total - offset - limit : offset, oldestFirstOnPage !== fromEnd).execute();
  return { items: fromEnd ? items.reverse() : items, total, page, pageSize: HOURS_PAGE_SIZE };
}

/**
 * Where to go after a decision: the list the form was on (status, filters, page), given as a
 * relative `/office/hours?…` path; anything else (another path, another site) is `/office/hours`.
 */
export function hoursReturnPath(value: FormDataEntryValue | null): string {
  const to = safeRedirectTarget(value, "/office/hours");
  const url = new URL(to, "http://local.invalid");
  return url.pathname === "/office/hours" ? `/office/hours${url.search}` : "/office/hours";
}
