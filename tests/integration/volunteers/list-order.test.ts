/**
 * The office volunteer list pages in SQL by name (German order: its key, then the name) and id
 * (list.server.ts, ADR 0019): broad and selective filters must give the same pages as a plain
 * sort by key, name and id, and follow renames
 * and erasures at once (nothing is kept between requests).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as list from "../../../app/routes/office.volunteers._index";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";
import { germanSortKey } from "../../../app/utils/text-keys";

let coordinator: string;
const PAGE = 25;

type Item = { id: string; name: string; district: string | null };

async function page(qs: string, n: number) {
  const res = await run(list.loader, makeRequest(`/office/volunteers?${qs}&page=${n}`, { cookie: coordinator }));
  expect(res.status, qs).toBe(200);
  return res.data.result as { items: Item[]; total: number };
}

async function allPages(qs: string): Promise<Item[]> {
  const out: Item[] = [];
  for (let n = 1; ; n++) {
    const r = await page(qs, n);
    out.push(...r.items);
    if (n * PAGE >= r.total) return out;
  }
}

/** What the list must show: every volunteer the predicate lets through, by name (German order: key, then name), then id. */
async function expected(keep: (v: { name: string; languages: string[] }) => boolean): Promise<string[]> {
  const db = getDb();
  const rows = await db.selectFrom("volunteer_profile as p").innerJoin("user as u", "u.id", "p.user_id").select(["p.user_id as id", "u.name"]).where("p.erased_at", "is", null).execute();
  const langs = await db.selectFrom("volunteer_language").select(["user_id", "language_code"]).execute();
  return rows
    .filter((r) => keep({ name: r.name, languages: langs.filter((l) => l.user_id === r.id).map((l) => l.language_code) }))
    .map((r) => ({ ...r, key: germanSortKey(r.name) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.id);
}

beforeAll(async () => {
  const db = getDb();
  coordinator = await sessionCookie((await createTestUser(db, { roles: ["coordinator"] })).id);
  // 300 volunteers; "Ordnung" names repeat (the id decides between equal names); half speak Tigrinya.
  for (let i = 0; i < 300; i++) {
    const name = i % 10 === 0 ? `Ordnung ${String(i % 3)}` : `Person ${String((i * 7919) % 1000).padStart(3, "0")}`;
    await createTestVolunteer(db, { name, languages: i % 2 ? [{ code: "ti", level: "B1" }] : [{ code: "de", level: "native" }] });
  }
});

describe("the volunteer list in name order, page by page", () => {
  it("gives the same pages either way as a sort by name and id", async () => {
    expect((await allPages("")).map((i) => i.id)).toEqual(await expected(() => true));
    expect((await allPages("language=ti")).map((i) => i.id)).toEqual(await expected((v) => v.languages.includes("ti")));
    const ordnung = await allPages("q=Ordnung");
    expect(ordnung).toHaveLength(30);
    expect(ordnung.map((i) => i.id)).toEqual(await expected((v) => v.name.includes("Ordnung")));
    expect(ordnung.every((i) => i.district !== undefined)).toBe(true);
    // Past the last page: empty, with the total.
    const past = await page("q=Ordnung", 3);
    expect(past.items).toEqual([]);
    expect(past.total).toBe(30);
  });

  it("follow a rename and an erasure at once ", async () => {
    const db = getDb();
    const before = await allPages("q=Ordnung");
    const [first, second] = before;
    await db.updateTable("user").set({ name: "Ordnung 9 umbenannt", name_key: germanSortKey("Ordnung 9 umbenannt") }).where("id", "=", first.id).execute();
    const renamed = await allPages("q=Ordnung");
    expect(renamed.at(-1)?.id).toBe(first.id);
    expect(renamed.at(-1)?.name).toBe("Ordnung 9 umbenannt");
    await db.updateTable("volunteer_profile").set({ erased_at: new Date().toISOString() }).where("user_id", "=", second.id).execute();
    const erased = await allPages("q=Ordnung");
    expect(erased.map((i) => i.id)).not.toContain(second.id);
    expect(erased).toHaveLength(29);
    expect(erased.map((i) => i.id)).toEqual(await expected((v) => v.name.includes("Ordnung")));
  });

  it("the profile's copy of the name (migration 0062) is kept by the database, whoever writes", async () => {
    const db = getDb();
    const mismatched = () =>
      db
        .selectFrom("volunteer_profile as p")
        .innerJoin("user as u", "u.id", "p.user_id")
        .select(["p.user_id", "p.name", "u.name as userName"])
        .where((e) => e.or([e("p.name", "<>", e.ref("u.name")), e("p.name_key", "<>", e.ref("u.name_key"))]))
        .execute();
    expect(await mismatched()).toEqual([]);
    // A profile written directly for an existing user takes the user's name.
    const u = await createTestUser(db, { name: "Ännchen Direkt" });
    await db.insertInto("volunteer_profile").values({ user_id: u.id, status: "registered", status_changed_at: "2026-12-06T10:00:00.000Z", has_car: 0, created_at: "2026-12-06T10:00:00.000Z", updated_at: "2026-12-06T10:00:00.000Z" }).execute();
    expect(await db.selectFrom("volunteer_profile").select(["name", "name_key"]).where("user_id", "=", u.id).executeTakeFirstOrThrow()).toEqual({ name: "Ännchen Direkt", name_key: germanSortKey("Ännchen Direkt") });
    // A rename of the user reaches the profile; another user's update leaves it alone.
    await db.updateTable("user").set({ name: "Änne Neu", name_key: germanSortKey("Änne Neu") }).where("id", "=", u.id).execute();
    await db.updateTable("user").set({ locale: "en" }).where("id", "=", u.id).execute();
    expect(await db.selectFrom("volunteer_profile").select(["name", "name_key"]).where("user_id", "=", u.id).executeTakeFirstOrThrow()).toEqual({ name: "Änne Neu", name_key: germanSortKey("Änne Neu") });
    expect(await mismatched()).toEqual([]);
    // In German order with the rest: "Änne" sorts with "A", before "Ordnung" and "Person".
    expect((await page("", 1)).items[0]).toMatchObject({ id: u.id, name: "Änne Neu" });
  });
});
