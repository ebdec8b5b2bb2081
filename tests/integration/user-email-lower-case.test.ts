/**
 * Migration 0068: an account's e-mail address is stored in lower case (capitals A–Z refused by the
 * database on both engines), so the searches compare the column as stored; addresses stored with
 * capitals before are lowered by the migration, unless another account has the lowered address.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { migration } from "../../db/migrations/2026-12-06_0068_user_email_lower_case";
import type { Actor } from "../../app/auth/permissions";
import { listUsers } from "../../app/modules/users/queries.server";
import { getDb, getEngine } from "../../app/utils/db.server";
import { createTestUser } from "../factories";

let admin: Actor;
const emailOf = async (id: string) => (await getDb().selectFrom("user").select("email").where("id", "=", id).executeTakeFirstOrThrow()).email;

beforeAll(async () => {
  const a = await createTestUser(getDb(), { name: "Konrad Admin", roles: ["admin"] });
  admin = { userId: a.id, email: a.email, name: "Konrad Admin", locale: "de", emailVerified: true, roles: ["admin"], organisationIds: [] };
});

describe("e-mail addresses in lower case", () => {
  it("the database refuses an address with capitals, new or changed", async () => {
    const db = getDb();
    const u = await createTestUser(db, { name: "Gross Klein", email: "gross.klein@example.org" });
    await expect(db.insertInto("user").values({ id: "capitals01", email: "Gross.Klein2@example.org", name: "G", name_key: "g", password_hash: "!", email_verified_at: null, locale: "de", disabled_at: null, created_at: "2026-12-06T00:00:00.000Z", updated_at: "2026-12-06T00:00:00.000Z" }).execute()).rejects.toThrow(/lower case/);
    await expect(db.updateTable("user").set({ email: "GROSS.klein@example.org" }).where("id", "=", u.id).execute()).rejects.toThrow(/lower case/);
    expect(await emailOf(u.id)).toBe("gross.klein@example.org");
    // Non-Latin letters and digits are stored as the form gives them.
    await db.updateTable("user").set({ email: "grüße.42@example.org" }).where("id", "=", u.id).execute();
    expect(await emailOf(u.id)).toBe("grüße.42@example.org");
  });

  it("the users list finds an address by any case of its letters", async () => {
    await createTestUser(getDb(), { name: "Ohne Treffer Im Namen", email: "suchbar.adresse@example.org" });
    for (const q of ["SUCHBAR.Adresse", "suchbar", "ADRESSE@EXAMPLE"]) {
      expect((await listUsers(admin, { q, page: 1 })).items.map((u) => u.name), q).toEqual(["Ohne Treffer Im Namen"]);
    }
  });

  it("the migration lowers addresses stored with capitals, except where the lowered address is taken", async () => {
    const db = getDb();
    const m = migration(getEngine());
    await m.down!(db);
    const lone = await createTestUser(db, { name: "Alte Schreibweise" });
    await db.updateTable("user").set({ email: "Alte.Schreibweise@Example.org" }).where("id", "=", lone.id).execute();
    const taken = await createTestUser(db, { name: "Doppelt Klein", email: "doppelt@example.org" });
    const twin = await createTestUser(db, { name: "Doppelt Gross" });
    await db.updateTable("user").set({ email: "Doppelt@example.org" }).where("id", "=", twin.id).execute();
    await m.up(db);
    expect(await emailOf(lone.id)).toBe("alte.schreibweise@example.org");
    expect(await emailOf(taken.id)).toBe("doppelt@example.org");
    expect(await emailOf(twin.id)).toBe("Doppelt@example.org");
    await expect(db.updateTable("user").set({ email: "Neu@example.org" }).where("id", "=", lone.id).execute()).rejects.toThrow(/lower case/);
  });
});
