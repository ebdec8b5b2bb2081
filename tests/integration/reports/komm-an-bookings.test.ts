/**
 * The KOMM-AN view's list of bookings to mark (issue #16): a year of a county has thousands, so
 * the list is paged in SQL (50 a page) with a total, filtered by the office's mark (all, marked,
 * not marked), and marking one returns to the same page and filter. The occupancy plan above it
 * still counts every booking of the period, not the page's.
 *
 * March 2026 (Berlin): 70 confirmed bookings, every fifth marked (14 marked, 56 not); besides them
 * a requested one in March and confirmed ones in February and April, which the list leaves out.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as kommAnRoute from "../../../app/routes/office.reports.komm-an";
import { PLAN_BOOKINGS_PAGE_SIZE } from "../../../app/modules/reports/events.server";
import { getDb } from "../../../app/utils/db.server";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";
import { createTestUser } from "../../factories";
import { createTestBooking, createTestRoom } from "../../factories/rooms";

const db = () => getDb();
const PATH = "/office/reports/komm-an";
const MARCH = "kind=month&month=2026-03";
const ALL = 70;
let cookie: string;
/** The March bookings in the list's order (start, then id), and whether each is marked. */
let inOrder: Array<{ id: number; marked: boolean }>;

type Page = { items: Array<{ id: number; integration_purpose: number }>; total: number; page: number; pageSize: number };
async function list(search: string): Promise<Page> {
  const res = await run(kommAnRoute.loader, makeRequest(`${PATH}?${search}`, { cookie }));
  expect(res.status).toBe(200);
  return res.data.bookings;
}
const ids = (p: Page) => p.items.map((b) => b.id);
const markedIds = () => inOrder.filter((b) => b.marked).map((b) => b.id);
const unmarkedIds = () => inOrder.filter((b) => !b.marked).map((b) => b.id);

function flag(search: string, form: Record<string, string>) {
  return run(kommAnRoute.action, makeRequest(`${PATH}?${search}`, { cookie, form: { intent: "flag", ...form } }));
}

beforeAll(async () => {
  const u = await createTestUser(db(), { roles: ["coordinator"] });
  cookie = await sessionCookie(u.id);
  const room = await createTestRoom(db(), { name: "Begegnungsraum Markt" });
  // Three a day on 2–31 March at 08:00, 11:00 and 14:00 UTC (created out of time order: the list sorts).
  const made: Array<{ id: number; startsAt: string; marked: boolean }> = [];
  for (let i = 0; i < ALL; i++) {
    const day = String(2 + (i % 30)).padStart(2, "0");
    const hour = String(8 + Math.floor(i / 30) * 3).padStart(2, "0");
    const startsAt = `2026-03-${day}T${hour}:00:00.000Z`;
    const { id } = await createTestBooking(db(), room.id, { status: "confirmed", startsAt, endsAt: `2026-03-${day}T${hour}:30:00.000Z`, purpose: `Treffen ${i}` });
    made.push({ id, startsAt, marked: i % 5 === 0 });
  }
  await db().updateTable("booking").set({ integration_purpose: 1 }).where("id", "in", made.filter((b) => b.marked).map((b) => b.id)).execute();
  inOrder = made.sort((a, b) => (a.startsAt === b.startsAt ? a.id - b.id : a.startsAt < b.startsAt ? -1 : 1)).map(({ id, marked }) => ({ id, marked }));
  // Not in March's list: only requested; confirmed in February (28 Feb, 23:00 CET) and April (1 April, 00:00 CEST).
  await createTestBooking(db(), room.id, { status: "requested", startsAt: "2026-03-10T09:00:00.000Z", endsAt: "2026-03-10T10:00:00.000Z" });
  await createTestBooking(db(), room.id, { status: "confirmed", startsAt: "2026-02-28T22:00:00.000Z", endsAt: "2026-02-28T22:30:00.000Z" });
  await createTestBooking(db(), room.id, { status: "confirmed", startsAt: "2026-03-31T22:00:00.000Z", endsAt: "2026-03-31T22:30:00.000Z" });
});

