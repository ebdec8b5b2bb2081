/**
 * Issue #18, content from the database in Persian, Turkish and Russian (migration 0060 and the forms
 * that write it): donation category names (filled in for the categories migration 0005 made, entered
 * by the office for new ones, German where none is given), room texts, association offer texts, seal
 * criteria and group messages. Against a real migrated database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as needsPage from "../../app/routes/spenden._index";
import * as categoriesPage from "../../app/routes/office.donations.categories";
import * as roomEdit from "../../app/routes/office.rooms.$id._index";
import * as roomPage from "../../app/routes/raum.$id._index";
import * as roomBook from "../../app/routes/office.rooms.$id.book";
import * as officeBooking from "../../app/routes/office.rooms.bookings.$id";
import * as offerPage from "../../app/routes/angebote.$id._index";
import * as offerList from "../../app/routes/angebote._index";
import * as offerEdit from "../../app/routes/verein.angebote.$id";
import * as sealRegister from "../../app/routes/siegel._index";
import * as sealCriteria from "../../app/routes/office.seal.criteria";
import { partDefaults, roomDefaults } from "../../app/components/rooms/room-form";
import { categoryName, CATEGORY_NAME_COLUMNS } from "../../app/modules/donations/category-names";
import { categoryOf, loadDonationContext } from "../../app/modules/import/household-kind.server";
import { languageFor } from "../../app/modules/messages/recipients.server";
import { MessageFormSchema, textsOf } from "../../app/modules/messages/schema";
import { parseOpeningHours } from "../../app/modules/rooms/policy";
import { parseTranslations } from "../../app/modules/rooms/translations";
import { getDb } from "../../app/utils/db.server";
import { createTestBooking, createTestUser } from "../factories";
import { createTestAssociation, createTestAssociationOffer } from "../factories/associations";
import { createTestHousehold, createTestNeed } from "../factories/donations";
import { createTestRoom } from "../factories/rooms";
import { createTestCatalogue } from "../factories/seal";
import { makeRequest, run, sessionCookie } from "../setup/remix";
import { renderRoute } from "../setup/render";

const db = () => getDb();
const SCRIPT = { fa: /^[\u0600-\u06FF\u200C ()،-]+$/, tr: /^[A-Za-zÇçĞğİıÖöŞşÜü ()-]+$/, ru: /^[А-Яа-яЁё ()-]+$/ } as const;
/** The categories migration 0005 made. */
const SEEDED = ["furniture", "bed", "wardrobe", "table", "chair", "sofa", "shelf", "kitchen", "household", "bedding", "clothing", "clothing-women", "clothing-men", "clothing-children", "shoes", "baby-child", "pram", "cot", "high-chair", "bicycles", "school", "electrical"];

let office: string;
beforeAll(async () => {
  office = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
});

