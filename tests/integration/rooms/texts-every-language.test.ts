/**
 * Issue #18, the group room's remaining office texts in every UI language (migration 0063): the
 * house rules, the key pickup place and hours and the photos' descriptions. The office enters them
 * per language (German binding, the others optional); visitors read them in their language, German
 * where none was entered, marked `lang="de"` (pages and the confirmation mail). Bad input is refused
 * with a translated message next to its field and the input kept. Against a real migrated database
 * (SQLite, and PostgreSQL with TEST_DATABASE_URL).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import * as edit from "../../../app/routes/office.rooms.$id._index";
import * as photosPage from "../../../app/routes/office.rooms.$id.photos";
import * as roomPage from "../../../app/routes/raum.$id._index";
import * as roomList from "../../../app/routes/raum._index";
import * as requestPage from "../../../app/routes/raum.$id.anfragen";
import { roomDefaults, partDefaults } from "../../../app/components/rooms/room-form";
import { approveBooking } from "../../../app/modules/rooms/decide-booking.server";
import { parseOpeningHours } from "../../../app/modules/rooms/policy";
import { parseTranslations, ROOM_TEXT_LANGUAGES } from "../../../app/modules/rooms/translations";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { createTestBooking, createTestRoom, createTestRoomPhoto } from "../../factories/rooms";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";
import { badInputCases, HTML, KB10, type FormTarget } from "../bad-input/harness";
import { expectFieldError } from "../helpers";
import { seedRooms } from "../../../db/seed/rooms";
import { dayIn } from "./helpers";

const db = () => getDb();
let office: string;
let officeActor: Actor;

beforeAll(async () => {
  const u = await createTestUser(db(), { roles: ["coordinator"] });
  office = await sessionCookie(u.id);
  officeActor = { userId: u.id, email: u.email, name: "Kim Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
});

/** The room form as the office page fills it (every field, the translations included). */
async function formOf(roomId: number): Promise<Record<string, string>> {
  const d = (await run(edit.loader, makeRequest(`/office/rooms/${roomId}`, { cookie: office }), { id: String(roomId) })).data;
  return { intent: "save", ...roomDefaults(d.room, parseOpeningHours(d.room.opening_hours), d.rules), ...partDefaults(d.parts) };
}
const save = (roomId: number, form: Record<string, string>) => run(edit.action, makeRequest(`/office/rooms/${roomId}`, { cookie: office, form }), { id: String(roomId) });

/** The attributes of the element whose text (or alt) is `text`, as rendered. */
function tagAround(html: string, text: string): string {
  const at = html.indexOf(text);
  expect(at, `"${text}" is on the page`).toBeGreaterThan(-1);
  const open = html.lastIndexOf("<", at);
  return html.slice(open, html.indexOf(">", open) + 1);
}
/** The opening tag of the element that contains `text` (its closest enclosing list or element). */
function enclosing(html: string, text: string, tag: string): string {
  const at = html.indexOf(text);
  expect(at, `"${text}" is on the page`).toBeGreaterThan(-1);
  const open = html.lastIndexOf(`<${tag}`, at);
  return html.slice(open, html.indexOf(">", open) + 1);
}

