/**
 * The coverage PDFs are tagged (language, title, structure tree in reading order), the
 * confirmation speaks of the volunteer in the third person, an Engagementnachweis without
 * confirmed hours has no hours line, and the office gets every document in German too.
 */
import { describe, expect, it } from "vitest";
import { resources } from "../../../app/i18n/resources.server";
import { SUPPORTED_LANGUAGES } from "../../../app/i18n/config";
import { getDb } from "../../../app/utils/db.server";
import * as officeDoc from "../../../app/routes/office.assignments.$id.$document";
import * as meDoc from "../../../app/routes/me.assignments.$id.$document";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment, createTestHours } from "../../factories/coverage";

async function setup() {
  const db = getDb();
  const org = (await createTestOrganisation(db, { name: "Tafel Beispiel e.V." })).id;
  const c = await createTestUser(db, { roles: ["coordinator"] });
  const v = await createTestUser(db, { roles: ["volunteer"], name: "Amira Haddad", locale: "ar" });
  const a = (await createTestAssignment(db, { volunteerId: v.id, organisationId: org, createdBy: c.id, activity: "Ausgabe", startDay: "2026-05-01" })).id;
  return { a, office: await sessionCookie(c.id), volunteer: await sessionCookie(v.id) };
}

const bytes = (res: { data: unknown }) => Buffer.from(String(res.data), "latin1").toString("latin1");
const count = (pdf: string, re: RegExp) => (pdf.match(re) ?? []).length;

describe("tagged coverage PDFs", () => {
  it("carry language, title, mark info and a structure tree; the office gets German on request, else the volunteer's language", async () => {
    const { a, office } = await setup();
    const get = (q: string) => run(officeDoc.loader, makeRequest(`/office/assignments/${a}/confirmation.pdf${q}`, { cookie: office }), { id: String(a), document: "confirmation.pdf" });
    const de = bytes(await get("?lang=de"));
    expect(de.startsWith("%PDF-1.7")).toBe(true);
    expect(de).toContain("/StructTreeRoot");
    expect(de).toContain("/MarkInfo");
    expect(de).toMatch(/\/Marked true/);
    expect(de).toContain("/Lang (de)");
    expect(de).toMatch(/\/DisplayDocTitle true/);
    expect(de).toMatch(/\/S \/H1/);
    expect(de).toMatch(/\/S \/P/);
    const ar = bytes(await get(""));
    expect(ar).toContain("/Lang (ar)");
  });

  it("the Engagementnachweis states hours only when some were confirmed", async () => {
    const { a, volunteer } = await setup();
    const get = () => run(meDoc.loader, makeRequest(`/me/assignments/${a}/engagement.pdf?lang=de`, { cookie: volunteer }), { id: String(a), document: "engagement.pdf" });
    const none = bytes(await get());
    await createTestHours(getDb(), { assignmentId: a, hours: 3, status: "confirmed" });
    const some = bytes(await get());
    // One paragraph (structure element P) more: the hours line.
    expect(count(some, /\/S \/P\b/g)).toBe(count(none, /\/S \/P\b/g) + 1);
  });

  it("the confirmation's cover texts speak of the volunteer in the third person, in every language", () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const basis = (resources[lang].coverage as { pdf: { basis: Record<string, unknown> } }).pdf.basis;
      const texts = JSON.stringify(basis);
      expect(texts.length, lang).toBeGreaterThan(100);
      if (lang === "de") expect(texts).not.toMatch(/\bSie\b|\bIhnen\b|\bIhr\b/);
      if (lang === "en") expect(texts).not.toMatch(/\byou\b|\byour\b/i);
    }
  });
});
