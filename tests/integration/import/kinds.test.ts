/**
 * The import's further kinds (issue #17): associations, households with their needs, donation
 * offers — on the same machinery as volunteers (upload → header → mapping → plan → run → undo).
 * Fixtures: CSV with `;` in Windows-1252 with umlauts, XLSX with Arabic names, hostile cells.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { listDirectory } from "../../../app/modules/associations/directory.server";
import { eraseHousehold, recordHouseholdConsent } from "../../../app/modules/donations/household-privacy.server";
import { listOpenNeeds, needsForOffer } from "../../../app/modules/donations/matching.server";
import { listPublicNeeds } from "../../../app/modules/donations/public-needs.server";
import { confirmMatch } from "../../../app/modules/donations/reserve.server";
import { confirmBatch, createBatch, decideRow, dryRun, mappingView, saveMapping, setHeaderRow, setOptions } from "../../../app/modules/import/batches.server";
import { pendingConsentCount } from "../../../app/modules/import/household-kind.server";
import { deleteExpiredImportRows, dueImportRows } from "../../../app/modules/import/retention.server";
import { runBatch, undoBatch, undoCheck } from "../../../app/modules/import/run.server";
import type { ImportKind } from "../../../app/modules/import/limits";
import { retentionOverview } from "../../../app/modules/privacy/retention.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { createTestUser } from "../../factories";
import { addTestAssociationProfile } from "../../factories/associations";
import { categoryId, createTestHousehold, createTestOffer } from "../../factories/donations";
import { createTestOrganisation } from "../../factories";
import { csvBytes, db, officeActor, rowsOf } from "./helpers";

let office: Awaited<ReturnType<typeof officeActor>>;
beforeAll(async () => {
  office = await officeActor();
});

async function xlsxBytes(rows: (string | number | { formula: string; result: string })[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Liste");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Upload → header → suggested mapping → plan, as the office would click through. */
async function prepared(kind: ImportKind, bytes: Uint8Array, fileName = "liste.csv") {
  const id = await createBatch(office, { kind, fileName, bytes });
  const batch = await db().selectFrom("import_batch").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  await setHeaderRow(office, id, batch.header_row);
  const view = await mappingView(id, batch.header_row, kind);
  await saveMapping(office, id, view.suggestion);
  return id;
}

const planOf = async (batchId: number) =>
  Object.fromEntries((await rowsOf(batchId)).map((r) => [r.row_no, { plan: r.plan, errors: r.errors ? (JSON.parse(r.errors) as Record<string, string[]>) : null, target: r.target_id, candidate: r.candidate_id }]));