describe("the office enters the texts per language", () => {
  it("the room form has the key pickup and house rules fields of every language and saves them", async () => {
    const { id } = await createTestRoom(db(), { name: "Raum Sprachen", keyPickupPlace: "Rathaus, Zimmer 12", keyPickupHours: "Mo–Fr 9–12 Uhr", rules: "Rauchen verboten.\nNachtruhe ab 22 Uhr." });
    const page = await renderRoute(edit, `/office/rooms/${id}`, { cookie: office, params: { id: String(id) } });
    expect(page.status).toBe(200);
    for (const lang of ROOM_TEXT_LANGUAGES) {
      const L = lang[0].toUpperCase() + lang.slice(1);
      for (const base of ["keyPickupPlace", "keyPickupHours", "rules"]) expect(page.html, `${base}${L}`).toContain(`name="${base}${L}"`);
      // Each field says what it is in the office's language, and is typed in its own.
      expect(tagAround(page.html, `name="rules${L}"`)).toContain(`lang="${lang}"`);
    }
    expect(page.text).toContain("Hausordnung auf Persisch");

    const form = {
      ...(await formOf(id)),
      keyPickupPlaceFa: "شهرداری، اتاق 12",
      keyPickupHoursFa: "دوشنبه تا جمعه 9 تا 12",
      keyPickupPlaceTr: "Belediye binası, 12 numaralı oda",
      rulesAr: "التدخين ممنوع.\nالهدوء الليلي من الساعة 22.",
      rulesRu: "Курить запрещено.\nНочной покой с 22 часов.",
    };
    expect((await save(id, form)).status).toBe(302);
    const room = await db().selectFrom("room").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(room.key_pickup_place).toBe("Rathaus, Zimmer 12");
    expect(parseTranslations(room.key_pickup_place_translations)).toEqual({ fa: "شهرداری، اتاق 12", tr: "Belediye binası, 12 numaralı oda" });
    expect(parseTranslations(room.key_pickup_hours_translations)).toEqual({ fa: "دوشنبه تا جمعه 9 تا 12" });
    const rules = await db().selectFrom("room_rules").select(["version", "text", "text_translations"]).where("room_id", "=", id).orderBy("version").execute();
    // The German text is the same; the new translations make a new version (bookings name what they read).
    expect(rules.map((r) => r.version)).toEqual([1, 2]);
    expect(rules[1].text).toBe("Rauchen verboten.\nNachtruhe ab 22 Uhr.");
    expect(parseTranslations(rules[1].text_translations)).toEqual({ ar: "التدخين ممنوع.\nالهدوء الليلي من الساعة 22.", ru: "Курить запрещено.\nНочной покой с 22 часов." });

    // The form shows them again; saving it unchanged makes no new version.
    const again = await formOf(id);
    expect(again).toMatchObject({ keyPickupPlaceFa: "شهرداری، اتاق 12", keyPickupHoursFa: "دوشنبه تا جمعه 9 تا 12", rulesRu: "Курить запрещено.\nНочной покой с 22 часов.", rulesEn: "" });
    expect((await save(id, again)).status).toBe(302);
    expect((await db().selectFrom("room_rules").select("version").where("room_id", "=", id).execute()).length).toBe(2);
    // A changed translation alone is a new version too.
    expect((await save(id, { ...again, rulesRu: "Курить запрещено." })).status).toBe(302);
    expect((await db().selectFrom("room_rules").select("version").where("room_id", "=", id).execute()).length).toBe(3);
  });

  it("the photo form takes the description per language and keeps the German one binding", async () => {
    const { id } = await createTestRoom(db(), { name: "Raum Fotos" });
    const { id: photoId } = await createTestRoomPhoto(db(), id, { alt: "Gruppenraum mit langem Tisch" });
    const params = { id: String(id) };
    const page = await renderRoute(photosPage, `/office/rooms/${id}/photos`, { cookie: office, params });
    for (const lang of ROOM_TEXT_LANGUAGES) expect(page.html).toContain(`name="alt${lang[0].toUpperCase()}${lang.slice(1)}"`);
    const form = { intent: "alt", photoId: String(photoId), alt: "Gruppenraum mit langem Tisch", altEn: "Group room with a long table", altUk: "Кімната з довгим столом", altFa: "" };
    expect((await run(photosPage.action, makeRequest(`/office/rooms/${id}/photos`, { cookie: office, form }), params)).status).toBe(302);
    const row = await db().selectFrom("room_photo").select(["alt", "alt_translations"]).where("id", "=", photoId).executeTakeFirstOrThrow();
    expect(row.alt).toBe("Gruppenraum mit langem Tisch");
    expect(parseTranslations(row.alt_translations)).toEqual({ en: "Group room with a long table", uk: "Кімната з довгим столом" });
    // The German description stays required.
    const bad = await run(photosPage.action, makeRequest(`/office/rooms/${id}/photos`, { cookie: office, form: { ...form, alt: "" } }), params);
    expect(bad.status).toBe(400);
    expectFieldError(bad.data, "alt", "errors.required");
    expect(bad.data.initialValue.altEn).toBe("Group room with a long table");
  });
});

