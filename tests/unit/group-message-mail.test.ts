import { describe, expect, it } from "vitest";
import { directionOf, SUPPORTED_LANGUAGES } from "../../app/i18n/config";

// Vitest exposes Vite's BASE_URL ("/") in process.env; the app's env check wants a URL.
process.env.BASE_URL = "http://localhost:3000";
const { renderTemplate } = await import("../../emails/templates");

const optOutUrl = "http://localhost:3000/abmelden/abcdefghijklmnopqrstuvwxyz";

describe("group message mail", () => {
  for (const lang of SUPPORTED_LANGUAGES) {
    it(`renders in ${lang}: the office's subject and paragraphs, the reason, the opt-out link on its own line, no raw keys`, async () => {
      const mail = await renderTemplate("group-message", lang, { name: "Amira", subject: "Sommerfest & Grillen", body: "Erster Absatz.\n\n\nZweiter Absatz\nmit Zeilenumbruch.", optOutUrl });
      expect(mail.subject).toBe("Sommerfest & Grillen");
      expect(mail.text).not.toMatch(/messages:mail|mail\.(why|optOut)/);
      expect(mail.text).toContain("Erster Absatz.\n\nZweiter Absatz\nmit Zeilenumbruch.");
      expect(mail.text).toMatch(new RegExp(`\\n${optOutUrl.replace(/[.]/g, "\\.")}\\n`));
      expect(mail.html).toContain(`lang="${lang}" dir="${directionOf(lang)}"`);
      expect(mail.html).toContain("Sommerfest &amp; Grillen");
      expect(mail.html).toContain(`href="${optOutUrl}"`);
    });
  }
});
