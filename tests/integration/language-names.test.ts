/**
 * Issue #18, WCAG 3.1.2: a language's own name ("العربية", "Українська") shown inside a page in
 * another language carries its language (`lang`, with `dir="auto"`), so a screen reader reads it
 * with the right voice. Where the language is named in the reader's language (a select's options,
 * a label's sentence), nothing needs a mark. The rule per place: app/utils/language-names.ts.
 * Renders the real pages against a migrated database (SQLite, and PostgreSQL with TEST_DATABASE_URL).
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as associationRegister from "../../app/routes/vereine.registrieren";
import * as newOffer from "../../app/routes/verein.angebote.neu";
import * as sponsorshipRequest from "../../app/routes/patenschaften";
import * as officeSponsorshipRequest from "../../app/routes/office.sponsorships.requests.new";
import * as newHousehold from "../../app/routes/office.households.new";
import * as officeVolunteers from "../../app/routes/office.volunteers._index";
import * as roomEdit from "../../app/routes/office.rooms.$id._index";
import { getDb } from "../../app/utils/db.server";
import { createTestUser } from "../factories";
import { createTestAssociation } from "../factories/associations";
import { createTestHousehold } from "../factories/donations";
import { createTestRoom } from "../factories/rooms";
import { sessionCookie } from "../setup/remix";
import { renderRoute } from "../setup/render";

const db = () => getDb();
let office: string;
let associationAdmin: string;
let roomId: number;
let names: Map<string, string>;

beforeAll(async () => {
  office = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  const admin = await createTestUser(db(), { roles: [], name: "Lina Sprachen" });
  associationAdmin = await sessionCookie(admin.id);
  await createTestAssociation(db(), { name: "Sprachenverein e.V.", adminIds: [admin.id] });
  roomId = (await createTestRoom(db(), { name: "Raum Sprachnamen" })).id;
  await createTestHousehold(db(), { code: "H-SPRACHEN" });
  names = new Map((await db().selectFrom("language").select(["code", "name_native"]).execute()).map((l) => [l.code, l.name_native]));
});

/** The codes of the language checkboxes (`name="languages"`) on a page. */
function checkboxCodes(html: string): string[] {
  return [...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /name="languages"/.test(tag))
    .map((tag) => /value="([^"]+)"/.exec(tag)![1]);
}

const marked = (code: string, text: string) => `<span lang="${code}" dir="auto">${text}</span>`;

describe("language names in checkbox lists carry their language", () => {
  const pages = () => [
    { what: "association registration", mod: associationRegister, path: "/vereine/registrieren" },
    { what: "association offer", mod: newOffer, path: "/verein/angebote/neu", cookie: associationAdmin },
    { what: "public sponsorship request", mod: sponsorshipRequest, path: "/patenschaften" },
    { what: "office sponsorship request", mod: officeSponsorshipRequest, path: "/office/sponsorships/requests/new?code=H-SPRACHEN", cookie: office },
    { what: "household", mod: newHousehold, path: "/office/households/new", cookie: office },
  ];

  for (const lang of ["de", "en", "ar", "uk"] as const) {
    it(`in ${lang}: each other language's own name is marked, the page's own language is not`, async () => {
      for (const p of pages()) {
        const page = await renderRoute(p.mod as never, p.path, { cookie: p.cookie, lang });
        expect(page.status, `${p.what} ${lang}`).toBe(200);
        const codes = checkboxCodes(page.html);
        expect(codes.length, `${p.what}: language checkboxes`).toBeGreaterThan(3);
        expect(codes, p.what).toContain("ar");
        for (const code of codes) {
          const own = names.get(code)!;
          if (code === lang) expect(page.html, `${p.what}: ${code} in its own page`).not.toContain(marked(code, own));
          else expect(page.html, `${p.what} (${lang}): ${code}`).toContain(marked(code, own));
        }
        // The name in the reader's language comes first (e.g. "Arabisch – العربية").
        if (lang === "de") expect(page.text, p.what).toContain("Arabisch – العربية");
        if (lang === "en") expect(page.text, p.what).toContain("Ukrainian – Українська");
      }
    });
  }
});

describe("where the language is named in the reader's language, nothing is marked", () => {
  it("the office's volunteer filter lists the languages in the reader's language, one language per option", async () => {
    const de = await renderRoute(officeVolunteers as never, "/office/volunteers", { cookie: office, lang: "de" });
    expect(de.status).toBe(200);
    expect(de.html).toMatch(/<option value="ar"[^>]*>Arabisch<\/option>/);
    expect(de.html).not.toContain("العربية");
    const en = await renderRoute(officeVolunteers as never, "/office/volunteers", { cookie: office, lang: "en" });
    expect(en.html).toMatch(/<option value="uk"[^>]*>Ukrainian<\/option>/);
  });

  it("the room form: each language's fieldset is named in both, the own name marked; its fields in the reader's language", async () => {
    const page = await renderRoute(roomEdit as never, `/office/rooms/${roomId}`, { cookie: office, params: { id: String(roomId) }, lang: "de" });
    expect(page.status).toBe(200);
    for (const [code, own] of [["ar", "العربية"], ["fa", "فارسی"], ["uk", "Українська"], ["en", "English"]]) expect(page.html, code).toContain(marked(code, own));
    expect(page.text).toContain("Persisch – فارسی");
    expect(page.text).toContain("Hausordnung auf Persisch");
    expect(page.text).not.toContain("auf فارسی");
  });
});

describe("mails to the office name the sender's language in its own name, marked in the HTML", () => {
  it("the contact message", async () => {
    process.env.BASE_URL ??= "http://localhost:3000";
    const { renderTemplate } = await import("../../emails/templates");
    const mail = await renderTemplate("office-contact-message", "de", {
      name: "Kim Koordination",
      kind: "contact",
      senderName: "Sara Beispiel",
      senderEmail: "sara@example.org",
      senderLocale: "fa",
      page: "",
      message: "Hallo",
      url: "http://localhost:3000/office",
    });
    expect(mail.text).toContain("فارسی (fa)");
    expect(mail.html).toContain(marked("fa", "فارسی"));
  });
});
