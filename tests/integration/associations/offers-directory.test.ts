/**
 * Offers and the public directory (issue #15): admins manage their association's offers only;
 * /vereine lists verified associations and their published offers, filtered and paged in SQL,
 * served through the page cache with the "organisations" scope; no personal data is shown.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as ownOffers from "../../../app/routes/verein.angebote._index";
import * as newOffer from "../../../app/routes/verein.angebote.neu";
import * as editOffer from "../../../app/routes/verein.angebote.$id";
import * as directory from "../../../app/routes/vereine._index";
import * as publicPage from "../../../app/routes/vereine.$id";
import { cacheKeyFor, PUBLIC_PAGES } from "../../../app/utils/page-cache.server";
import { readScopeVersions } from "../../../db/cache-scopes";
import { getDb, getEngine } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { createTestAssociation, createTestAssociationOffer } from "../../factories/associations";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

let admin: { id: string; cookie: string };
let otherAdmin: { id: string; cookie: string };
let plainMember: { id: string; cookie: string };
let orgId: number;
let otherOrgId: number;
let fields: number[];
let districts: number[];

async function user() {
  const u = await createTestUser(getDb(), { roles: [], name: "Paula Privat", email: `p-${Math.random().toString(36).slice(2)}@example.org` });
  return { id: u.id, cookie: await sessionCookie(u.id) };
}

const validOffer = (over: Record<string, string | string[]> = {}) => ({
  intent: "save",
  organisationId: String(orgId),
  title: "Boule für alle",
  description: "Wir spielen Boule im Park, Kugeln sind da.",
  fieldId: String(fields[0]),
  languages: ["de", "uk"],
  districtId: String(districts[1]),
  place: "Stadtpark",
  times: "samstags 10–12 Uhr",
  targetGroup: "seniors",
  cost: "free",
  feeNote: "",
  barrierFree: "on",
  contactPath: "Einfach vorbeikommen",
  published: "on",
  ...over,
});

beforeAll(async () => {
  fields = (await getDb().selectFrom("field_of_action").select("id").orderBy("sort_order").execute()).map((f) => f.id);
  districts = (await getDb().selectFrom("district").select("id").orderBy("sort_order").execute()).map((d) => d.id);
  admin = await user();
  otherAdmin = await user();
  plainMember = await user();
  orgId = (await createTestAssociation(getDb(), { name: "Aaa Boulefreunde e.V.", adminIds: [admin.id], memberIds: [plainMember.id] })).id;
  otherOrgId = (await createTestAssociation(getDb(), { name: "Aab Anderer Verein e.V.", adminIds: [otherAdmin.id] })).id;
});

describe("offers of an association", () => {
  it("an admin creates, edits and deletes an offer; another association's admin gets 404 on it", async () => {
    const created = await run(newOffer.action, makeRequest("/verein/angebote/neu", { form: validOffer(), cookie: admin.cookie }));
    expect(created.status).toBe(302);
    const id = Number(/\/verein\/angebote\/(\d+)$/.exec(created.location!)![1]);
    const row = await getDb().selectFrom("association_offer").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ organisation_id: orgId, title: "Boule für alle", cost: "free", target_group: "seniors", published: 1, barrier_free: 1 });
    const langs = await getDb().selectFrom("association_offer_language").select("language_code").where("offer_id", "=", id).orderBy("language_code").execute();
    expect(langs.map((l) => l.language_code)).toEqual(["de", "uk"]);

    const list = await run(ownOffers.loader, makeRequest("/verein/angebote", { cookie: admin.cookie }));
    expect(list.data.offers.map((o: { id: number }) => o.id)).toContain(id);
    const foreignList = await run(ownOffers.loader, makeRequest("/verein/angebote", { cookie: otherAdmin.cookie }));
    expect(foreignList.data.offers.map((o: { id: number }) => o.id)).not.toContain(id);

    // Another association's admin: 404 on read, edit and delete; a plain member of the same association too.
    for (const cookie of [otherAdmin.cookie, plainMember.cookie]) {
      expect((await run(editOffer.loader, makeRequest(`/verein/angebote/${id}`, { cookie }), { id: String(id) })).status).toBe(404);
      expect((await run(editOffer.action, makeRequest(`/verein/angebote/${id}`, { form: validOffer({ title: "Übernommen" }), cookie }), { id: String(id) })).status).toBe(404);
      expect((await run(editOffer.action, makeRequest(`/verein/angebote/${id}`, { form: { intent: "delete" }, cookie }), { id: String(id) })).status).toBe(404);
    }
    // Creating an offer for another association: 404, nothing written.
    const before = await getDb().selectFrom("association_offer").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect((await run(newOffer.action, makeRequest("/verein/angebote/neu", { form: validOffer({ organisationId: String(otherOrgId) }), cookie: admin.cookie }))).status).toBe(404);
    expect((await run(newOffer.loader, makeRequest("/verein/angebote/neu", { cookie: plainMember.cookie }))).status).toBe(404);
    const after = await getDb().selectFrom("association_offer").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await getDb().selectFrom("association_offer").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title).toBe("Boule für alle");

    const edited = await run(editOffer.action, makeRequest(`/verein/angebote/${id}`, { form: validOffer({ title: "Boule am Samstag", cost: "fee", feeNote: "2 € pro Termin", published: "" }), cookie: admin.cookie }), { id: String(id) });
    expect(edited.status).toBe(302);
    expect(await getDb().selectFrom("association_offer").select(["title", "cost", "fee_note", "published"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ title: "Boule am Samstag", cost: "fee", fee_note: "2 € pro Termin", published: 0 });
    const deleted = await run(editOffer.action, makeRequest(`/verein/angebote/${id}`, { form: { intent: "delete" }, cookie: admin.cookie }), { id: String(id) });
    expect(deleted.status).toBe(302);
    expect(await getDb().selectFrom("association_offer").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });
});

describe("the public directory", () => {
  it("shows only verified associations and only published offers; no personal data", async () => {
    const member = await createTestUser(getDb(), { roles: [], name: "Gerda Geheim", email: "gerda-geheim@example.org" });
    const pending = await createTestAssociation(getDb(), { name: "Abc Noch Ungeprueft", status: "pending", adminIds: [member.id] });
    await createTestAssociationOffer(getDb(), pending.id, { title: "Unsichtbares Angebot" });
    const rejected = await createTestAssociation(getDb(), { name: "Abd Abgelehnt", status: "rejected" });
    await createTestAssociationOffer(getDb(), rejected.id, { title: "Abgelehntes Angebot" });
    const shown = await createTestAssociation(getDb(), { name: "Abe Sichtbar e.V.", adminIds: [member.id] });
    await createTestAssociationOffer(getDb(), shown.id, { title: "Sichtbares Angebot" });
    await createTestAssociationOffer(getDb(), shown.id, { title: "Entwurf im Verborgenen", published: false });

    const res = await run(directory.loader, makeRequest("/vereine"));
    const text = JSON.stringify(res.data);
    expect(text).toContain("Abe Sichtbar e.V.");
    expect(text).toContain("Sichtbares Angebot");
    for (const hidden of ["Abc Noch Ungeprueft", "Unsichtbares Angebot", "Abd Abgelehnt", "Abgelehntes Angebot", "Entwurf im Verborgenen", "Gerda Geheim", "gerda-geheim@example.org", "@example.org"]) expect(text).not.toContain(hidden);
    const page = await run(publicPage.loader, makeRequest(`/vereine/${shown.id}`), { id: String(shown.id) });
    const pageText = JSON.stringify(page.data);
    expect(pageText).toContain("Sichtbares Angebot");
    for (const hidden of ["Entwurf im Verborgenen", "Gerda Geheim", "@example.org"]) expect(pageText).not.toContain(hidden);
    expect((await run(publicPage.loader, makeRequest(`/vereine/${pending.id}`), { id: String(pending.id) })).status).toBe(404);
    expect((await run(publicPage.loader, makeRequest("/vereine/999999"), { id: "999999" })).status).toBe(404);
  });

  it("filters by field, district, language and free of charge, in SQL", async () => {
    const [f1, f2] = [fields[2], fields[3]];
    const [d1, d2] = [districts[2], districts[3]];
    const a = await createTestAssociation(getDb(), { name: "Filter A", fieldIds: [f1], languages: ["de"], districtId: d1 });
    await createTestAssociationOffer(getDb(), a.id, { title: "A frei arabisch", fieldId: f2, districtId: d2, cost: "free", languages: ["ar"] });
    const b = await createTestAssociation(getDb(), { name: "Filter B", fieldIds: [f2], languages: ["uk"], districtId: d2 });
    await createTestAssociationOffer(getDb(), b.id, { title: "B mit Beitrag", fieldId: f2, districtId: d2, cost: "fee", languages: ["uk"] });
    const names = async (query: string) => {
      const res = await run(directory.loader, makeRequest(`/vereine?${query}`));
      return res.data.result.items.map((i: { name: string }) => i.name).filter((n: string) => n.startsWith("Filter ")).sort();
    };
    // The association's own field, or an offer's field.
    expect(await names(`field=${f1}`)).toEqual(["Filter A"]);
    expect(await names(`field=${f2}`)).toEqual(["Filter A", "Filter B"]);
    expect(await names(`district=${d1}`)).toEqual(["Filter A"]);
    expect(await names(`language=ar`)).toEqual(["Filter A"]);
    expect(await names(`language=uk`)).toEqual(["Filter B"]);
    expect(await names(`free=1&field=${f2}`)).toEqual(["Filter A"]);
    expect(await names(`free=1&language=uk`)).toEqual([]);
    // With filters, only the matching offers are listed under an association.
    const res = await run(directory.loader, makeRequest(`/vereine?field=${f2}&language=uk`));
    const b2 = res.data.result.items.find((i: { name: string }) => i.name === "Filter B");
    expect(b2.offers.map((o: { title: string }) => o.title)).toEqual(["B mit Beitrag"]);
    // A bad filter value is ignored, never an error page.
    expect((await run(directory.loader, makeRequest("/vereine?field=abc&language=%3Cscript%3E&page=-3"))).status).toBe(200);
  });

  it("pages in SQL: 20 per page, ordered by name", async () => {
    for (let i = 0; i < 25; i++) await createTestAssociation(getDb(), { name: `Zz Paging ${String(i).padStart(2, "0")}` });
    const total = (await run(directory.loader, makeRequest("/vereine"))).data.result.total as number;
    const lastPage = Math.ceil(total / 20);
    const last = await run(directory.loader, makeRequest(`/vereine?page=${lastPage}`));
    expect(last.data.result.page).toBe(lastPage);
    expect(last.data.result.items.length).toBe(total - (lastPage - 1) * 20);
    expect(last.data.result.items.at(-1).name).toBe("Zz Paging 24");
    // A page past the end shows the last one.
    expect((await run(directory.loader, makeRequest("/vereine?page=999"))).data.result.page).toBe(lastPage);
  });

  it("is served through the page cache with the organisations scope, which every write behind it bumps", async () => {
    const rule = cacheKeyFor({ method: "GET", path: "/vereine", search: "field=1&district=2&language=ar&free=1&page=2", header: () => undefined });
    expect(rule?.rule.scopes).toEqual(["organisations"]);
    expect(cacheKeyFor({ method: "GET", path: "/vereine/12", search: "", header: () => undefined })?.rule.scopes).toEqual(["organisations"]);
    // Not cached: a session cookie, an unknown parameter, the registration form.
    expect(cacheKeyFor({ method: "GET", path: "/vereine", search: "", header: (n) => (n === "cookie" ? "eh_session=x" : undefined) })).toBeNull();
    expect(cacheKeyFor({ method: "GET", path: "/vereine", search: "q=x", header: () => undefined })).toBeNull();
    expect(PUBLIC_PAGES.some((r) => r.path.test("/vereine/registrieren"))).toBe(false);

    const version = async () => (await readScopeVersions(getDb(), getEngine(), ["organisations"])).get("organisations")!;
    const v0 = await version();
    const offer = await createTestAssociationOffer(getDb(), orgId, { title: "Neu für den Cache" });
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);
    await getDb().updateTable("association_profile").set({ barrier_free: 1 }).where("organisation_id", "=", orgId).execute();
    const v2 = await version();
    expect(v2).toBeGreaterThan(v1);
    await getDb().deleteFrom("association_offer_language").where("offer_id", "=", offer.id).execute();
    const v3 = await version();
    expect(v3).toBeGreaterThan(v2);
    await getDb().insertInto("association_language").values({ organisation_id: orgId, language_code: "tr" }).execute();
    expect(await version()).toBeGreaterThan(v3);
  });
});
