/**
 * Issue #18: Persian (right to left), Turkish and Russian as UI languages: chosen from the
 * browser's Accept-Language, named in their own language, one direction helper.
 */
import { describe, expect, it } from "vitest";
import { directionOf, isRtl, LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "../../app/i18n/config";
import { getLanguage } from "../../app/i18n/i18next.server";

const ask = (acceptLanguage: string) => getLanguage(new Request("http://localhost/", { headers: { "Accept-Language": acceptLanguage } }));

describe("UI languages", () => {
  it("offers German, English, Arabic, Ukrainian, Persian, Turkish and Russian, each in its own name", () => {
    expect(SUPPORTED_LANGUAGES).toEqual(["de", "en", "ar", "uk", "fa", "tr", "ru"]);
    expect(Object.values(LANGUAGE_NAMES)).toEqual(["Deutsch", "English", "العربية", "Українська", "فارسی", "Türkçe", "Русский"]);
  });
  it("writes Arabic and Persian right to left, the others left to right", () => {
    expect(SUPPORTED_LANGUAGES.filter(isRtl)).toEqual(["ar", "fa"]);
    expect(directionOf("fa")).toBe("rtl");
    expect(directionOf("fa-AF")).toBe("rtl");
    expect(directionOf("tr")).toBe("ltr");
    expect(directionOf(undefined)).toBe("ltr");
  });
  it("picks the language from the browser's Accept-Language header", async () => {
    expect(await ask("fa-IR,fa;q=0.9,en;q=0.8")).toBe("fa");
    expect(await ask("fa-AF,fa;q=0.9")).toBe("fa");
    expect(await ask("tr-TR,tr;q=0.9,de;q=0.5")).toBe("tr");
    expect(await ask("ru-RU,ru;q=0.9")).toBe("ru");
    expect(await ask("ku,ru;q=0.8,de;q=0.7")).toBe("ru");
    expect(await ask("zh-CN")).toBe("de");
  });
  it("keeps a chosen language (cookie) over the header", async () => {
    const req = new Request("http://localhost/", { headers: { "Accept-Language": "de-DE", Cookie: "lng=ImZhIg%3D%3D" } });
    expect(await getLanguage(req)).toBe("fa");
  });
});

describe("Accept-Language", () => {
  it("weighs the list and reads Dari and regional tags as Persian", async () => {
    const { negotiateLanguage } = await import("../../app/i18n/i18next.server");
    expect(negotiateLanguage("prs-AF")).toBe("fa");
    expect(negotiateLanguage("en;q=0.5, tr;q=0.9")).toBe("tr");
    expect(negotiateLanguage("ru;q=0, uk")).toBe("uk");
    expect(negotiateLanguage("*")).toBeNull();
    expect(negotiateLanguage("")).toBeNull();
  });
});