describe("bad input in the room form", () => {
  let roomId: number;
  beforeAll(async () => {
    // No German key pickup texts: a translation of them alone is refused.
    roomId = (await createTestRoom(db(), { name: "Raum Fehleingaben" })).id;
  });
  let valid: Record<string, string> = {};
  beforeAll(async () => {
    valid = await formOf(roomId);
  });
  const target: FormTarget = {
    path: () => `/office/rooms/${roomId}`,
    fn: edit.action,
    params: () => ({ id: String(roomId) }),
    cookie: () => office,
    valid: () => valid,
  };
  badInputCases(target, [
    { field: "keyPickupPlaceEn", value: "Town hall, room 12", key: "rooms:errors.germanFirst", label: "a translation without the German text" },
    { field: "keyPickupHoursAr", value: "من الاثنين إلى الجمعة", key: "rooms:errors.germanFirst", label: "a translation without the German text" },
    { field: "keyPickupHoursFa", value: "x".repeat(201), key: 'errors.tooLong|{"max":200}', label: "201 characters" },
    { field: "rulesAr", value: HTML, key: "errors.forbiddenCharacters", label: "HTML" },
    { field: "rulesRu", value: "x".repeat(10_001), key: 'errors.tooLong|{"max":10000}', label: "10001 characters" },
    { field: "rulesTr", value: "Kurallar \u202Eters", key: "errors.forbiddenCharacters", label: "a right-to-left override" },
    { field: "keyPickupPlaceUk", value: KB10, key: /errors\.(tooLong|germanFirst)/, label: "10 kB" },
    // The fee note (migration 0065): the room has no German one, so a translation alone is refused.
    { field: "feeNoteTr", value: "Özel kutlamalar için 30 €", key: "rooms:errors.germanFirst", label: "a fee note translation without the German text" },
  ]);

  it("the refused form shows the translated message next to its field, with the input kept", async () => {
    const res = await run(edit.action, makeRequest(`/office/rooms/${roomId}`, { cookie: office, form: { ...valid, keyPickupPlaceEn: "Town hall, room 12", rulesFa: "<b>قوانین</b>" } }), { id: String(roomId) });
    expect(res.status).toBe(400);
    for (const lang of ["de", "fa"] as const) {
      const page = await renderRoute(edit, `/office/rooms/${roomId}`, { cookie: office, params: { id: String(roomId) }, lang, actionData: res.data });
      const input = tagAround(page.html, 'name="keyPickupPlaceEn"');
      expect(input).toContain('value="Town hall, room 12"');
      expect(input).toContain('aria-invalid="true"');
      // The message is the element the field names as its description.
      const describedBy = /aria-describedby="([^"]+)"/.exec(input)?.[1] ?? "";
      const errorId = describedBy.split(" ").find((x) => x.endsWith("-error"));
      expect(errorId, input).toBeTruthy();
      const message = page.html.slice(page.html.indexOf(`id="${errorId}"`), page.html.indexOf("</", page.html.indexOf(`id="${errorId}"`)));
      expect(message).toContain(lang === "de" ? "Bitte zuerst den deutschen Text eintragen" : "لطفاً اول متن آلمانی را وارد کنید");
      // The other refused field keeps its text too, in a textarea.
      expect(page.html).toContain("&lt;b&gt;قوانین&lt;/b&gt;");
      expect(page.text).not.toContain("rooms:errors");
    }
  });
});