describe("donation category names in fa, tr and ru", () => {
  it("exist for every category migration 0005 made, each in its own script", async () => {
    const rows = await db().selectFrom("donation_category").select(["slug", ...CATEGORY_NAME_COLUMNS]).where("slug", "in", SEEDED).execute();
    expect(rows.map((r) => r.slug).sort()).toEqual([...SEEDED].sort());
    for (const r of rows) {
      for (const lang of ["fa", "tr", "ru"] as const) {
        const name = r[`name_${lang}`];
        expect(name, `${r.slug} ${lang}`).toMatch(SCRIPT[lang]);
        expect(name).not.toBe(r.name_de);
      }
    }
  });

  it("name what is needed on /spenden in the reader's language", async () => {
    const household = await createTestHousehold(db());
    await createTestNeed(db(), household.id, { category: "chair", quantity: 2 });
    await createTestNeed(db(), household.id, { category: "pram", quantity: 1, urgency: "urgent" });
    const expected = { de: ["Stuhl", "Kinderwagen"], fa: ["صندلی", "کالسکهٔ کودک"], tr: ["Sandalye", "Bebek arabası"], ru: ["Стул", "Детская коляска"] } as const;
    for (const [lang, names] of Object.entries(expected)) {
      const page = await renderRoute(needsPage, "/spenden", { lang: lang as keyof typeof expected });
      expect(page.status).toBe(200);
      for (const name of names) expect(page.text, `${lang}: ${name}`).toContain(name);
      if (lang !== "de") for (const german of expected.de) expect(page.text, `${lang} shows no ${german}`).not.toContain(german);
    }
  });

  it("are entered in the office's category form; an empty one shows the German name", async () => {
    const form = { intent: "category", slug: "chest-of-drawers", sizeKind: "none", nameDe: "Kommode", nameEn: "Chest of drawers", nameAr: "خزانة أدراج", nameUk: "Комод", nameFa: "کمد کشودار", nameTr: "Şifonyer", nameRu: "", active: "on" };
    const page = await renderRoute(categoriesPage, "/office/donations/categories", { cookie: office });
    for (const field of ["nameFa", "nameTr", "nameRu"]) expect(page.html).toContain(`name="${field}"`);
    expect((await run(categoriesPage.action, makeRequest("/office/donations/categories", { form, cookie: office }))).status).toBe(302);
    const row = await db().selectFrom("donation_category").selectAll().where("slug", "=", "chest-of-drawers").executeTakeFirstOrThrow();
    expect([row.name_fa, row.name_tr, row.name_ru]).toEqual(["کمد کشودار", "Şifonyer", ""]);
    expect(categoryName(row, "fa")).toBe("کمد کشودار");
    expect(categoryName(row, "ru")).toBe("Kommode");
    expect(categoryName(row, "xx")).toBe("Kommode");
    const edit = await run(categoriesPage.loader, makeRequest(`/office/donations/categories?edit=${row.id}`, { cookie: office }));
    expect(edit.data.editing).toMatchObject({ name_fa: "کمد کشودار", name_tr: "Şifonyer" });
    const tooLong = await run(categoriesPage.action, makeRequest("/office/donations/categories", { form: { ...form, slug: "x-2", nameTr: "x".repeat(81) }, cookie: office }));
    expect(tooLong.status).toBe(400);
    expect(Object.keys(tooLong.data.error)).toEqual(["nameTr"]);
  });

  it("let the import find a category by its Persian, Turkish or Russian name, and by no empty one", async () => {
    const ctx = await loadDonationContext(db());
    const chair = await db().selectFrom("donation_category").select("id").where("slug", "=", "chair").executeTakeFirstOrThrow();
    for (const name of ["صندلی", "sandalye", "Стул"]) expect(categoryOf(ctx, name)?.id, name).toBe(chair.id);
    expect(categoryOf(ctx, "")).toBeUndefined();
  });
});

describe("room texts in fa, tr and ru", () => {
  it("are entered in the room form (parts also separated by the Arabic comma) and shown to visitors", async () => {
    const roomId = (await createTestRoom(db(), { description: "Gruppenraum mit Teeküche.", parts: ["Hauptraum", "Teeküche"] })).id;
    const params = { id: String(roomId) };
    const page = await renderRoute(roomEdit, `/office/rooms/${roomId}`, { cookie: office, params });
    for (const name of ["descriptionFa", "descriptionTr", "descriptionRu", "partsFa", "partsTr", "partsRu"]) expect(page.html).toContain(`name="${name}"`);
    const d = (await run(roomEdit.loader, makeRequest(`/office/rooms/${roomId}`, { cookie: office }), params)).data;
    const form = {
      intent: "save",
      ...roomDefaults(d.room, parseOpeningHours(d.room.opening_hours), d.rules.text),
      ...partDefaults(d.parts),
      descriptionFa: "اتاق گروهی با آشپزخانهٔ کوچک.",
      partsFa: "اتاق اصلی، آشپزخانهٔ کوچک",
      descriptionTr: "Çay mutfaklı grup odası.",
      partsTr: "Ana oda, Çay mutfağı",
      descriptionRu: "Общая комната с мини-кухней.",
      partsRu: "Основной зал, ",
    };
    expect((await run(roomEdit.action, makeRequest(`/office/rooms/${roomId}`, { cookie: office, form }), params)).status).toBe(302);
    const parts = await db().selectFrom("room_part").select(["name", "name_translations"]).where("room_id", "=", roomId).orderBy("sort_order").execute();
    expect(parts.map((p) => parseTranslations(p.name_translations))).toEqual([
      { fa: "اتاق اصلی", tr: "Ana oda", ru: "Основной зал" },
      { fa: "آشپزخانهٔ کوچک", tr: "Çay mutfağı" },
    ]);
    const fa = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "fa", params });
    expect(fa.text).toContain("اتاق گروهی با آشپزخانهٔ کوچک.");
    expect(fa.text).toContain("اتاق اصلی");
    expect(fa.text).not.toContain("Gruppenraum mit Teeküche.");
    const ru = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "ru", params });
    expect(ru.text).toContain("Общая комната с мини-кухней.");
    expect(ru.text).toContain("Teeküche"); // no Russian name for it: German
    // The parts in the office's booking form and on a booking's page too (they showed German names).
    const book = await renderRoute(roomBook, `/office/rooms/${roomId}/book`, { cookie: office, params, lang: "fa" });
    expect(book.text).toContain("اتاق اصلی");
    expect(book.text).not.toContain("Hauptraum");
    const part = await db().selectFrom("room_part").select("id").where("room_id", "=", roomId).where("name", "=", "Hauptraum").executeTakeFirstOrThrow();
    const booking = await createTestBooking(db(), roomId, { status: "requested" });
    await db().updateTable("booking").set({ parts: JSON.stringify([part.id]) }).where("id", "=", booking.id).execute();
    const detail = await renderRoute(officeBooking, `/office/rooms/bookings/${booking.id}`, { cookie: office, params: { id: String(booking.id) }, lang: "tr" });
    expect(detail.text).toContain("Ana oda");
    expect(detail.text).not.toContain("Hauptraum");
  });
});

