import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "../../app/i18n/config";

// Vitest exposes Vite's BASE_URL ("/") in process.env; the app's env check wants a URL.
process.env.BASE_URL = "http://localhost:3000";
const { renderTemplate } = await import("../../emails/templates");

const url = "http://localhost:3000/spenden/angebot/abc";
const samples: Array<[string, Record<string, unknown>]> = [
  ["donation-offer-received", { name: "Gisela", url, needsConfirmation: true }],
  ["donation-offer-received", { name: "Gisela", url, needsConfirmation: false }],
  ["donation-offer-reviewed", { name: "Gisela", accepted: true, reason: null, url }],
  ["donation-offer-reviewed", { name: "Gisela", accepted: false, reason: "ungeprüftes Elektrogerät", url }],
  ["donation-offer-expiring", { name: "Gisela", date: "24.11.2026", url }],
  ["donation-transport-request", { name: "Anna", date: "28.11.2026", from: "09:00", to: "11:00", url: "http://localhost:3000/me/transports" }],
  ["donation-transport-withdrawn", { name: "Anna", date: "28.11.2026", from: "09:00", to: "11:00", url: "http://localhost:3000/me/transports" }],
  ["donation-handover-planned", { name: "Gisela", mode: "donor", date: "28.11.2026", from: "09:00", to: "11:00" }],
  ["donation-handover-planned", { name: "Gisela", mode: "office", date: "28.11.2026", from: "09:00", to: "11:00" }],
  ["donation-handover-planned", { name: "Gisela", mode: "transport", date: "28.11.2026", from: "09:00", to: "11:00" }],
];

describe("donation mails", () => {
  for (const lang of SUPPORTED_LANGUAGES) {
    for (const [i, [name, data]] of samples.entries()) {
      it(`${name} #${i} renders in ${lang} without raw keys`, async () => {
        const mail = await renderTemplate(name as never, lang, data as never);
        expect(mail.subject.length).toBeGreaterThan(5);
        expect(mail.text).not.toMatch(/donation[A-Z]\w+\./);
        expect(mail.html).toContain(`lang="${lang}"`);
        if ("date" in data) expect(mail.text).toContain(String(data.date));
        if ("reason" in data && data.reason) expect(mail.text).toContain(String(data.reason));
      });
    }
  }
});