async function runToEnd(id: number) {
  await confirmBatch(office, id);
  expect(await runBatch(id)).toBe("done");
  return db().selectFrom("import_batch").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

const district = async (name: string) => (await db().selectFrom("district").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

describe("associations", () => {
  const header = ["Vereinsname", "Rechtsform", "Registernummer", "Registergericht", "Straße", "PLZ", "Ort", "Ortsteil", "E-Mail", "Website", "Handlungsfelder", "Sprachen", "Barrierefrei", "Beitrag", "Versicherung", "Policennummer", "Versichert bis", "Beschreibung"];

  it("suggests the columns from German and English headers, and remembers the office's choice per kind", async () => {
    const de = await createBatch(office, { kind: "organisations", fileName: "v.csv", bytes: csvBytes([header, header.map(() => "x")]) });
    await setHeaderRow(office, de, 1);
    expect((await mappingView(de, 1, "organisations")).suggestion).toEqual([
      "name", "legalForm", "registerNumber", "registerCourt", "street", "postalCode", "town", "district", "email", "website", "fields", "languages", "barrierFree", "fees", "insurer", "policyNumber", "policyValidUntil", "description",
    ]);
    const en = await createBatch(office, { kind: "organisations", fileName: "a.csv", bytes: csvBytes([["Association", "Legal form", "Address", "Postcode", "City", "District", "Email", "Languages spoken", "Fields of action", "Accessible", "Notes"], Array(11).fill("x")]) });
    await setHeaderRow(office, en, 1);
    expect((await mappingView(en, 1, "organisations")).suggestion).toEqual(["name", "legalForm", "street", "postalCode", "town", "district", "email", "languages", "fields", "barrierFree", null]);
    // "Notes" means the description for associations; for volunteers the same header stays unmapped.
    await saveMapping(office, en, ["name", "legalForm", "street", "postalCode", "town", "district", "email", "languages", "fields", "barrierFree", "description"]);
    const again = await createBatch(office, { kind: "organisations", fileName: "b.csv", bytes: csvBytes([["Notes", "Email"], ["x", "y@example.org"]]) });
    await setHeaderRow(office, again, 1);
    expect((await mappingView(again, 1, "organisations")).suggestion).toEqual(["description", "email"]);
    const vol = await createBatch(office, { kind: "volunteers", fileName: "c.csv", bytes: csvBytes([["Notes", "Email"], ["x", "y@example.org"]]) });
    await setHeaderRow(office, vol, 1);
    expect((await mappingView(vol, 1, "volunteers")).suggestion).toEqual([null, "email"]);
    await expect(saveMapping(office, again, [null, "website"])).rejects.toMatchObject({ key: "import:errors.needIdentityOrganisations" });
  });

  it("Windows-1252 CSV: validated with the profile form's rules, matched by register number, pending until verified, undo", async () => {
    const existing = await createTestOrganisation(db(), { name: "Turnverein Anrath 1888 e.V.", legalForm: "registered_association" });
    await addTestAssociationProfile(db(), existing.id, { status: "verified" });
    await db().updateTable("association_profile").set({ register_number: "VR 4711", register_court: "Amtsgericht Krefeld", fees: "24 € im Jahr" }).where("organisation_id", "=", existing.id).execute();
    const dup = await createTestOrganisation(db(), { name: "Nähcafé Neersen", legalForm: "initiative" });
    await addTestAssociationProfile(db(), dup.id, { kind: "initiative", status: "verified" });
    await db().updateTable("organisation").set({ street: "Niersweg 12" }).where("id", "=", dup.id).execute();
    const until = addDaysToDay(berlinDay(new Date()), 300);
    const rows = [
      header,
      ["Förderverein Schützenhaus Schiefbahn e.V.", "e.V.", "VR 1234", "Amtsgericht Krefeld", "Hochstraße 5", "47877", "Willich", "Schiefbahn", "info@foerderverein.example.org", "https://foerderverein.example.org", "Kultur und Bildung; Ehrenamt", "Deutsch, Türkisch", "ja", "12 € im Jahr", "Gothaer", "P-998", dmy(until), "=HYPERLINK(\"http://evil.example\",\"klick\")"],
      ["Lesepaten Anrath", "Initiative", "", "", "Kirchplatz 1", "47877", "Willich", "Anrath", "lesepaten@example.org", "", "Kinderbetreuung/Sprache", "Deutsch", "nein", "", "", "", "", "Vorlesen in der Bücherei"],
      ["Kaputt e.V.", "e.V.", "", "", "Weg 1", "4787", "Willich", "Mars", "kaputt@example.org", "keine-url", "Raumfahrt", "Deutsch", "vielleicht", "<b>frei</b>", "", "", "", ""],
      ["", "", "VR 4711", "", "", "", "", "", "", "https://turnverein.example.org", "Gesundheit", "", "", "", "", "", "", ""],
      ["Nähcafé Neersen", "Initiative", "", "", "Niersweg 12", "47877", "Willich", "Neersen", "naehcafe@example.org", "", "Ehrenamt", "Deutsch", "", "", "", "", "", ""],
    ];
    const id = await prepared("organisations", csvBytes(rows, { encoding: "windows-1252" }));
    const batch = await db().selectFrom("import_batch").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(batch.encoding).toBe("windows-1252");
    const plan = await planOf(id);
    expect(plan[2]).toMatchObject({ plan: "create", errors: null });
    expect(plan[3]).toMatchObject({ plan: "create", errors: null });
    // A message at each bad cell, with the form's own keys.
    expect(plan[4].plan).toBe("error");
    expect(plan[4].errors).toMatchObject({
      "5": ["errors.invalidPostalCode"],
      "7": ["errors.invalidChoice"],
      "9": ["errors.invalidUrl"],
      "10": ["errors.invalidChoice"],
      "12": ["errors.invalidChoice"],
      "13": ["errors.forbiddenCharacters"],
    });
    expect(plan[4].errors!["2"]).toEqual(["associations:errors.registerRequired"]);
    expect(plan[5]).toMatchObject({ plan: "update", target: String(existing.id), errors: null });
    expect(plan[6]).toMatchObject({ plan: "duplicate", candidate: String(dup.id) });
    await decideRow(office, id, 6, "skip");
    expect(await dryRun(id)).toMatchObject({ create: 2, update: 1, errors: 1, skip: 1 });

    const done = await runToEnd(id);
    expect(done).toMatchObject({ created_count: 2, updated_count: 1, skipped_count: 2 });
    const created = await db()
      .selectFrom("organisation as o")
      .innerJoin("association_profile as p", "p.organisation_id", "o.id")
      .select(["o.id", "o.name", "o.legal_form", "o.email", "p.status", "p.register_number", "p.barrier_free", "p.description", "p.district_id"])
      .where("o.name", "in", ["Förderverein Schützenhaus Schiefbahn e.V.", "Lesepaten Anrath"])
      .orderBy("o.name")
      .execute();
    expect(created.map((c) => [c.name, c.legal_form, c.status, c.register_number, c.barrier_free])).toEqual([
      ["Förderverein Schützenhaus Schiefbahn e.V.", "registered_association", "pending", "VR 1234", 1],
      ["Lesepaten Anrath", "initiative", "pending", null, 0],
    ]);
    // The formula is kept as its text, never evaluated.
    expect(created[0].description).toBe('=HYPERLINK("http://evil.example","klick")');
    expect(created[0].district_id).toBe(await district("Schiefbahn"));
    const langs = await db().selectFrom("association_language").select("language_code").where("organisation_id", "=", created[0].id).orderBy("language_code").execute();
    expect(langs.map((l) => l.language_code)).toEqual(["de", "tr"]);
    // Nothing public until verified.
    const dir = await listDirectory({ free: false }, 1);
    expect(JSON.stringify(dir)).not.toContain("Lesepaten Anrath");
    // The update: the website and fields set, blank cells kept (name, fees).
    const updated = await db().selectFrom("organisation as o").innerJoin("association_profile as p", "p.organisation_id", "o.id").select(["o.name", "o.website", "p.fees"]).where("o.id", "=", existing.id).executeTakeFirstOrThrow();
    expect(updated).toEqual({ name: "Turnverein Anrath 1888 e.V.", website: "https://turnverein.example.org", fees: "24 € im Jahr" });
    expect(await db().selectFrom("import_external_id").select("kind").where("kind", "=", "organisations").execute()).toEqual([]);

    expect(await undoCheck(id)).toEqual([]);
    await undoBatch(office, id);
    expect(await db().selectFrom("organisation").select("id").where("name", "in", ["Förderverein Schützenhaus Schiefbahn e.V.", "Lesepaten Anrath"]).execute()).toEqual([]);
    const restored = await db().selectFrom("organisation").select("website").where("id", "=", existing.id).executeTakeFirstOrThrow();
    expect(restored.website).toBeNull();
    const fields = await db().selectFrom("association_field").select("field_id").where("organisation_id", "=", existing.id).execute();
    expect(fields.length).toBeGreaterThan(0);
  });

  it("'already verified' in the dry run: the new associations are verified and listed; undo is refused once a member joined", async () => {
    const rows = [header, ["Eltern-Café Alt-Willich", "Initiative", "", "", "Markt 3", "47877", "Willich", "Alt-Willich", "elterncafe@example.org", "", "Ehrenamt", "Deutsch, Arabisch", "", "", "", "", "", ""]];
    const id = await prepared("organisations", await xlsxBytes(rows), "vereine.xlsx");
    await setOptions(office, id, { verified: true });
    await runToEnd(id);
    const org = await db().selectFrom("organisation as o").innerJoin("association_profile as p", "p.organisation_id", "o.id").select(["o.id", "p.status", "p.decided_by"]).where("o.name", "=", "Eltern-Café Alt-Willich").executeTakeFirstOrThrow();
    expect(org).toMatchObject({ status: "verified", decided_by: office.userId });
    expect(JSON.stringify(await listDirectory({ free: false }, 1))).toContain("Eltern-Café Alt-Willich");
    const member = await createTestUser(db(), { roles: ["association_member"] });
    await db().insertInto("organisation_member").values({ user_id: member.id, organisation_id: org.id, created_at: new Date().toISOString() }).execute();
    expect(await undoCheck(id)).toHaveLength(1);
    await expect(undoBatch(office, id)).rejects.toMatchObject({ key: "import:errors.changedSince" });
  });
});

describe("households with their needs", () => {
  const header = ["Haushaltsnummer", "Kontaktperson", "E-Mail", "Telefon", "Straße", "Ortsteil", "Sprachen", "Erwachsene", "Kinder", "Bedarf 1", "Größe 1", "Saison 1", "Anzahl 1", "Bedarf 2", "Größe 2", "Saison 2", "Anzahl 2"];

  it("XLSX with Arabic names: needs with size and season where the category has them; 'consent to be recorded' keeps them from volunteers, the public and matching", async () => {
    const year = new Date().getUTCFullYear();
    const rows = [
      header,
      ["HH-17", "ليلى حداد", "leila.haddad@example.org", "02154 123456", "Niersweg 3", "Neersen", "Arabisch, Deutsch", 2, `${year - 6} ${year - 9}`, "Kinderkleidung", "128", "Winter", 2, "Tisch", "groß", "Sommer", ""],
      ["HH-18", "Olena Prykladna", "", "", "Moltkestraße 2", "Alt-Willich", "Ukrainisch", 1, "", "Fahrräder", "26 Zoll", "", 1, "", "", "", ""],
      ["HH-19", "Ohne Ortsteil", "", "", "", "", "Klingonisch", "", "1890", "Raumschiffe", "", "", "", "", "M", "", ""],
      ["HH-20", { formula: 'HYPERLINK("http://evil.example","klick")', result: "klick" }, "", "", "", "Anrath", "", 1, "", "", "", "", "", "", "", "", ""],
    ];
    const id = await prepared("households", await xlsxBytes(rows), "haushalte.xlsx");
    const plan = await planOf(id);
    expect(plan[2]).toMatchObject({ plan: "create", errors: null });
    expect(plan[3]).toMatchObject({ plan: "create", errors: null });
    expect(plan[4].plan).toBe("error");
    expect(plan[4].errors).toMatchObject({
      "5": ["errors.required"],
      "6": [expect.stringContaining("import:errors.unknownLanguage")],
      "7": ["errors.required"],
      "8": ["donations:errors.birthYears"],
      "9": ["donations:errors.unknownCategory"],
      "14": ["import:errors.needCategory"],
    });
    // A formula in a name is text, and the name rule refuses it.
    expect(plan[5].errors).toMatchObject({ "1": ["errors.invalidName"] });
    const stored = (await rowsOf(id)).find((r) => r.row_no === 5)!;
    expect(JSON.parse(stored.cells)[1]).toBe('=HYPERLINK("http://evil.example","klick")');

    const done = await runToEnd(id);
    expect(done).toMatchObject({ created_count: 2, failed_count: 0, skipped_count: 2 });
    expect(await pendingConsentCount(id)).toBe(2);
    const leila = await db().selectFrom("household").selectAll().where("contact_email", "=", "leila.haddad@example.org").executeTakeFirstOrThrow();
    expect(leila).toMatchObject({ contact_name: "ليلى حداد", adults: 2, consent_pending: 1, district_id: await district("Neersen") });
    const needs = await db().selectFrom("donation_need as n").innerJoin("donation_category as c", "c.id", "n.category_id").select(["c.slug", "n.size", "n.season", "n.quantity", "n.status"]).where("n.household_id", "=", leila.id).orderBy("c.slug").execute();
    // Size and season only where the category has them (a table has neither).
    expect(needs).toEqual([
      { slug: "clothing-children", size: "128", season: "winter", quantity: 2, status: "open" },
      { slug: "table", size: null, season: null, quantity: 1, status: "open" },
    ]);
    const kids = await db().selectFrom("household_child").select("birth_year").where("household_id", "=", leila.id).orderBy("birth_year").execute();
    expect(kids.map((k) => k.birth_year)).toEqual([year - 9, year - 6]);

    // Invisible to the public needs list, the matching lists and reservations until the consent is recorded.
    const offerId = (await createTestOffer(db(), { category: "clothing-children", size: "128", season: "winter", districtId: await district("Neersen") })).id;
    const seen = async () => ({
      public: (await listPublicNeeds()).some((n) => n.slug === "table"),
      open: (await listOpenNeeds(office, { page: 1, code: leila.code })).items.length,
      forOffer: ((await needsForOffer(office, offerId))?.candidates ?? []).some((c) => c.detail.code === leila.code),
    });
    expect(await seen()).toEqual({ public: false, open: 0, forOffer: false });
    const needId = (await db().selectFrom("donation_need").select("id").where("household_id", "=", leila.id).where("size", "=", "128").executeTakeFirstOrThrow()).id;
    await expect(confirmMatch(office, { needId, offerId, quantity: 1 })).rejects.toMatchObject({ status: 404 });
    // A sponsorship consent alone does not make the imported needs visible.
    await recordHouseholdConsent(office, leila.id, { purpose: "share-contact", languageShown: "ar", givenOn: new Date().toISOString().slice(0, 10), volunteerEmail: "nobody@example.org" }).catch(() => undefined);
    expect((await db().selectFrom("household").select("consent_pending").where("id", "=", leila.id).executeTakeFirstOrThrow()).consent_pending).toBe(1);
    await recordHouseholdConsent(office, leila.id, { purpose: "donations", languageShown: "ar", givenOn: new Date().toISOString().slice(0, 10) });
    expect(await seen()).toEqual({ public: true, open: 2, forOffer: true });
    // The household is in use now: undo is refused.
    expect((await undoCheck(id)).length).toBeGreaterThan(0);
  });

  it("CSV: matched by stable id, code or e-mail; blank cells keep data; a need needs the household's consent; undo removes created needs", async () => {
    const withConsent = await createTestHousehold(db(), { contactName: "Jörg Ärmel", contactEmail: "joerg@example.org", street: "Hauptstraße 1", adults: 2, notes: "ruft abends an" });
    const noConsent = await createTestHousehold(db(), { contactName: "Anna Ohne", contactEmail: "anna@example.org", consent: false });
    const similar = await createTestHousehold(db(), { contactName: "Gül Öztürk", contactEmail: "guel@example.org", street: "Bahnstraße 9" });
    const rows = [
      header,
      ["", "", "joerg@example.org", "", "", "", "", "3", "", "Schuhe", "42", "", "1", "", "", "", ""],
      [withConsent.code, "", "", "02154 999", "", "", "", "", "", "", "", "", "", "", "", "", ""],
      ["", "", "anna@example.org", "", "", "", "", "", "", "Bettwäsche und Decken", "", "", "", "", "", "", ""],
      ["", "Gül Öztürk", "guel.neu@example.org", "", "Bahnstraße 9", "Schiefbahn", "", "4", "", "", "", "", "", "", "", "", ""],
    ];
    const id = await prepared("households", csvBytes(rows, { encoding: "windows-1252" }));
    const plan = await planOf(id);
    expect(plan[2]).toMatchObject({ plan: "update", target: String(withConsent.id) });
    expect(plan[3]).toMatchObject({ plan: "update", target: String(withConsent.id) });
    expect(plan[4]).toMatchObject({ plan: "error", errors: { "9": ["donations:errors.noConsent"] } });
    expect(plan[5]).toMatchObject({ plan: "duplicate", candidate: String(similar.id) });
    await decideRow(office, id, 5, "create");
    const done = await runToEnd(id);
    expect(done).toMatchObject({ created_count: 1, updated_count: 2 });
    const h = await db().selectFrom("household").selectAll().where("id", "=", withConsent.id).executeTakeFirstOrThrow();
    expect(h).toMatchObject({ contact_name: "Jörg Ärmel", adults: 3, contact_phone: "02154 999", notes: "ruft abends an", consent_pending: 0 });
    const shoes = await db().selectFrom("donation_need").select(["size", "status"]).where("household_id", "=", withConsent.id).execute();
    expect(shoes).toEqual([{ size: "42", status: "open" }]);
    expect(await db().selectFrom("donation_need").select("id").where("household_id", "=", noConsent.id).execute()).toEqual([]);

    await undoBatch(office, id);
    const back = await db().selectFrom("household").selectAll().where("id", "=", withConsent.id).executeTakeFirstOrThrow();
    expect(back).toMatchObject({ adults: 2, contact_phone: "02154 000000" });
    expect(await db().selectFrom("donation_need").select("id").where("household_id", "=", withConsent.id).execute()).toEqual([]);
    expect(await db().selectFrom("household").select("id").where("contact_email", "=", "guel.neu@example.org").execute()).toEqual([]);
  });
});

describe("erasure of an imported household", () => {
  it("empties the spreadsheet rows about it and deletes the values kept for undo", async () => {
    const id = await prepared("households", csvBytes([["Kontaktperson", "Ortsteil", "Erwachsene"], ["Edda Erase", "Anrath", "1"]]));
    await runToEnd(id);
    const h = await db().selectFrom("household").select("id").where("contact_name", "=", "Edda Erase").executeTakeFirstOrThrow();
    await eraseHousehold(office, h.id);
    const row = (await rowsOf(id)).find((r) => r.row_no === 2)!;
    expect(row.cells).toBe("[]");
    expect(await db().selectFrom("import_change").select("id").where("entity", "=", "household").where("entity_id", "=", String(h.id)).execute()).toEqual([]);
  });
});

describe("donation offers", () => {
  const header = ["Spender", "E-Mail", "Telefon", "Kategorie", "Beschreibung", "Größe", "Saison", "Anzahl", "Zustand", "Verfügbar bis", "Ortsteil", "Abholadresse"];

  it("Windows-1252 CSV: the offer form's rules per cell, accepted at once without mail, duplicates for the office, undo", async () => {
    const soon = dmy(addDaysToDay(berlinDay(new Date()), 30));
    const past = dmy(addDaysToDay(berlinDay(new Date()), -3));
    const existing = await createTestOffer(db(), { category: "bed", donorEmail: "mueller@example.org", donorName: "Jürgen Müller" });
    const before = Number((await db().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const rows = [
      header,
      ["Jürgen Müller", "mueller@example.org", "02154 1", "Kinderkleidung", "Winterjacke, kaum getragen", "128", "Winter", "2", "gut", soon, "Schiefbahn", ""],
      ["Jürgen Müller", "mueller@example.org", "", "Bett", "Jugendbett", "", "", "1", "gebraucht", soon, "Schiefbahn", "Hochstraße 5"],
      ["Bärbel Böhm", "baerbel@example.org", "", "Elektrogeräte (nur geprüft)", "=1+1", "", "", "x", "kaputt", past, "Anrath", ""],
      ["Öz Kaya", "oez@example.org", "", "Tisch", "<script>alert(1)</script>", "", "", "1", "neu", soon, "Neersen", ""],
    ];
    const id = await prepared("donation-offers", csvBytes(rows, { encoding: "windows-1252" }));
    const plan = await planOf(id);
    expect(plan[2]).toMatchObject({ plan: "create", errors: null });
    expect(plan[3]).toMatchObject({ plan: "duplicate", candidate: String(existing.id) });
    expect(plan[4].plan).toBe("error");
    expect(plan[4].errors).toMatchObject({ "3": ["donations:errors.testedOnly"], "7": ["errors.invalid"], "8": ["errors.invalidChoice"], "9": ["donations:errors.untilPast"] });
    expect(plan[5].errors).toMatchObject({ "4": ["errors.forbiddenCharacters"] });
    await decideRow(office, id, 3, "create");
    const done = await runToEnd(id);
    expect(done).toMatchObject({ created_count: 2, skipped_count: 2 });
    const offers = await db().selectFrom("donation_offer").selectAll().where("donor_email", "=", "mueller@example.org").where("id", "!=", existing.id).orderBy("id").execute();
    expect(offers.map((o) => [o.size, o.season, o.quantity, o.condition, o.review_state, o.status, o.delivery])).toEqual([
      ["128", "winter", 2, "good", "accepted", "open", "donor_brings"],
      [null, null, 1, "used", "accepted", "open", "needs_pickup"],
    ]);
    expect(offers[0].pickup_district_id).toBe(await district("Schiefbahn"));
    const after = Number((await db().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
    await undoBatch(office, id);
    expect(await db().selectFrom("donation_offer").select("id").where("donor_email", "=", "mueller@example.org").execute()).toEqual([{ id: existing.id }]);
  });

  it("XLSX: a stable id finds the offer again next time; blank cells keep data", async () => {
    const soon = dmy(addDaysToDay(berlinDay(new Date()), 20));
    const first = await prepared("donation-offers", await xlsxBytes([["Nr", ...header], ["S-1", "سلمى مثال", "salma@example.org", "", "Kinderwagen", "Buggy", "", "", "1", "gut", soon, "Anrath", ""]]), "spenden.xlsx");
    await runToEnd(first);
    const second = await prepared("donation-offers", await xlsxBytes([["Nr", ...header], ["S-1", "", "", "", "", "", "", "", "3", "", "", "", ""]]), "spenden.xlsx");
    expect((await planOf(second))[2]).toMatchObject({ plan: "update" });
    await runToEnd(second);
    const offer = await db().selectFrom("donation_offer").selectAll().where("donor_email", "=", "salma@example.org").executeTakeFirstOrThrow();
    expect(offer).toMatchObject({ donor_name: "سلمى مثال", quantity: 3, description: "Buggy", category_id: await categoryId(db(), "pram") });
    // The first import cannot be undone any more: a later one changed the offer.
    expect(await undoCheck(first)).toHaveLength(1);
  });
});

describe("retention of the uploaded rows", () => {
  it("the daily task deletes the rows of batches past the period, discards unfinished ones, and the overview counts them", async () => {
    const header = ["E-Mail", "Name", "Ortsteil"];
    const finished = await prepared("volunteers", csvBytes([header, ["ret1@example.org", "Rita Retention", "Anrath"]]));
    await runToEnd(finished);
    const unfinished = await createBatch(office, { kind: "households", fileName: "h.csv", bytes: csvBytes([["Kontaktperson"], ["Lina Liegen"]]) });
    const later = new Date(Date.now() + 91 * 86_400_000);
    const due = await dueImportRows(db(), later);
    expect(due).toBeGreaterThanOrEqual(4);
    expect(await dueImportRows(db(), new Date())).toBe(0);
    const overview = await retentionOverview(office, later);
    expect(overview.rows.find((r) => r.type === "importRow")).toMatchObject({ values: { days: 90 }, due });
    const deleted = await deleteExpiredImportRows(db(), later);
    expect(deleted).toBe(due);
    expect(await rowsOf(finished)).toEqual([]);
    expect(await rowsOf(unfinished)).toEqual([]);
    const statuses = await db().selectFrom("import_batch").select(["id", "status"]).where("id", "in", [finished, unfinished]).orderBy("id").execute();
    expect(statuses).toEqual([{ id: finished, status: "done" }, { id: unfinished, status: "cancelled" }]);
  });
});
