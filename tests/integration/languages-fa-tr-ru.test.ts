/**
 * Issue #18 against a real migrated database: the consent texts in Persian, Turkish and Russian
 * (translations of version 1, marked as such), and a public form filled with Persian digits on a
 * Persian page: accepted, stored with Western digits, answered by mail in Persian.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as requestRoute from "../../app/routes/raum.$id.anfragen";
import * as closeStep from "../../app/routes/office.assignments.$id_.close";
import { getCurrentConsentTexts } from "../../app/modules/volunteers/consents.server";
import { currentConsentTexts } from "../../app/modules/donations/households.server";
import { getDb } from "../../app/utils/db.server";
import { berlinDay } from "../../app/utils/dates";
import { westernDigits } from "../../app/utils/digits";
import { createTestOrganisation, createTestRoom, createTestUser, createTestVolunteer } from "../factories";
import { createTestAssignment } from "../factories/coverage";
import { makeRequest, run, sessionCookie } from "../setup/remix";
import { renderRoute } from "../setup/render";
import { dayIn, requestForm } from "./rooms/helpers";

const persian = (s: string) => s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const NOTE = { fa: "متن آلمانی معتبر", tr: "bağlayıcı olan Almanca metindir", ru: "текст на немецком языке" } as const;

describe("consent texts in fa, tr and ru", () => {
  it("exist for every purpose as translations of version 1, each saying the German text is binding", async () => {
    const db = getDb();
    for (const table of ["consent_text", "household_consent_text"] as const) {
      const german = await db.selectFrom(table).select(["purpose", "version"]).where("locale", "=", "de").execute();
      for (const lang of ["fa", "tr", "ru"] as const) {
        const rows = await db.selectFrom(table).select(["purpose", "version", "title", "body"]).where("locale", "=", lang).execute();
        expect(rows.map((r) => `${r.purpose}@${r.version}`).sort(), `${table} ${lang}`).toEqual(german.map((r) => `${r.purpose}@${r.version}`).sort());
        for (const r of rows) {
          expect(r.body, `${table} ${lang} ${r.purpose}`).toContain(NOTE[lang]);
          expect(r.title.length).toBeGreaterThan(5);
        }
      }
    }
  });

  it("are the ones a Persian, Turkish or Russian reader is shown", async () => {
    for (const lang of ["fa", "tr", "ru"]) {
      const { data, confidentiality } = await getCurrentConsentTexts(lang);
      expect([data.locale, confidentiality.locale]).toEqual([lang, lang]);
    }
    const household = await currentConsentTexts();
    for (const purpose of ["donations", "sponsorship", "share-contact"]) for (const lang of ["fa", "tr", "ru"]) expect(household.some((t) => t.purpose === purpose && t.locale === lang), `${purpose} ${lang}`).toBe(true);
  });
});

describe("a form filled with Persian digits", () => {
  let roomId: number;
  beforeAll(async () => {
    ({ id: roomId } = await createTestRoom(getDb(), { capacity: 30 }));
  });

  it("is accepted: the room request stores Western digits and the guest gets the mail in Persian", async () => {
    const day = dayIn(12);
    const form = requestForm({ email: "parisa@example.org", name: "Parisa Beispiel", responsibleAdult: "Parisa Beispiel", day: persian(day), startTime: "۱۸:۰۰", endTime: "۲۰:۰۰", attendees: "۱۲", phone: "۰۲۱۵۴ ۴۹۳۴۸۹", rulesVersion: "۱" });
    expect(westernDigits(form.day as string)).toBe(day);
    // The `lng` cookie as the language switcher sets it ("fa", JSON, base64).
    const res = await run(requestRoute.action, makeRequest(`/raum/${roomId}/anfragen`, { form, cookie: `lng=${encodeURIComponent(btoa(JSON.stringify("fa")))}` }), { id: String(roomId) });
    expect(res.status).toBe(302);
    const booking = await getDb().selectFrom("booking").selectAll().where("contact_email", "=", "parisa@example.org").executeTakeFirstOrThrow();
    expect(booking.attendees).toBe(12);
    expect(booking.locale).toBe("fa");
    expect(booking.contact_phone).toBe("02154 493489");
    const mail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "parisa@example.org").executeTakeFirstOrThrow();
    expect(mail.locale).toBe("fa");
    expect(mail.html).toContain('lang="fa" dir="rtl"');
  });
});

describe("number fields", () => {
  it("are text fields with the digit keyboard, so Persian and Arabic-Indic digits reach the form", async () => {
    const { id } = await createTestRoom(getDb(), { capacity: 30 });
    const page = await renderRoute(requestRoute, `/raum/${id}/anfragen`, { lang: "fa", params: { id: String(id) } });
    expect(page.status).toBe(200);
    const inputs = [...page.html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]);
    expect(inputs.filter((i) => /type="number"/.test(i))).toEqual([]);
    for (const name of ["attendees", "count", "startTime", "endTime"]) {
      const input = inputs.find((i) => i.includes(`name="${name}"`));
      expect(input, name).toMatch(/type="text"/);
      expect(input, name).toMatch(/inputmode="numeric"/i); // React writes `inputMode` (HTML attribute names ignore case)
    }
  });
});

describe("time fields on the room request form", () => {
  it("show one hint on a Persian and an Arabic page, the format hint in the page's digits (not the room's own '18:00' beside it); other pages keep the room's hint", async () => {
    const { id } = await createTestRoom(getDb(), { capacity: 30 });
    const described = (html: string, name: string) => {
      const input = [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).find((i) => i.includes(`name="${name}"`)) ?? "";
      const ids = (/aria-describedby="([^"]*)"/.exec(input)?.[1] ?? "").split(" ").filter(Boolean);
      return ids.map((d) => new RegExp(`id="${d}"[^>]*>(.*?)</(?:p|div)>`).exec(html)?.[1]?.replace(/<[^>]+>/g, "") ?? "");
    };
    for (const [lang, example] of [
      ["fa", "۱۸:۳۰"],
      ["ar", "18:30"],
    ] as const) {
      const page = await renderRoute(requestRoute, `/raum/${id}/anfragen`, { lang, params: { id: String(id) } });
      expect(page.status).toBe(200);
      for (const name of ["startTime", "endTime"]) {
        const texts = described(page.html, name);
        expect(texts, `${lang} ${name}`).toHaveLength(1);
        expect(texts[0], `${lang} ${name}`).toContain(example);
        expect(texts[0], `${lang} ${name}`).not.toContain("18:00");
      }
      if (lang === "fa") expect(page.html).not.toMatch(/\b18:00\b/);
    }
    for (const lang of ["de", "tr", "ru"] as const) {
      const page = await renderRoute(requestRoute, `/raum/${id}/anfragen`, { lang, params: { id: String(id) } });
      expect(described(page.html, "startTime"), lang).toEqual([expect.stringContaining("18:00")]);
    }
  });
});

/**
 * ADR 0043 (8): on Persian and Arabic pages a date is typed into a text field (the browser's date
 * field drops ۱۲ and ١٢), in ISO order and the page's digits, with a format hint; the server reads
 * what was typed in any of the three digit sets. German pages keep the picker.
 */
