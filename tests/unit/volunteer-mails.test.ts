import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "../../app/i18n/config";

// Vitest exposes Vite's BASE_URL ("/") in process.env; the app's env check wants a URL.
process.env.BASE_URL = "http://localhost:3000";
const { renderTemplate } = await import("../../emails/templates");

const samples = {
  "volunteer-welcome": { name: "Lea", url: "http://localhost:3000/me" },
  "volunteer-intake-scheduled": { name: "Lea", date: "2026-12-03", url: "http://localhost:3000/me" },
  "volunteer-status-changed": { name: "Lea", status: "active", url: "http://localhost:3000/me" },
  "office-intake-reminder": { name: "Office", count: 3, days: 14, names: ["A", "B"], more: 1, url: "http://localhost:3000/office/volunteers" },
} as const;

describe("volunteer mails", () => {
  for (const lang of SUPPORTED_LANGUAGES) {
    for (const [name, data] of Object.entries(samples)) {
      it(`${name} renders in ${lang} without raw keys`, async () => {
        const mail = await renderTemplate(name as keyof typeof samples, lang, data as never);
        expect(mail.subject.length).toBeGreaterThan(5);
        expect(mail.text).not.toMatch(/volunteer[A-Z]\w+\.|officeIntakeReminder\./);
        expect(mail.html).toContain(`lang="${lang}"`);
        expect(mail.text).toContain("http://localhost:3000/");
      });
    }
  }
  it("formats the intake date for the reader", async () => {
    expect((await renderTemplate("volunteer-intake-scheduled", "de", samples["volunteer-intake-scheduled"])).text).toContain("03.12.2026");
    expect((await renderTemplate("volunteer-intake-scheduled", "en", samples["volunteer-intake-scheduled"])).text).toContain("03/12/2026");
  });
  it("has a text for every status change the volunteer is told about", async () => {
    for (const status of ["intake_scheduled", "active", "paused", "left", "registered"]) {
      const mail = await renderTemplate("volunteer-status-changed", "uk", { name: "Lea", status, url: "http://localhost:3000/me" });
      expect(mail.text).not.toContain(`volunteerStatusChanged.${status}`);
    }
  });
});