describe("the KOMM-AN bookings list, paged", () => {
  it("50 a page in time order; page 2 has the rest; the total counts the whole period", async () => {
    expect(PLAN_BOOKINGS_PAGE_SIZE).toBe(50);
    const first = await list(MARCH);
    expect(first).toMatchObject({ total: ALL, page: 1, pageSize: 50 });
    expect(ids(first)).toEqual(inOrder.slice(0, 50).map((b) => b.id));
    const second = await list(`${MARCH}&page=2`);
    expect(second).toMatchObject({ total: ALL, page: 2 });
    expect(ids(second)).toEqual(inOrder.slice(50).map((b) => b.id));
    // Every booking once over both pages.
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(ALL);
  });

  it("a page out of range is the last page; a malformed one the first", async () => {
    const beyond = await list(`${MARCH}&page=9`);
    expect(beyond.page).toBe(2);
    expect(ids(beyond)).toEqual(inOrder.slice(50).map((b) => b.id));
    for (const p of ["0", "-1", "x", "1.5"]) expect((await list(`${MARCH}&page=${p}`)).page, p).toBe(1);
  });

  it("the figures and the occupancy plan count every booking of the period, not the page's", async () => {
    const res = await run(kommAnRoute.loader, makeRequest(`${PATH}?${MARCH}&page=2&marked=yes`, { cookie }));
    expect(res.data.report.occupancy.total).toMatchObject({ bookings: ALL, integrationBookings: 14, booked: 35, integration: 7 });
  });
});

describe("the KOMM-AN bookings list, filtered by the mark", () => {
  it("marked: only those, counted and paged", async () => {
    const marked = await list(`${MARCH}&marked=yes`);
    expect(marked).toMatchObject({ total: 14, page: 1 });
    expect(ids(marked)).toEqual(markedIds());
    expect(marked.items.every((b) => b.integration_purpose === 1)).toBe(true);
    // One page only: page 2 is clamped to it.
    expect((await list(`${MARCH}&marked=yes&page=2`)).page).toBe(1);
  });

  it("not marked: 56 over two pages", async () => {
    const one = await list(`${MARCH}&marked=no`);
    expect(one).toMatchObject({ total: 56, page: 1 });
    expect(ids(one)).toEqual(unmarkedIds().slice(0, 50));
    const two = await list(`${MARCH}&marked=no&page=2`);
    expect(two).toMatchObject({ total: 56, page: 2 });
    expect(ids(two)).toEqual(unmarkedIds().slice(50));
    expect(two.items.every((b) => b.integration_purpose === 0)).toBe(true);
  });

  it("a filter value that is not understood lists all", async () => {
    expect((await list(`${MARCH}&marked=maybe`)).total).toBe(ALL);
  });
});

