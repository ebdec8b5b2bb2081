/**
 * Queries that give the same answers on SQLite and PostgreSQL (issue #13): names in German order
 * (Ä with A, Ö with O, ß as ss, any case), searches that ignore case for umlauts and Arabic
 * (through the stored keys of migration 0030, kept by the commands), and the offers' photo ids
 * without SQLite's group_concat. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/permissions";
import { updateProfile } from "../../app/modules/accounts/commands.server";
import { listAssignments, listHelpersOn, searchVolunteers } from "../../app/modules/coverage/assignments.server";
import { listHouseholds } from "../../app/modules/donations/households.server";
import { listOffersForOffice } from "../../app/modules/donations/review.server";
import { createOrganisation, updateOrganisation } from "../../app/modules/organisations/commands.server";
import { listOrganisations } from "../../app/modules/organisations/queries.server";
import type { OrganisationInput } from "../../app/modules/organisations/schema";
import { listUsers } from "../../app/modules/users/queries.server";
import { berlinDay } from "../../app/utils/dates";
import { getDb } from "../../app/utils/db.server";
import { createTestUser, createTestVolunteer } from "../factories";
import { createTestAssignment } from "../factories/coverage";
import { createTestHousehold, createTestOffer } from "../factories/donations";
import { createTestOfferPhoto } from "../factories/links";

const today = berlinDay(new Date());
let office: Actor;

const actorOf = (user: { id: string; email: string; roles: Actor["roles"] }): Actor => ({
  userId: user.id,
  email: user.email,
  name: "Konrad Admin",
  locale: "de",
  emailVerified: true,
  roles: user.roles,
  organisationIds: [],
});

/** The names of the users found by `q` (in their name or e-mail), in the list's order (one page is enough here). */
async function usersListed(q: string) {
  const r = await listUsers(office, { q, page: 1 });
  return r.items.map((u) => u.name);
}

beforeAll(async () => {
  office = actorOf(await createTestUser(getDb(), { name: "Konrad Admin", roles: ["admin", "coordinator"] }));
});

describe("names in German order on every engine", () => {
  beforeAll(async () => {
    const db = getDb();
    for (const name of ["Peters", "Özdemir", "Zander", "Olsen", "adler", "Ahrens", "Strauch", "Straße", "Stras"]) {
      await createTestUser(db, { name, email: `order-${name.length}-${Math.random().toString(36).slice(2, 8)}@example.org` });
    }
  });

  it("sorts Ö between O and P, ß as ss, lower-case names among upper-case ones", async () => {
    expect(await usersListed("order-")).toEqual(["adler", "Ahrens", "Olsen", "Özdemir", "Peters", "Stras", "Straße", "Strauch", "Zander"]);
  });

  it("counts what the search finds in the page's own query, also on an empty page", async () => {
    const found = await listUsers(office, { q: "order-", page: 1 });
    expect(found.total).toBe(9);
    expect(await listUsers(office, { q: "order-", page: 2 })).toMatchObject({ items: [], total: 9 });
    expect(await listUsers(office, { q: "niemand-so", page: 1 })).toMatchObject({ items: [], total: 0 });
    // A user with two roles is one item with both, and counted once.
    expect((await listUsers(office, { q: "Konrad", page: 1 })).items.find((u) => u.name === "Konrad Admin")?.roles.sort()).toEqual(["admin", "coordinator"]);
  });

  it("follows a rename through the command that writes the name", async () => {
    const zander = (await getDb().selectFrom("user").select("id").where("name", "=", "Zander").executeTakeFirstOrThrow()).id;
    await updateProfile({ userId: zander, name: "Äbel" });
    expect((await usersListed("order-"))[0]).toBe("Äbel");
    await updateProfile({ userId: zander, name: "Zander" });
    expect((await usersListed("order-")).at(-1)).toBe("Zander");
  });

  it("lists organisations in German order, also after a rename", async () => {
    const input = (name: string): OrganisationInput => ({ name, legalForm: "initiative" });
    const ids: Record<string, number> = {};
    for (const name of ["Pfadfinder Anrath", "Ökumenischer Arbeitskreis", "Offene Tür Willich", "arbeitskreis Asyl", "Zukunftswerkstatt"]) {
      ids[name] = await createOrganisation(office, input(name));
    }
    const names = async () => (await listOrganisations(office, {})).items.map((o) => o.name).filter((n) => Object.keys(ids).includes(n) || n === "Ärztenetz Willich");
    expect(await names()).toEqual(["arbeitskreis Asyl", "Offene Tür Willich", "Ökumenischer Arbeitskreis", "Pfadfinder Anrath", "Zukunftswerkstatt"]);
    await updateOrganisation(office, ids["Zukunftswerkstatt"], input("Ärztenetz Willich"));
    expect(await names()).toEqual(["arbeitskreis Asyl", "Ärztenetz Willich", "Offene Tür Willich", "Ökumenischer Arbeitskreis", "Pfadfinder Anrath"]);
    // Searched by a part, in any case, umlauts as their base letter.
    expect((await listOrganisations(office, { q: "ÖKUMEN" })).items.map((o) => o.name)).toEqual(["Ökumenischer Arbeitskreis"]);
    expect((await listOrganisations(office, { q: "arzte" })).items.map((o) => o.name)).toEqual(["Ärztenetz Willich"]);
  });
});

