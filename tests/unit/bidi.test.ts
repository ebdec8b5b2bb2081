import { describe, expect, it } from "vitest";
import { createRequestI18n, getFixedT } from "../../app/i18n/i18next.server";
import { formatPhone, formatRange, isolate, isolateLtr, joinIsolated, stripIsolates } from "../../app/utils/bidi";
import { formatSlot } from "../../app/utils/dates";
import { languageName, uiLanguageName } from "../../app/utils/language-names";

const FSI = "\u2068";
const LRI = "\u2066";
const PDI = "\u2069";

describe("bidi helpers", () => {
  it("isolate values: first-strong for text, left-to-right for numbers, times and ranges", () => {
    expect(isolate("Erika Beispiel")).toBe(`${FSI}Erika Beispiel${PDI}`);
    expect(isolateLtr("AZ 51/2026")).toBe(`${LRI}AZ 51/2026${PDI}`);
    expect(formatPhone("02154 493489")).toBe(`${LRI}02154 493489${PDI}`);
    expect(formatPhone(null)).toBe("");
    expect(formatRange("18:00", "19:30")).toBe(`${LRI}18:00–19:30${PDI}`);
    expect(joinIsolated(["Deutsch (C1)", "Englisch (B2)"], "، ")).toBe(`${FSI}Deutsch (C1)${PDI}، ${FSI}Englisch (B2)${PDI}`);
    expect(stripIsolates(formatRange("18:00", "19:30"))).toBe("18:00–19:30");
  });
  it("a slot's time range is isolated in every language", () => {
    expect(formatSlot("2026-12-18T17:00:00Z", "2026-12-18T18:30:00Z", "ar")).toContain(`${LRI}18:00–19:30${PDI}`);
  });
});

describe("i18next interpolation", () => {
  it("wraps every interpolated value in FSI … PDI on Arabic pages", async () => {
    const ar = await createRequestI18n("ar");
    const text = ar.t("rooms:inbox.request", { room: "Gruppenraum Niersweg", date: "18.12.2026", time: "18:00–19:30", requester: "Erika Beispiel" });
    for (const v of ["Gruppenraum Niersweg", "18.12.2026", "18:00–19:30", "Erika Beispiel"]) expect(text).toContain(`${FSI}${v}${PDI}`);
    // Counts too ("26 Zoll", "1 Eintrag").
    expect(ar.t("office:inbox.listLabel", { count: 12 })).toContain(`${FSI}12${PDI}`);
  });
  it("leaves left-to-right pages and mails unchanged", async () => {
    const de = await createRequestI18n("de");
    expect(de.t("rooms:inbox.request", { room: "R", date: "D", time: "T", requester: "Q" })).not.toMatch(/[\u2066-\u2069]/);
    const mail = await getFixedT("ar", "common");
    expect(mail("errors.tooLong", { max: 10 })).not.toMatch(/[\u2066-\u2069]/);
  });
});

describe("language names in the UI language", () => {
  it("uses CLDR names, the German name in German, and the stored name for unknown codes", () => {
    expect(languageName("de", "ar", "Deutsch")).toBe("الألمانية");
    expect(languageName("uk", "en", "Ukrainisch")).toBe("Ukrainian");
    expect(languageName("ar", "de", "Arabisch")).toBe("Arabisch");
    expect(languageName("qqq", "ar", "Unbekannt")).toBe("Unbekannt");
    // UI languages: CLDR's name in the reader's language, German included; a code it does not know stays as it is.
    expect(uiLanguageName("fa", "de")).toBe("Persisch");
    expect(uiLanguageName("uk", "en")).toBe("Ukrainian");
    expect(uiLanguageName("ar", "ar")).toBe("العربية");
    expect(uiLanguageName("xx-unknown", "de")).toBe("xx-unknown");
  });
});

describe("mails in right-to-left languages (issue #18)", () => {
  it("isolate every value inside a sentence in Arabic and Persian, and leave links and left-to-right mails alone", async () => {
    process.env.BASE_URL = "http://localhost:3000";
    const { renderTemplate } = await import("../../emails/templates");
    for (const lang of ["ar", "fa"]) {
      const mail = await renderTemplate("verify-email", lang, { name: "Erika Beispiel", url: "http://localhost:3000/verify?token=abc" });
      expect(mail.text, lang).toContain(`${FSI}Erika Beispiel${PDI}`);
      expect(mail.text, lang).toContain("\nhttp://localhost:3000/verify?token=abc\n");
      expect(mail.html, lang).toContain(`lang="${lang}" dir="rtl"`);
    }
    for (const lang of ["de", "tr", "ru"]) {
      const mail = await renderTemplate("verify-email", lang, { name: "Erika Beispiel", url: "http://localhost:3000/verify?token=abc" });
      expect(mail.text, lang).not.toMatch(/[\u2066-\u2069]/);
    }
  });
});