describe("visitors read the texts in their language, German marked as such", () => {
  let roomId: number;
  beforeAll(async () => {
    roomId = (
      await createTestRoom(db(), {
        name: "Raum Besuch",
        description: "Gruppenraum mit Teeküche.",
        keyPickupPlace: "Rathaus Willich, Zimmer 12",
        keyPickupHours: "Mo–Fr 9–12 Uhr",
        keyPickupPlaceTranslations: { ar: "مبنى البلدية، الغرفة 12", en: "Town hall, room 12" },
        keyPickupHoursTranslations: { en: "Mon–Fri 9–12" },
        rules: "Rauchen verboten.\nMüll mitnehmen.",
        rulesTranslations: { ar: "التدخين ممنوع.\nخذوا النفايات معكم.", tr: "Sigara içmek yasaktır.\nÇöpünüzü götürün." },
      })
    ).id;
    await createTestRoomPhoto(db(), roomId, { alt: "Gruppenraum mit langem Tisch", altTranslations: { ar: "قاعة فيها طاولة طويلة", ru: "Комната с длинным столом" } });
  });
  const params = () => ({ id: String(roomId) });

  it("the room page: key pickup and photo in the visitor's language, else German with lang=\"de\"", async () => {
    const ar = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "ar", params: params() });
    expect(ar.status).toBe(200);
    // Place: Arabic, no language of its own to mark; hours: German, marked.
    expect(tagAround(ar.html, "مبنى البلدية، الغرفة 12")).not.toContain("lang=");
    expect(tagAround(ar.html, "Mo–Fr 9–12 Uhr")).toContain('lang="de"');
    expect(tagAround(ar.html, "alt=\"قاعة فيها طاولة طويلة\"")).not.toContain("lang=");
    // The description has no Arabic text: German, marked.
    expect(tagAround(ar.html, "Gruppenraum mit Teeküche.")).toContain('lang="de"');
    expect(ar.text).toContain("مكان استلام المفتاح:");

    const tr = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "tr", params: params() });
    expect(tagAround(tr.html, 'alt="Gruppenraum mit langem Tisch"')).toContain('lang="de"');
    expect(tagAround(tr.html, "Rathaus Willich, Zimmer 12")).toContain('lang="de"');
    // The photo link is named by the description and the page's "show large".
    expect(tr.text).toContain("– büyük göster");

    // German readers: German texts, nothing to mark.
    const de = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "de", params: params() });
    expect(tagAround(de.html, "Rathaus Willich, Zimmer 12")).not.toContain("lang=");
    expect(tagAround(de.html, 'alt="Gruppenraum mit langem Tisch"')).not.toContain("lang=");

    const list = await renderRoute(roomList, "/raum", { lang: "ru" });
    expect(tagAround(list.html, 'alt="Комната с длинным столом"')).not.toContain("lang=");
    expect(tagAround(list.html, "Gruppenraum mit Teeküche.")).toContain('lang="de"');
  });

  it("the request page shows the house rules in the visitor's language, else German marked", async () => {
    const tr = await renderRoute(requestPage, `/raum/${roomId}/anfragen`, { lang: "tr", params: params() });
    expect(tr.text).toContain("Sigara içmek yasaktır.");
    expect(tr.text).not.toContain("Rauchen verboten.");
    expect(enclosing(tr.html, "Sigara içmek yasaktır.", "ul")).not.toContain("lang=");
    const uk = await renderRoute(requestPage, `/raum/${roomId}/anfragen`, { lang: "uk", params: params() });
    expect(uk.text).toContain("Rauchen verboten.");
    expect(enclosing(uk.html, "Rauchen verboten.", "ul")).toContain('lang="de"');
    const ar = await renderRoute(requestPage, `/raum/${roomId}/anfragen`, { lang: "ar", params: params() });
    expect(enclosing(ar.html, "التدخين ممنوع.", "li")).toContain('dir="auto"');
  });

  it("the confirmation mail names the key pickup in the requester's language, German parts marked in the HTML", async () => {
    const b = await createTestBooking(db(), roomId, { status: "requested", locale: "ar", email: "schluessel-ar@example.org", startsAt: `${dayIn(9)}T16:00:00.000Z`, endsAt: `${dayIn(9)}T18:00:00.000Z` });
    await approveBooking(officeActor, b.id);
    const mail = await db().selectFrom("outbox").select(["html", "text"]).where("to_address", "=", "schluessel-ar@example.org").executeTakeFirstOrThrow();
    expect(mail.text).toContain("مبنى البلدية، الغرفة 12");
    expect(mail.text).toContain("Mo–Fr 9–12 Uhr");
    expect(mail.html).toContain('<span lang="de" dir="auto">Mo–Fr 9–12 Uhr</span>');
    expect(mail.html).not.toMatch(/<span lang="de" dir="auto">مبنى/);

    const en = await createTestBooking(db(), roomId, { status: "requested", locale: "en", email: "schluessel-en@example.org", startsAt: `${dayIn(11)}T16:00:00.000Z`, endsAt: `${dayIn(11)}T18:00:00.000Z` });
    await approveBooking(officeActor, en.id);
    const enMail = await db().selectFrom("outbox").select(["html", "text"]).where("to_address", "=", "schluessel-en@example.org").executeTakeFirstOrThrow();
    expect(enMail.text).toContain("Town hall, room 12");
    expect(enMail.text).toContain("Mon–Fri 9–12");
    expect(enMail.html).not.toContain('lang="de"');
  });
});

