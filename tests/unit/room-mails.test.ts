import { describe, expect, it } from "vitest";
import { directionOf, SUPPORTED_LANGUAGES } from "../../app/i18n/config";

// Vitest exposes Vite's BASE_URL ("/") in process.env; the app's env check wants a URL.
process.env.BASE_URL = "http://localhost:3000";
const { renderTemplate } = await import("../../emails/templates");

const url = "http://localhost:3000/raum/buchung/abcdefghijklmnopqrstuvwxyz";
const dates = ["Mittwoch, 25.11.2026, \u206618:00–20:00\u2069", "Mittwoch, 02.12.2026, \u206618:00–20:00\u2069"];
const base = { name: "Lina Gast", room: "Gruppenraum Niersweg", dates };

// Every message of the list (the .ics of the confirmation is tested with the outbox and SMTP).
const samples: Array<[string, Record<string, unknown>]> = [
  ["room-request-received", { ...base, url }],
  ["room-confirm-request", { ...base, url }],
  ["room-booking-confirmed", { ...base }],
  ["room-booking-confirmed", { ...base, url }],
  ["room-booking-declined", { ...base, reason: "Der Raum wird an diesem Tag gereinigt." }],
  ["room-booking-changed", { ...base }],
  ["room-booking-cancelled", { ...base, reason: "Wasserschaden" }],
  ["room-booking-reminder", { ...base, dates: dates.slice(0, 1) }],
  ["room-key-return-reminder", { ...base, dates: dates.slice(0, 1) }],
  ["room-manage-link", { ...base, url }],
];

describe("room mails", () => {
  for (const lang of SUPPORTED_LANGUAGES) {
    for (const [i, [name, data]] of samples.entries()) {
      it(`${name} #${i} renders in ${lang}: room, dates, reason and link, no raw keys`, async () => {
        const mail = await renderTemplate(name as never, lang, data as never);
        expect(mail.subject).toContain("Gruppenraum Niersweg");
        expect(mail.text).not.toMatch(/\brooms\.\w+/);
        expect(mail.text).not.toContain("{{");
        expect(mail.html).toContain(`lang="${lang}"`);
        if (directionOf(lang) === "rtl") expect(mail.html).toContain('dir="rtl"');
        for (const d of data.dates as string[]) expect(mail.text).toContain(d);
        if (data.reason) expect(mail.text).toContain(String(data.reason));
        if (data.url) expect(mail.text).toContain(url);
        else expect(mail.text).not.toContain("/raum/buchung/");
      });
    }
  }
  it("the confirmation says where and when the key is collected, in every language (the place isolated in Arabic)", async () => {
    const key = { keyPlace: "Rathaus Willich, Zimmer 12", keyHours: "Mo–Fr 9:00–12:00 Uhr" };
    for (const lang of SUPPORTED_LANGUAGES) {
      const mail = await renderTemplate("room-booking-confirmed", lang, { ...base, ...key });
      expect(mail.text).toContain(key.keyPlace);
      expect(mail.text).toContain(key.keyHours);
      expect(mail.html).toContain("Rathaus Willich, Zimmer 12");
      if (lang === "ar") expect(mail.text).toContain(`\u2068${key.keyPlace}\u2069`);
      const placeOnly = await renderTemplate("room-booking-confirmed", lang, { ...base, keyPlace: key.keyPlace });
      expect(placeOnly.text).toContain(key.keyPlace);
      expect(placeOnly.text).not.toContain("{{");
    }
    // Not configured: no empty line about the key handover.
    const none = await renderTemplate("room-booking-confirmed", "de", { ...base });
    expect(none.text).not.toContain("Schlüsselübergabe:");
  });

  it("each message has its own subject in each language (none falls back to German)", async () => {
    for (const [name] of samples) {
      const bySubject = new Set<string>();
      for (const lang of SUPPORTED_LANGUAGES) bySubject.add((await renderTemplate(name as never, lang, { ...base } as never)).subject);
      expect([name, bySubject.size]).toEqual([name, SUPPORTED_LANGUAGES.length]);
    }
  });
});
