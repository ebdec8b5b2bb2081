/**
 * The office's open needs (`/office/donations`): urgent first, then oldest first, 25 a page, with
 * filters by category (and everything below it), district, urgency and a part of the household
 * code. Needs that are not open, and erased households, never appear. Office only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as overview from "../../../app/routes/office.donations._index";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";
import { categoryId, createTestHousehold, createTestNeed } from "../../factories/donations";

let coordinator: string;
type Item = { id: number; code: string; urgency: string; created_at: string; name_de: string; district: string | null };
const ids: Record<string, number> = {};
let household: { id: number; code: string };

async function list(qs = "") {
  const res = await run(overview.loader, makeRequest(`/office/donations?${qs}`, { cookie: coordinator }));
  expect(res.status, qs).toBe(200);
  return res.data as { result: { items: Item[]; total: number; page: number; pageSize: number }; ignored: boolean; filters: Record<string, unknown> };
}

async function all(qs = ""): Promise<Item[]> {
  const out: Item[] = [];
  for (let page = 1; ; page++) {
    const { result } = await list(`${qs}&page=${page}`);
    out.push(...result.items);
    if (page * result.pageSize >= result.total) return out;
  }
}

beforeAll(async () => {
  const db = getDb();
  coordinator = await sessionCookie((await createTestUser(db, { roles: ["coordinator"] })).id);
  household = await createTestHousehold(db, { districtId: 2, code: "H-LIST01" });
  const other = await createTestHousehold(db, { districtId: 1, code: "H-LIST02" });
  const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n, 10)).toISOString();
  // 30 normal needs on consecutive days, 3 urgent ones (the newest), and needs that are not open.
  for (let i = 0; i < 30; i++) ids[`normal${i}`] = (await createTestNeed(db, i % 2 ? household.id : other.id, { category: i % 3 ? "wardrobe" : "kitchen", createdAt: day(i) })).id;
  for (let i = 0; i < 3; i++) ids[`urgent${i}`] = (await createTestNeed(db, household.id, { category: "bed", urgency: "urgent", createdAt: day(40 + i) })).id;
  ids.fulfilled = (await createTestNeed(db, household.id, { status: "fulfilled", createdAt: day(0) })).id;
  ids.cancelled = (await createTestNeed(db, household.id, { status: "cancelled", createdAt: day(0) })).id;
  const erased = await createTestHousehold(db, { districtId: 2, code: "H-LIST03" });
  ids.erased = (await createTestNeed(db, erased.id, { createdAt: day(0) })).id;
  await db.updateTable("household").set({ erased_at: new Date().toISOString() }).where("id", "=", erased.id).execute();
});

describe("the office's open needs", () => {
  it("lists every open need once, urgent first, then oldest first, 25 a page", async () => {
    const first = await list("code=H-LIST");
    expect(first.result.total).toBe(33);
    expect(first.result.items).toHaveLength(25);
    const every = await all("code=H-LIST");
    expect(every.map((n) => n.id)).toEqual([...[0, 1, 2].map((i) => ids[`urgent${i}`]), ...Array.from({ length: 30 }, (_, i) => ids[`normal${i}`])]);
    for (const gone of [ids.fulfilled, ids.cancelled, ids.erased]) expect(every.map((n) => n.id)).not.toContain(gone);
  });

  it("filters by a category with everything below it, district, urgency and a part of the code", async () => {
    const furniture = await categoryId(getDb(), "furniture");
    const byFurniture = await all(`code=H-LIST&categoryId=${furniture}`);
    // Wardrobes and beds are furniture; kitchen things are not.
    expect(byFurniture).toHaveLength(3 + 20);
    expect(byFurniture.every((n) => n.name_de !== "Küche")).toBe(true);
    const kitchen = await categoryId(getDb(), "kitchen");
    expect(await all(`code=H-LIST&categoryId=${kitchen}`)).toHaveLength(10);
    expect((await all("code=H-LIST&urgency=urgent")).map((n) => n.id)).toEqual([0, 1, 2].map((i) => ids[`urgent${i}`]));
    expect(await all("code=H-LIST&urgency=normal")).toHaveLength(30);
    const district2 = await all("code=H-LIST&districtId=2");
    expect(district2).toHaveLength(3 + 15);
    expect(new Set(district2.map((n) => n.code))).toEqual(new Set([household.code]));
    expect((await all("code=list02")).every((n) => n.code === "H-LIST02")).toBe(true);
    // % and _ are plain characters in the code search.
    expect((await list("code=H-LIST%25")).result.total).toBe(0);
    expect((await list("code=H_LIST")).result.total).toBe(0);
  });

  it("ignores filter values that are not among the choices, and says so; a page past the end shows the last", async () => {
    const bad = await list("code=H-LIST&categoryId=999999&districtId=abc&urgency=sofort");
    expect(bad.ignored).toBe(true);
    expect(bad.result.total).toBe(33);
    expect((await list("code=H-LIST")).ignored).toBe(false);
    const past = await list("code=H-LIST&page=99");
    expect(past.result.page).toBe(2);
    expect(past.result.items).toHaveLength(8);
  });

  it("is for the office only", async () => {
    const volunteer = await sessionCookie((await createTestVolunteer(getDb())).id);
    expect((await run(overview.loader, makeRequest("/office/donations", { cookie: volunteer }))).status).toBe(403);
    const anonymous = await run(overview.loader, makeRequest("/office/donations"));
    expect(anonymous.status).toBe(302);
  });
});
