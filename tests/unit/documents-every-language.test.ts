/**
 * Issue #18: every mail template and every PDF renders in every UI language. Mails: in the
 * recipient's language and direction, no raw keys, values isolated in right-to-left languages.
 * PDFs: the text extracted from the file is in the language's script (Persian letters پ چ ژ گ ک ی
 * included: the fonts have them) and, in Arabic and Persian, in right-to-left order.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import bidiFactory from "bidi-js";
import { describe, expect, it } from "vitest";
import { directionOf, isRtl, SUPPORTED_LANGUAGES } from "../../app/i18n/config";
import { resources } from "../../app/i18n/resources.server";
import { pdfActualTexts, pdfText } from "../setup/pdf-text";

// Vitest exposes Vite's BASE_URL ("/") in process.env; the app's env check wants a URL.
process.env.BASE_URL = "http://localhost:3000";
const { renderTemplate, templates } = await import("../../emails/templates");
const { confirmationPdf, engagementPdf, certificateRequestPdf, feeWaiverPdf, helperListPdf } = await import("../../app/modules/coverage/pdf/documents.server");
const { sealCertificatePdf, sealDecisionLetterPdf } = await import("../../app/modules/seal/certificate.server");
const { decisionsPdf } = await import("../../app/modules/seal/summary.server");
const { personalDataPdf } = await import("../../app/modules/volunteers/personal-data-pdf.server");
const { renderTandemCertificate } = await import("../../app/modules/sponsorships/certificate-pdf.server");

const SCRIPT: Record<string, RegExp> = {
  de: /[A-Za-zÄÖÜäöüß]/,
  en: /[A-Za-z]/,
  tr: /[A-Za-zÇĞİÖŞÜçğıöşü]/,
  ar: /[\u0621-\u064A]/,
  fa: /[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC]/,
  uk: /[\u0400-\u04FF]/,
  ru: /[\u0400-\u04FF]/,
};
const RAW_KEY = /\b(?:pdf|certificate|letter|auskunft|summary|fields|status|greeting|footer)\.[a-zA-Z]+/;

// Sample values by field name (fictitious): enough for every template's data.
const SAMPLE: Record<string, unknown> = {
  name: "Erika Beispiel",
  count: 3,
  days: 14,
  fresh: [],
  overdue: [],
  conditions: [],
  more: false,
  names: ["Erika Beispiel", "Jonas Muster"],
  dates: ["18.12.2026"],
  role: "member",
  kind: "contact",
  decision: "award",
  validUntil: "2027-12-31",
  date: "2026-12-18",
  since: "2026-11-01",
  senderEmail: "erika@example.org",
  newEmail: "erika.neu@example.org",
  volunteerEmail: "erika@example.org",
  senderLocale: "fa",
};
const sampleData = new Proxy({} as Record<string, unknown>, {
  get: (_, key: string) => (key in SAMPLE ? SAMPLE[key] : /url$/i.test(key) ? "http://localhost:3000/beispiel/abc" : "Niersweg 12"),
  has: () => true,
});

describe("every mail template in every language", () => {
  for (const lang of SUPPORTED_LANGUAGES) {
    it(`renders all ${Object.keys(templates).length} templates in ${lang}`, async () => {
      for (const name of Object.keys(templates)) {
        const mail = await renderTemplate(name as never, lang, sampleData as never);
        expect(mail.subject, `${name} ${lang}`).toBeTruthy();
        expect(mail.html, name).toContain(`<html lang="${lang}" dir="${directionOf(lang)}">`);
        expect(mail.text, name).not.toMatch(/\{\{|\}\}|emails:|\b[a-z]+[A-Z][a-zA-Z]*\.(subject|intro|action)\b/);
        expect(SCRIPT[lang].test(mail.text), `${name} ${lang}: script`).toBe(true);
        if (isRtl(lang) && mail.text.includes("Erika Beispiel")) expect(mail.text, name).toContain("\u2068Erika Beispiel\u2069");
      }
    });
  }
});

const require = createRequire(import.meta.url);
const FONTS = [
  "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  "@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf",
  "@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf",
];

describe("the PDF fonts", () => {
  it("have a glyph for every character of every language's document texts (regular and bold)", async () => {
    // why: fontkit is what pdfkit draws with; asking it directly names a missing character.
    const fontkit = require("fontkit") as { create(b: Buffer): { hasGlyphForCodePoint(c: number): boolean } };
    const [regular, bold, arabic, arabicBold] = FONTS.map((f) => fontkit.create(fs.readFileSync(require.resolve(f))));
    const strings = (o: unknown): string[] => (typeof o === "string" ? [o] : o && typeof o === "object" ? Object.values(o).flatMap(strings) : []);
    const missing: string[] = [];
    for (const lang of SUPPORTED_LANGUAGES) {
      const chars = new Set(["coverage", "tandems", "seal", "legal", "common"].flatMap((ns) => strings(resources[lang][ns])).join("").replace(/\s|\u200C|\u200D|\u200E|\u200F|[\u2066-\u2069]/g, ""));
      chars.add("\u06F0").add("\u06F9");
      for (const ch of chars) {
        const c = ch.codePointAt(0)!;
        const covered = (regular.hasGlyphForCodePoint(c) && bold.hasGlyphForCodePoint(c)) || (arabic.hasGlyphForCodePoint(c) && arabicBold.hasGlyphForCodePoint(c));
        if (!covered) missing.push(`${lang}: ${ch} U+${c.toString(16).toUpperCase()}`);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
    for (const ch of "پچژگکی۰۱۲۳۴۵۶۷۸۹") expect(arabic.hasGlyphForCodePoint(ch.codePointAt(0)!) && arabicBold.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
  });
});

const bidi = bidiFactory();
/** A line as a PDF draws it (left to right on the page), without spaces and controls. */
function visual(line: string, rtl: boolean) {
  const levels = bidi.getEmbeddingLevels(line, rtl ? "rtl" : "ltr");
  return squeeze(bidi.getReorderedString(line, levels));
}
// Spaces are positions, not glyphs; lam-alef is one ligature glyph whose text is "لا" in logical order.
const squeeze = (s: string) => s.replace(/\s|\u200C|\u200D|\u200E|\u200F|[\u2066-\u2069]|[لا]/g, "");