describe("marking from a page of the list", () => {
  it("returns to the same page and filter, at the list; the page then counts one fewer", async () => {
    const search = `${MARCH}&marked=no&page=2`;
    const back = `${PATH}?${search}`;
    const target = unmarkedIds()[52];
    const res = await flag(search, { bookingId: String(target), counts: "1", back });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${back}#bookings-h`);
    expect((await db().selectFrom("booking").select("integration_purpose").where("id", "=", target).executeTakeFirstOrThrow()).integration_purpose).toBe(1);
    inOrder.find((b) => b.id === target)!.marked = true;
    const after = await list(search);
    expect(after).toMatchObject({ total: 55, page: 2 });
    expect(ids(after)).toEqual(unmarkedIds().slice(50));
    expect(ids(after)).not.toContain(target);
    // Unmarking from the marked filter's page: back there, and the booking is not marked again.
    const undo = await flag(`${MARCH}&marked=yes`, { bookingId: String(target), counts: "0", back: `${PATH}?${MARCH}&marked=yes` });
    expect(undo.location).toBe(`${PATH}?${MARCH}&marked=yes#bookings-h`);
    inOrder.find((b) => b.id === target)!.marked = false;
    expect((await list(`${MARCH}&marked=yes`)).total).toBe(14);
  });

  it("a back target off the list (another site, another page) is replaced by the list page of the request", async () => {
    const search = `${MARCH}&marked=no&page=2`;
    const target = unmarkedIds()[0];
    for (const back of ["https://evil.example/office/reports/komm-an", "//evil.example/x", "/\\evil.example", "/office/users", "/office/reports/komm-an-x?page=2", ""]) {
      const res = await flag(search, { bookingId: String(target), counts: "0", back });
      expect(res.status, back).toBe(302);
      expect(res.location, back).toBe(`${PATH}?kind=month&month=2026-03&marked=no&page=2#bookings-h`);
    }
    // No back field at all (a form of an older page): the same.
    const res = await flag(`${MARCH}&districtId=3&page=2`, { bookingId: String(target), counts: "0" });
    expect(res.location).toBe(`${PATH}?kind=month&month=2026-03&districtId=3&page=2#bookings-h`);
  });

  it("marking the last booking of the last page leaves the list at the page before", async () => {
    // 56 not marked: page 2 has 6. Mark them all, from page 2.
    const search = `${MARCH}&marked=no&page=2`;
    for (const id of unmarkedIds().slice(50)) {
      const res = await flag(search, { bookingId: String(id), counts: "1", back: `${PATH}?${search}` });
      expect(res.location).toBe(`${PATH}?${search}#bookings-h`);
    }
    const now = await list(search);
    expect(now).toMatchObject({ total: 50, page: 1 });
    // Back as it was.
    await db().updateTable("booking").set({ integration_purpose: 0 }).where("id", "in", unmarkedIds().slice(50)).execute();
  });
});

describe("the list as the office sees it (rendered, no JavaScript needed)", () => {
  it("a form per booking of the page that posts back to this page; the pager and the filter keep the period", async () => {
    const page = await renderRoute(kommAnRoute, `${PATH}?${MARCH}&marked=no&page=2`, { cookie });
    expect(page.status).toBe(200);
    const back = `${PATH}?kind=month&amp;month=2026-03&amp;marked=no&amp;page=2`;
    // Six unmarked bookings on page 2, each its own plain POST form with the page as its back target.
    expect(page.html.match(/name="intent" value="flag"/g)?.length).toBe(6);
    expect(page.html.match(new RegExp(`name="back" value="${back.replace(/[?]/g, "\\?")}"`, "g"))?.length).toBe(6);
    // The forms post to this page's query as well (period, filter and page; the path is the test
    // router's, which mounts the page as a splat route).
    expect(page.html.match(/<form method="post" action="[^"?]*\?kind=month&amp;month=2026-03&amp;marked=no&amp;page=2" class="eh-inline-form"/g)?.length).toBe(6);
    // The pager: page 2 of 2, a link back to page 1 with period and filter, at the list.
    expect(page.text).toContain("Seite 2 von 2 (56 Einträge)");
    expect(page.html).toContain(`href="${PATH}?kind=month&amp;month=2026-03&amp;marked=no&amp;page=1#bookings-h"`);
    // The filter is a GET form that carries the period; "not marked" is chosen.
    expect(page.html).toMatch(/<input type="hidden" name="kind" value="month"\/>/);
    expect(page.html).toMatch(/<input type="hidden" name="month" value="2026-03"\/>/);
    expect(page.html).toMatch(/<option value="no" selected="">Nicht markiert<\/option>/);
    expect(page.text).not.toMatch(/kommAn\./);
    // With nothing to show for a filter, the list says so.
    await db().updateTable("booking").set({ integration_purpose: 0 }).execute();
    const none = await renderRoute(kommAnRoute, `${PATH}?${MARCH}&marked=yes`, { cookie });
    expect(none.text).toContain("Keine Buchungen mit dieser Auswahl in diesem Zeitraum.");
    await db().updateTable("booking").set({ integration_purpose: 1 }).where("id", "in", markedIds()).execute();
  });
});