describe("the demo data's room parts", () => {
  it("are named in Persian, Turkish and Russian on the office's booking form, for the room the crawl's fixture makes (the factory's default parts)", async () => {
    const roomId = (await createTestRoom(db())).id;
    const params = { id: String(roomId) };
    for (const [lang, names] of [
      ["fa", ["اتاق اصلی", "آشپزخانهٔ کوچک", "فضای باز"]],
      ["tr", ["Ana oda", "Çay mutfağı", "Açık alan"]],
      ["ru", ["Основной зал", "Мини-кухня", "Площадка во дворе"]],
    ] as const) {
      const book = await renderRoute(roomBook, `/office/rooms/${roomId}/book`, { cookie: office, params, lang });
      expect(book.status).toBe(200);
      for (const name of names) expect(book.text, lang).toContain(name);
      for (const german of ["Hauptraum", "Teeküche", "Außenbereich"]) expect(book.text, lang).not.toContain(german);
    }
  });
});

describe("association offer texts in fa, tr and ru", () => {
  let offerId: number;
  let adminCookie: string;
  let fieldId: number;
  let districtId: number;

  beforeAll(async () => {
    const admin = await createTestUser(db(), { roles: [], name: "Vera Vorstand" });
    adminCookie = await sessionCookie(admin.id);
    fieldId = (await db().selectFrom("field_of_action").select("id").orderBy("sort_order").executeTakeFirstOrThrow()).id;
    districtId = (await db().selectFrom("district").select("id").orderBy("sort_order").executeTakeFirstOrThrow()).id;
    const org = await createTestAssociation(db(), { name: "Yy Nachbarschaft e.V.", adminIds: [admin.id] });
    offerId = (
      await createTestAssociationOffer(db(), org.id, {
        title: "Yy Sprachcafé",
        description: "Deutsch sprechen bei Tee.",
        fieldId,
        texts: [
          { locale: "fa", title: "کافهٔ زبان", description: "با چای آلمانی صحبت کنید." },
          { locale: "tr", title: "Perşembe dil kafesi", description: "Çay eşliğinde Almanca konuşun." },
        ],
      })
    ).id;
  });

  it("are stored (the database accepts the six languages, nothing else) and shown in the visitor's language", async () => {
    await expect(db().insertInto("association_offer_text").values({ offer_id: offerId, locale: "xx" as "fa", title: "x", description: "x", search_key: "x" }).execute()).rejects.toThrow();
    const header = (l: string) => ({ headers: { "Accept-Language": l } });
    const fa = await run(offerPage.loader, makeRequest(`/angebote/${offerId}`, header("fa")), { id: String(offerId) });
    expect(fa.data.offer).toMatchObject({ title: "کافهٔ زبان", fallback: false });
    const ru = await run(offerPage.loader, makeRequest(`/angebote/${offerId}`, header("ru")), { id: String(offerId) });
    expect(ru.data.offer).toMatchObject({ title: "Yy Sprachcafé", fallback: true });
    // The full-text index has the Turkish words too.
    const found = await run(offerList.loader, makeRequest(`/angebote?q=${encodeURIComponent("perşembe")}`, header("tr")));
    expect(found.data.result.items.map((i: { title: string }) => i.title)).toContain("Perşembe dil kafesi");
  });

  it("are entered in the association's offer form", async () => {
    const page = await renderRoute(offerEdit, `/verein/angebote/${offerId}`, { cookie: adminCookie, params: { id: String(offerId) } });
    for (const name of ["titleFa", "descriptionFa", "titleTr", "descriptionTr", "titleRu", "descriptionRu"]) expect(page.html).toContain(`name="${name}"`);
    const { data } = await run(offerEdit.loader, makeRequest(`/verein/angebote/${offerId}`, { cookie: adminCookie }), { id: String(offerId) });
    expect(data.defaults).toMatchObject({ titleFa: "کافهٔ زبان", titleTr: "Perşembe dil kafesi" });
    const org = await db().selectFrom("association_offer").select("organisation_id").where("id", "=", offerId).executeTakeFirstOrThrow();
    const form = {
      intent: "save",
      organisationId: String(org.organisation_id),
      title: "Yy Sprachcafé",
      description: "Deutsch sprechen bei Tee.",
      fieldId: String(fieldId),
      languages: ["de", "ru"],
      districtId: String(districtId),
      place: "",
      times: "donnerstags",
      targetGroup: "everyone",
      cost: "free",
      contactPath: "Einfach vorbeikommen",
      published: "on",
      titleFa: "کافهٔ زبان",
      descriptionFa: "با چای آلمانی صحبت کنید.",
      titleRu: "Языковое кафе",
    };
    const bad = await run(offerEdit.action, makeRequest(`/verein/angebote/${offerId}`, { form, cookie: adminCookie }), { id: String(offerId) });
    expect(bad.status).toBe(400);
    expect(bad.data.error.descriptionRu).toEqual(["directory:errors.translationPair"]);
    const ok = await run(offerEdit.action, makeRequest(`/verein/angebote/${offerId}`, { form: { ...form, descriptionRu: "Говорим по-немецки за чаем." }, cookie: adminCookie }), { id: String(offerId) });
    expect(ok.status).toBe(302);
    const texts = await db().selectFrom("association_offer_text").select(["locale", "title"]).where("offer_id", "=", offerId).orderBy("locale").execute();
    expect(texts).toEqual([
      { locale: "fa", title: "کافهٔ زبان" },
      { locale: "ru", title: "Языковое кафе" },
    ]);
  });
});