const assignment = {
  id: 1, volunteerId: "v1", volunteerName: "Erika Beispiel", volunteerEmail: "erika@example.org", volunteerLocale: "fa", activity: "Hausaufgabenhilfe",
  fieldOfActionId: 1, fieldName: "Bildung", organisationId: 1, organisationName: "Tafel Beispiel e.V.", legalForm: "registered_association", insurer: "Beispiel Versicherung",
  policyNumber: "AZ 51/2026", policyValidUntil: "2027-12-31", organisationStreet: "Niersweg 12", organisationPostalCode: "47877", organisationTown: "Willich",
  startDay: "2026-05-01", endDay: "2026-12-31", documentRef: "EH-2026-0001", worksWithMinors: 0, closedOn: null, closeReason: null, createdAt: "2026-05-01T08:00:00Z", updatedAt: "2026-05-01T08:00:00Z",
} as never;

describe("every PDF in every language", () => {
  for (const lang of SUPPORTED_LANGUAGES) {
    // Ten PDFs per language, about 0.5–1 s each on a shared runner.
    it(`renders the coverage, seal, sponsorship and personal-data PDFs in ${lang}: script, order, no raw keys`, { timeout: 60_000 }, async () => {
      const t = (k: string, ns = "coverage") => k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)?.[p], resources[lang][ns]) as string;
      const pdfs: Array<[string, Buffer, string]> = [
        ["confirmation", await confirmationPdf(assignment, lang, "2026-12-18"), t("pdf.confirmationTitle")],
        ["engagement", await engagementPdf(assignment, 12.5, lang, "2026-12-18"), t("pdf.engagementTitle")],
        ["certificate request", await certificateRequestPdf(assignment, lang, "2026-12-18"), t("pdf.certificateRequestTitle")],
        ["fee waiver", await feeWaiverPdf(assignment, lang, "2026-12-18"), t("pdf.feeWaiverTitle")],
        ["helper list", await helperListPdf([assignment], "2026-12-18", lang, "2026-12-18"), t("pdf.helperListTitle")],
        ["seal certificate", await sealCertificatePdf({ code: "S-2026-7", awarded_on: "2026-06-01", valid_until: "2028-05-31" }, "Tafel Beispiel e.V.", lang), t("certificate.title", "seal")],
        [
          "seal decision letter",
          await sealDecisionLetterPdf({ organisation: "Tafel Beispiel e.V.", status: "awarded", decidedAt: "2026-06-01T10:00:00Z", reason: "Alle Kriterien erfüllt.", validUntil: "2028-05-31", code: "S-2026-7", conditions: [{ text: "Schulung", due_on: "2027-01-31" }] }, lang),
          t("letter.title", "seal"),
        ],
        ["seal decisions", await decisionsPdf([], 2026, lang), ""],
        [
          "sponsorship certificate",
          await renderTandemCertificate({ volunteer: "Erika Beispiel", organiser: "Stadt Beispielstadt", programme: "Patenschaften Beispiel", start: "2026-03-01", end: null, meetings: 12, minutes: 1110 }, lang, "2026-12-18"),
          t("certificate.title", "tandems"),
        ],
        ["personal data", await personalDataPdf({ exportedAt: "2026-12-18T10:00:00Z", messages: { groupMessages: [{ subject: "Sommerfest am Niersweg", sent_at: "2026-06-01T10:00:00Z", opted_out_at: null }] } }, lang), t("auskunft.title", "legal")],
      ];
      for (const [name, pdf, title] of pdfs) {
        const raw = pdf.toString("latin1");
        expect(raw, name).toContain(`/Lang (${lang})`);
        const text = pdfText(pdf);
        expect(text.length, name).toBeGreaterThan(50);
        expect(text, name).not.toMatch(RAW_KEY);
        expect(SCRIPT[lang].test(text), `${name} ${lang}: script`).toBe(true);
        if (title && typeof title === "string" && !title.includes("{{")) {
          if (isRtl(lang)) {
            // Arabic script: the heading's words as written (ActualText), and at least the title's
            // letters drawn that map back one to one, right to left.
            expect(pdfActualTexts(pdf), `${name} ${lang}`).toContain(title);
          } else expect(squeeze(text.split("\n").join("")), `${name} ${lang}: order`).toContain(squeeze(title));
        }
      }
    });
  }

  it("lays out Persian with its own letters and digits right to left, a German street, an e-mail and a number left to right inside", async () => {
    const { createWriter } = await import("../../app/modules/coverage/pdf/writer.server");
    const line = "گواهی برای \u2068Erika Beispiel\u2069 در \u2068Hauptstraße 12\u2069، ایمیل \u2068erika@example.org\u2069، ژوئن ۱۴۰۵ پچ";
    const w = createWriter({ rtl: true, title: "گواهی", lang: "fa" });
    w.paragraph(line);
    const pdf = await w.end();
    // The words as written, for copying and reading aloud.
    expect(pdfActualTexts(pdf)).toContain(line.replace(/[\u2066-\u2069]/g, ""));
    // As drawn, left to right on the page: the e-mail leftmost, then the street, then the name
    // (right to left between them), each of them and the Persian year left to right inside.
    const drawn = squeeze(pdfText(pdf).split("\n").join(""));
    const at = (piece: string) => drawn.indexOf(piece);
    for (const piece of ["ErikaBeispiel", "Hauptstraße12", "erika@example.org", "۱۴۰۵"]) expect(at(piece), piece).toBeGreaterThanOrEqual(0);
    expect(at("erika@example.org")).toBeLessThan(at("Hauptstraße12"));
    expect(at("Hauptstraße12")).toBeLessThan(at("ErikaBeispiel"));
    expect(at("۱۴۰۵")).toBeLessThan(at("erika@example.org"));
    // The Persian words right to left: "و" (a letter drawn as one glyph) of "ژوئن" after "ن" on the page.
    expect(drawn.slice(0, at("erika@example.org"))).toMatch(/ن.*و/);
    expect(visual(line, true).indexOf("erika@example.org")).toBeLessThan(visual(line, true).indexOf("ErikaBeispiel"));
  });
});
