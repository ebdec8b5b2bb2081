/**
 * Issue #18 against a real migrated database: the consent texts in Persian, Turkish and Russian
 * (translations of version 1, marked as such), and a public form filled with Persian digits on a
 * Persian page: accepted, stored with Western digits, answered by mail in Persian.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as requestRoute from "../../app/routes/raum.$id.anfragen";
import { getCurrentConsentTexts } from "../../app/modules/volunteers/consents.server";
import { currentConsentTexts } from "../../app/modules/donations/households.server";
import { getDb } from "../../app/utils/db.server";
import { westernDigits } from "../../app/utils/digits";
import { createTestRoom } from "../factories";
import { makeRequest, run } from "../setup/remix";
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
