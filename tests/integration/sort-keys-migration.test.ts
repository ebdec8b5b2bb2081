/**
 * Migration 0030 (issue #13) fills the sort and search keys of rows that existed before it, on the
 * configured engine: taken down and up again on a database with data, every key is the text's
 * `germanSortKey`, and the lists use them at once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { migration } from "../../db/migrations/2026-12-05_0030_sort_and_search_keys";
import { migration as profileNameMigration } from "../../db/migrations/2026-12-06_0062_volunteer_profile_name_order";
import type { Actor } from "../../app/auth/permissions";
import { listUsers } from "../../app/modules/users/queries.server";
import { getDb, getEngine } from "../../app/utils/db.server";
import { germanSortKey } from "../../app/utils/text-keys";
import { createTestOrganisation, createTestUser } from "../factories";
import { createTestAssignment } from "../factories/coverage";
import { createTestHousehold } from "../factories/donations";

let admin: Actor;

beforeAll(async () => {
  const db = getDb();
  const a = await createTestUser(db, { name: "Konrad Admin", roles: ["admin"] });
  admin = { userId: a.id, email: a.email, name: "Konrad Admin", locale: "de", emailVerified: true, roles: ["admin"], organisationIds: [] };
  const organisationId = (await createTestOrganisation(db, { name: "Ökumenischer Arbeitskreis" })).id;
  for (const name of ["Zoë Peters", "Özdemir Ayşe", "olsen nils", "أحمد الخطيب"]) {
    const u = await createTestUser(db, { name, email: `backfill-${germanSortKey(name).length}-${Math.random().toString(36).slice(2, 8)}@example.org` });
    await createTestAssignment(db, { volunteerId: u.id, organisationId, createdBy: a.id, activity: "Hausaufgabenhilfe Ärzteviertel" });
  }
  const erased = await createTestUser(db, { name: "—" });
  await db.insertInto("cover_evidence").values({ user_id: erased.id, name: "Jürgen Straße", name_key: "", erased_at: new Date().toISOString(), kept_until: "2036-12-31" }).execute();
  await createTestHousehold(db, { contactName: "Karin MÜLLER" });
  await createTestHousehold(db, { contactName: null });
});

describe("migration 0030 on existing rows", () => {
  it("computes every key from the stored text when it runs (down, then up again)", async () => {
    const db = getDb();
    const m = migration(getEngine());
    // Migration 0062's triggers read `user.name_key`: down in reverse order, up again in order.
    const later = profileNameMigration(getEngine());
    await later.down!(db);
    await m.down!(db);
    await m.up(db);
    await later.up(db);
    for (const table of ["user", "organisation", "cover_evidence"] as const) {
      const rows = await db.selectFrom(table).select(["name", "name_key"]).execute();
      expect(rows.length, table).toBeGreaterThan(0);
      for (const r of rows) expect(r.name_key, `${table}: ${r.name}`).toBe(germanSortKey(r.name));
    }
    const households = await db.selectFrom("household").select(["contact_name", "contact_name_key"]).execute();
    expect(households.map((h) => h.contact_name_key).sort()).toEqual([null, "karin muller"].sort());
    const activities = await db.selectFrom("assignment").select(["activity", "activity_key"]).execute();
    expect(activities.map((a) => a.activity_key)).toEqual(activities.map(() => "hausaufgabenhilfe arzteviertel"));
  });

  it("leaves the user list in German order afterwards", async () => {
    const names = (await listUsers(admin, { q: "backfill-", page: 1 })).items.map((u) => u.name);
    expect(names).toEqual(["olsen nils", "Özdemir Ayşe", "Zoë Peters", "أحمد الخطيب"]);
  });
});