describe("seal criteria in fa, tr and ru", () => {
  it("are shown on the public register in the reader's language and copied into a new catalogue version", async () => {
    await createTestCatalogue(db(), { version: 1 });
    const fa = await renderRoute(sealRegister, "/siegel", { lang: "fa" });
    expect(fa.text).toContain("یک فرد تماس مشخص برای ادغام");
    expect(fa.text).not.toContain("Benannte Ansprechperson für Integration");
    const tr = await renderRoute(sealRegister, "/siegel", { lang: "tr" });
    expect(tr.text).toContain("Entegrasyon için belirlenmiş bir irtibat kişisi");

    const post = (form: Record<string, string>) => run(sealCriteria.action, makeRequest("/office/seal/criteria", { form, cookie: office }));
    expect((await post({ intent: "new-version" })).status).toBe(302);
    const copied = await db().selectFrom("seal_criterion").select(["title_fa", "title_ru"]).where("version", "=", 2).where("code", "=", "ansprechperson").executeTakeFirstOrThrow();
    expect(copied).toEqual({ title_fa: "یک فرد تماس مشخص برای ادغام", title_ru: "Назначенное контактное лицо по интеграции" });
    const form = { intent: "criterion", code: "sprachkurs", kind: "elective", weight: "1", titleDe: "Sprachkurse im Verein", evidenceDe: "Kursplan", titleFa: "کلاس زبان در انجمن", evidenceFa: "برنامهٔ کلاس", titleTr: "Dernekte dil kursları", titleRu: "Языковые курсы в объединении", evidenceRu: "План курсов" };
    expect((await post(form)).status).toBe(302);
    const saved = await db().selectFrom("seal_criterion").selectAll().where("version", "=", 2).where("code", "=", "sprachkurs").executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ title_fa: "کلاس زبان در انجمن", evidence_fa: "برنامهٔ کلاس", title_tr: "Dernekte dil kursları", evidence_tr: null, title_ru: "Языковые курсы в объединении", evidence_ru: "План курсов" });
  });
});

describe("group messages in fa, tr and ru", () => {
  it("take a text per language, and a volunteer reading Persian gets the Persian one", () => {
    const v = { intent: "send", subject_de: "Sommerfest", body_de: "Wir feiern.", subject_fa: "جشن تابستانی", body_fa: "جشن می‌گیریم.", subject_tr: "Yaz şenliği", body_tr: "Kutluyoruz." };
    const parsed = MessageFormSchema.safeParse(v);
    expect(parsed.success).toBe(true);
    const texts = textsOf(parsed.data!);
    expect(Object.keys(texts)).toEqual(["de", "fa", "tr"]);
    expect(languageFor("fa", texts)).toBe("fa");
    expect(languageFor("ru", texts)).toBe("de");
    const half = MessageFormSchema.safeParse({ ...v, subject_ru: "Летний праздник" });
    expect(half.error?.issues.map((i) => i.path.join("."))).toEqual(["body_ru"]);
  });
});