describe("the room's note on the fee in every language (migration 0065)", () => {
  let roomId: number;
  const params = () => ({ id: String(roomId) });
  beforeAll(async () => {
    roomId = (await createTestRoom(db(), { name: "Raum Entgelt", feeNote: "Für private Feiern 30 €." })).id;
  });

  it("the office enters it per language; a translation needs the German text; the form shows it again", async () => {
    const page = await renderRoute(edit, `/office/rooms/${roomId}`, { cookie: office, params: params() });
    for (const lang of ROOM_TEXT_LANGUAGES) {
      const L = lang[0].toUpperCase() + lang.slice(1);
      expect(tagAround(page.html, `name="feeNote${L}"`), lang).toContain(`lang="${lang}"`);
    }
    expect(page.text).toContain("Hinweis zum Entgelt auf Arabisch");
    const form = { ...(await formOf(roomId)), feeNoteAr: "للحفلات الخاصة 30 يورو.", feeNoteEn: "€30 for private parties." };
    expect((await save(roomId, form)).status).toBe(302);
    const room = await db().selectFrom("room").select(["fee_note", "fee_note_translations"]).where("id", "=", roomId).executeTakeFirstOrThrow();
    expect(room.fee_note).toBe("Für private Feiern 30 €.");
    expect(parseTranslations(room.fee_note_translations)).toEqual({ ar: "للحفلات الخاصة 30 يورو.", en: "€30 for private parties." });
    expect(await formOf(roomId)).toMatchObject({ feeNote: "Für private Feiern 30 €.", feeNoteAr: "للحفلات الخاصة 30 يورو.", feeNoteEn: "€30 for private parties.", feeNoteFa: "" });
    // Without the German note the translations are refused at their fields, the input kept.
    const bad = await save(roomId, { ...form, feeNote: "" });
    expect(bad.status).toBe(400);
    expectFieldError(bad.data, "feeNoteAr", "rooms:errors.germanFirst");
    expect(bad.data.initialValue.feeNoteEn).toBe("€30 for private parties.");
    // Markup and overlong notes are refused like the other room texts.
    expectFieldError((await save(roomId, { ...form, feeNoteFa: HTML })).data, "feeNoteFa", "errors.forbiddenCharacters");
    expectFieldError((await save(roomId, { ...form, feeNoteRu: "x".repeat(301) })).data, "feeNoteRu", 'errors.tooLong|{"max":300}');
  });

  it("the room page shows it beside the price, in the visitor's language, else German marked", async () => {
    const ar = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "ar", params: params() });
    expect(ar.status).toBe(200);
    expect(tagAround(ar.html, "للحفلات الخاصة 30 يورو.")).not.toContain("lang=");
    expect(tagAround(ar.html, "للحفلات الخاصة 30 يورو.")).toContain('dir="auto"');
    expect(ar.text).toContain("عن السعر: للحفلات الخاصة 30 يورو.");
    const uk = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "uk", params: params() });
    expect(tagAround(uk.html, "Für private Feiern 30 €.")).toContain('lang="de"');
    const de = await renderRoute(roomPage, `/raum/${roomId}`, { lang: "de", params: params() });
    expect(de.text).toContain("Zum Preis: Für private Feiern 30 €.");
    expect(tagAround(de.html, "Für private Feiern 30 €.")).not.toContain("lang=");
    // A room without a note shows no empty line.
    const { id: plain } = await createTestRoom(db(), { name: "Raum ohne Hinweis" });
    expect((await renderRoute(roomPage, `/raum/${plain}`, { lang: "de", params: { id: String(plain) } })).text).not.toContain("Zum Preis:");
  });

  it("the confirmation mail carries it in the requester's language, German marked in the HTML", async () => {
    const ar = await createTestBooking(db(), roomId, { status: "requested", locale: "ar", email: "entgelt-ar@example.org", startsAt: `${dayIn(12)}T16:00:00.000Z`, endsAt: `${dayIn(12)}T18:00:00.000Z` });
    await approveBooking(officeActor, ar.id);
    const arMail = await db().selectFrom("outbox").select(["html", "text"]).where("to_address", "=", "entgelt-ar@example.org").executeTakeFirstOrThrow();
    expect(arMail.text).toContain("للحفلات الخاصة 30 يورو.");
    expect(arMail.html).not.toContain('lang="de"');
    const ru = await createTestBooking(db(), roomId, { status: "requested", locale: "ru", email: "entgelt-ru@example.org", startsAt: `${dayIn(13)}T16:00:00.000Z`, endsAt: `${dayIn(13)}T18:00:00.000Z` });
    await approveBooking(officeActor, ru.id);
    const ruMail = await db().selectFrom("outbox").select(["html", "text"]).where("to_address", "=", "entgelt-ru@example.org").executeTakeFirstOrThrow();
    expect(ruMail.text).toContain("О плате: Für private Feiern 30 €.");
    expect(ruMail.html).toContain('<span lang="de" dir="auto">Für private Feiern 30 €.</span>');
  });
});

