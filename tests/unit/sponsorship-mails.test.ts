import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "../../app/i18n/config";

// Vitest exposes Vite's BASE_URL ("/") in process.env; the app's env check wants a URL.
process.env.BASE_URL = "http://localhost:3000";
const { renderTemplate } = await import("../../emails/templates");

const url = "http://localhost:3000/me/sponsorships";
const samples: Array<[string, Record<string, unknown>]> = [
  ["sponsorship-proposal", { name: "Amira", url }],
  ["sponsorship-proposal-closed", { name: "Amira", url }],
];

describe("sponsorship mails", () => {
  for (const lang of SUPPORTED_LANGUAGES) {
    for (const [name, data] of samples) {
      it(`${name} renders in ${lang} without raw keys, with the link and nothing about the household`, async () => {
        const mail = await renderTemplate(name as never, lang, data as never);
        expect(mail.subject.length).toBeGreaterThan(5);
        expect(mail.text).not.toMatch(/sponsorships:\w|mail\.(proposal|closed)\./);
        expect(mail.text).toContain(url);
        expect(mail.html).toContain(`lang="${lang}"`);
      });
    }
  }
});