describe("search ignoring case for umlauts, ß and Arabic on every engine", () => {
  beforeAll(async () => {
    const db = getDb();
    for (const name of ["Hans MÜLLER", "Greta Müller", "Tom Muller", "Anna Strasse", "Jens Straße", "أحمد الخطيب", "مُحَمَّد علي", "Олена Шевченко"]) {
      await createTestUser(db, { name, email: `search-${Math.random().toString(36).slice(2, 10)}@example.org` });
    }
  });

  it("finds MÜLLER by müller, and Müller by MÜL", async () => {
    expect(await usersListed("müller")).toEqual(["Greta Müller", "Hans MÜLLER", "Tom Muller"]);
    expect(await usersListed("MÜL")).toEqual(["Greta Müller", "Hans MÜLLER", "Tom Muller"]);
  });

  it("finds Straße by strasse and Strasse by STRASSE or straße", async () => {
    // "Straße" of the order test above is found too.
    expect(await usersListed("strasse")).toEqual(["Anna Strasse", "Jens Straße", "Straße"]);
    expect(await usersListed("STRASSE")).toEqual(["Anna Strasse", "Jens Straße", "Straße"]);
    expect(await usersListed("straße")).toEqual(["Anna Strasse", "Jens Straße", "Straße"]);
  });

  it("finds an Arabic name by a part written with another alef form or without tashkeel", async () => {
    expect(await usersListed("احمد")).toEqual(["أحمد الخطيب"]);
    expect(await usersListed("إحمد")).toEqual(["أحمد الخطيب"]);
    expect(await usersListed("محمد")).toEqual(["مُحَمَّد علي"]);
  });

  it("finds a Cyrillic name in another case", async () => {
    expect(await usersListed("шевченко")).toEqual(["Олена Шевченко"]);
  });

  it("finds an e-mail address in any case, and the user's % and _ are plain characters", async () => {
    expect((await usersListed("SEARCH-")).length).toBe(8);
    expect(await usersListed("%")).toEqual([]);
    expect(await usersListed("_")).toEqual([]);
  });

  it("finds households by the contact name in any case and by the code in lower case", async () => {
    const db = getDb();
    await createTestHousehold(db, { code: "H-PQRST", contactName: "Karin MÜLLER" });
    await createTestHousehold(db, { code: "H-WXYZ2", contactName: "Samira Beispiel" });
    const codes = async (q: string) => (await listHouseholds(office, { q, page: 1 })).items.map((h) => h.code);
    expect(await codes("müller")).toEqual(["H-PQRST"]);
    expect(await codes("h-pqr")).toEqual(["H-PQRST"]);
    expect(await codes("beispiel")).toEqual(["H-WXYZ2"]);
  });
});

describe("assignments: activity and volunteer searched and sorted the German way", () => {
  let organisationId: number;
  beforeAll(async () => {
    const db = getDb();
    organisationId = await createOrganisation(office, { name: "Stadt Willich", legalForm: "city" });
    for (const name of ["Peters Vera", "Özdemir Ayşe", "Olsen Nils"]) {
      const v = await createTestVolunteer(db, { name, email: `helper-${name.length}-${Math.random().toString(36).slice(2, 8)}@example.org` });
      await createTestAssignment(db, { volunteerId: v.id, organisationId, createdBy: office.userId, activity: "Sprachcafé im Gruppenraum", startDay: "2026-01-01" });
    }
  });

  it("finds the activity by SPRACHCAFE and lists its helpers by name", async () => {
    const helpers = await listHelpersOn(office, { day: today, activity: "SPRACHCAFE" });
    expect(helpers.map((h) => h.volunteerName)).toEqual(["Olsen Nils", "Özdemir Ayşe", "Peters Vera"]);
  });

  it("finds assignments and volunteers by a name part without the umlaut", async () => {
    const { items } = await listAssignments(office, { q: "ozdemir" }, today);
    expect(items.map((a) => a.volunteerName)).toEqual(["Özdemir Ayşe"]);
    // "Özdemir" of the order test above is a volunteer too.
    expect((await searchVolunteers(office, "OZDEM")).map((v) => v.name)).toEqual(["Özdemir", "Özdemir Ayşe"]);
    expect((await searchVolunteers(office, "HELPER-")).map((v) => v.name)).toEqual(["Olsen Nils", "Özdemir Ayşe", "Peters Vera"]);
  });
});

describe("the offers' photo ids without group_concat", () => {
  it("gives each offer on the page its own photos, in order, and none to an offer without", async () => {
    const db = getDb();
    const none = await createTestOffer(db, { reviewState: "pending" });
    const one = await createTestOffer(db, { reviewState: "pending" });
    const two = await createTestOffer(db, { reviewState: "pending" });
    const p1 = await createTestOfferPhoto(db, one.id, Buffer.from("a"));
    const p2 = await createTestOfferPhoto(db, two.id, Buffer.from("b"));
    const p3 = await createTestOfferPhoto(db, two.id, Buffer.from("c"));
    const { items } = await listOffersForOffice(office, "pending", 1);
    const photos = new Map(items.map((i) => [i.id, i.photoIds]));
    expect(photos.get(none.id)).toEqual([]);
    expect(photos.get(one.id)).toEqual([p1.id]);
    expect(photos.get(two.id)).toEqual([p2.id, p3.id]);
  });
});