describe("the demo seed", () => {
  it("has the room's house rules, key pickup, fee note and photo description in all seven languages", async () => {
    await seedRooms(db());
    const room = await db().selectFrom("room").selectAll().where("name", "=", "Gruppenraum Niersweg").executeTakeFirstOrThrow();
    const rules = await db().selectFrom("room_rules").select(["text", "text_translations"]).where("room_id", "=", room.id).executeTakeFirstOrThrow();
    const photo = await db().selectFrom("room_photo").select(["alt", "alt_translations"]).where("room_id", "=", room.id).executeTakeFirstOrThrow();
    const germanLines = rules.text.split("\n").length;
    const script: Record<string, RegExp> = { en: /[A-Za-z]/, ar: /[\u0600-\u06FF]/, uk: /[\u0400-\u04FF]/, fa: /[\u0600-\u06FF]/, tr: /[ğışçöüİ]/i, ru: /[\u0400-\u04FF]/ };
    for (const lang of ROOM_TEXT_LANGUAGES) {
      const texts = {
        rules: parseTranslations(rules.text_translations)[lang],
        place: parseTranslations(room.key_pickup_place_translations)[lang],
        hours: parseTranslations(room.key_pickup_hours_translations)[lang],
        alt: parseTranslations(photo.alt_translations)[lang],
        fee: parseTranslations(room.fee_note_translations)[lang],
      };
      for (const [what, text] of Object.entries(texts)) {
        expect(text, `${what} ${lang}`).toMatch(script[lang]);
        expect(text).not.toBe({ rules: rules.text, place: room.key_pickup_place, hours: room.key_pickup_hours, alt: photo.alt, fee: room.fee_note }[what]);
      }
      // The same rules, line by line.
      expect(texts.rules!.split("\n"), lang).toHaveLength(germanLines);
    }
    // Persian and Arabic are not the same text.
    expect(parseTranslations(rules.text_translations).fa).not.toBe(parseTranslations(rules.text_translations).ar);
  });
  it("names the room parts in all seven languages: the seeded room's and those of a room made with the factory's defaults (the crawl's fixture room)", async () => {
    await seedRooms(db());
    const seeded = await db().selectFrom("room").select("id").where("name", "=", "Gruppenraum Niersweg").orderBy("id").executeTakeFirstOrThrow();
    const fixture = await createTestRoom(db());
    const script: Record<string, RegExp> = { en: /^[A-Za-z ]+$/, ar: /[\u0600-\u06FF]/, uk: /[\u0400-\u04FF]/, fa: /[\u0600-\u06FF]/, tr: /[A-Za-zğışçöüİ]/, ru: /[\u0400-\u04FF]/ };
    for (const roomId of [seeded.id, fixture.id]) {
      const parts = await db().selectFrom("room_part").select(["name", "name_translations"]).where("room_id", "=", roomId).orderBy("sort_order").execute();
      expect(parts.map((p) => p.name)).toEqual(["Hauptraum", "Teeküche", "Außenbereich"]);
      for (const part of parts) {
        const t = parseTranslations(part.name_translations);
        for (const lang of ROOM_TEXT_LANGUAGES) expect(t[lang], `${roomId} ${part.name} ${lang}`).toMatch(script[lang]);
        expect(t.fa).not.toBe(t.ar);
      }
    }
    // Parts given by name (a test's own room) have no translations unless given.
    const own = await createTestRoom(db(), { parts: ["Hauptraum"] });
    const ownPart = await db().selectFrom("room_part").select("name_translations").where("room_id", "=", own.id).executeTakeFirstOrThrow();
    expect(parseTranslations(ownPart.name_translations)).toEqual({});
  });
});