describe("date fields", () => {
  const arabicIndic = (s: string) => s.replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[Number(d)]);
  let cookie: string;
  const assignments: number[] = [];
  beforeAll(async () => {
    const db = getDb();
    const office = await createTestUser(db, { roles: ["coordinator"] });
    cookie = await sessionCookie(office.id);
    const org = await createTestOrganisation(db, { name: "Stadt Willich" });
    for (let i = 0; i < 6; i++) {
      const volunteer = await createTestVolunteer(db, { name: `Parisa Beispiel ${i}` });
      assignments.push((await createTestAssignment(db, { volunteerId: volunteer.id, organisationId: org.id, createdBy: office.id, activity: "Lesepatin", startDay: "2026-01-05" })).id);
    }
  });
  const path = (id: number) => `/office/assignments/${id}/close`;
  const params = (id: number) => ({ id: String(id) });
  const inputNamed = (html: string, name: string) => [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).find((i) => i.includes(`name="${name}"`)) ?? "";
  const attr = (input: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`, "i").exec(input)?.[1];
  const textOfId = (html: string, id: string) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? "";

  it("are text fields with the digit keyboard on a Persian and an Arabic page: ISO order, the page's digits, the format hint linked; a German page keeps the picker", async () => {
    const today = berlinDay(new Date());
    const fa = await renderRoute(closeStep, path(assignments[0]), { lang: "fa", cookie, params: params(assignments[0]) });
    expect(fa.status).toBe(200);
    const faInput = inputNamed(fa.html, "closedOn");
    expect(attr(faInput, "type")).toBe("text");
    expect(attr(faInput, "inputmode")).toBe("numeric");
    expect(attr(faInput, "data-date-kind")).toBe("date"); // the browser reads the German order in it
    expect(attr(faInput, "value")).toBe(persian(today));
    const hintIds = (attr(faInput, "aria-describedby") ?? "").split(" ").filter(Boolean);
    expect(hintIds.map((id) => textOfId(fa.html, id)).join(" ")).toContain("قالب: سال، ماه، روز");
    expect(hintIds.map((id) => textOfId(fa.html, id)).join(" ")).toContain("۲۰۲۶-۱۲-۱۸");

    const ar = await renderRoute(closeStep, path(assignments[0]), { lang: "ar", cookie, params: params(assignments[0]) });
    const arInput = inputNamed(ar.html, "closedOn");
    expect([attr(arInput, "type"), attr(arInput, "inputmode"), attr(arInput, "value")]).toEqual(["text", "numeric", today]);
    expect(attr(arInput, "aria-describedby")).toBeTruthy();

    for (const lang of ["de", "tr", "ru"] as const) {
      const page = await renderRoute(closeStep, path(assignments[0]), { lang, cookie, params: params(assignments[0]) });
      const input = inputNamed(page.html, "closedOn");
      expect([attr(input, "type"), attr(input, "value")], lang).toEqual(["date", today]);
      expect(attr(input, "inputmode"), lang).toBeUndefined();
    }
  });

  it("accept a day typed in Persian or Arabic-Indic digits (with - or /) and store 2026-12-18", async () => {
    for (const [i, typed] of [
      [1, "۲۰۲۶-۱۲-۱۸"],
      [2, `${arabicIndic("2026")}/${arabicIndic("12")}/${arabicIndic("18")}`],
    ] as const) {
      const res = await run(closeStep.action, makeRequest(path(assignments[i]), { form: { intent: "close", closedOn: typed, reason: "Umzug" }, cookie }), params(assignments[i]));
      expect(res.status, `${typed}: ${JSON.stringify(res.data).slice(0, 300)}`).toBe(302);
      const row = await getDb().selectFrom("assignment").select("closed_on").where("id", "=", assignments[i]).executeTakeFirstOrThrow();
      expect(row.closed_on, typed).toBe("2026-12-18");
    }
  });

  it("accept a day typed in the German order (day first, four-digit year last; . / or -) in Persian, Arabic-Indic or Western digits and store 2026-12-18", async () => {
    for (const [i, typed] of [
      [3, persian("18.12.2026")],
      [4, arabicIndic("18/12/2026")],
      [5, "18-12-2026"],
    ] as const) {
      const res = await run(closeStep.action, makeRequest(path(assignments[i]), { form: { intent: "close", closedOn: typed, reason: "Umzug" }, cookie }), params(assignments[i]));
      expect(res.status, `${typed}: ${JSON.stringify(res.data).slice(0, 300)}`).toBe(302);
      const row = await getDb().selectFrom("assignment").select("closed_on").where("id", "=", assignments[i]).executeTakeFirstOrThrow();
      expect(row.closed_on, typed).toBe("2026-12-18");
    }
  });

  it("refuse a day that does not exist with the message next to the field in the page's language, the input kept in its digits", async () => {
    const typed = "۲۰۲۶-۰۲-۳۰";
    const res = await run(closeStep.action, makeRequest(path(assignments[0]), { form: { intent: "close", closedOn: typed, reason: "Umzug" }, cookie }), params(assignments[0]));
    expect(res.status).toBe(400);
    const page = await renderRoute(closeStep, path(assignments[0]), { lang: "fa", cookie, params: params(assignments[0]), actionData: res.data });
    const input = inputNamed(page.html, "closedOn");
    expect(attr(input, "value")).toBe(typed);
    expect(attr(input, "aria-invalid")).toBe("true");
    const described = (attr(input, "aria-describedby") ?? "").split(" ").map((id) => textOfId(page.html, id));
    expect(described).toContain("لطفاً یک تاریخ معتبر وارد کنید.");
    const row = await getDb().selectFrom("assignment").select("closed_on").where("id", "=", assignments[0]).executeTakeFirstOrThrow();
    expect(row.closed_on).toBeNull();
  });
});
