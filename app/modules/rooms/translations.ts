/**
 * Room texts in the visitor's language (ADR 0022): the office enters the description and the
 * names of the bookable parts in German and, optionally, per other UI language; a missing
 * translation falls back to German. Stored as a JSON object beside the German text.
 */
/** Every UI language but German (the source); fa, tr and ru since issue #18 (the JSON needs no migration). */
export const ROOM_TEXT_LANGUAGES = ["en", "ar", "uk", "fa", "tr", "ru"] as const;
export type RoomTextLanguage = (typeof ROOM_TEXT_LANGUAGES)[number];
export type Translations = Partial<Record<RoomTextLanguage, string>>;

/** The stored JSON, tolerant of anything unexpected (an old row, a hand edit): never throws. */
export function parseTranslations(json: string | null | undefined): Translations {
  if (!json) return {};
  try {
    const o = JSON.parse(json) as unknown;
    if (!o || typeof o !== "object" || Array.isArray(o)) return {};
    const out: Translations = {};
    for (const lang of ROOM_TEXT_LANGUAGES) {
      const v = (o as Record<string, unknown>)[lang];
      if (typeof v === "string" && v.trim()) out[lang] = v;
    }
    return out;
  } catch {
    return {};
  }
}

export function serialiseTranslations(t: Translations): string {
  const out: Translations = {};
  for (const lang of ROOM_TEXT_LANGUAGES) if (t[lang]?.trim()) out[lang] = t[lang]!.trim();
  return JSON.stringify(out);
}

/** The text in `lang`, or the German one. */
export function localised(german: string, json: string | null | undefined, lang: string): string {
  return localisedText(german, json, lang).text;
}

/** A room text as shown, with the language it is in: `lang`'s translation, else German (`"de"`). */
export type ShownText = { text: string; lang: string };

/**
 * The text in `lang` and the language it is in. A page (or mail) that shows the German fallback
 * inside another language marks it `lang="de"`, so screen readers read it in German (`langAttr`).
 */
export function localisedText(german: string, json: string | null | undefined, lang: string): ShownText {
  if (lang === "de") return { text: german, lang: "de" };
  const own = parseTranslations(json)[lang as RoomTextLanguage];
  return own ? { text: own, lang } : { text: german, lang: "de" };
}

/** The `lang` attribute a shown text needs inside a page in `pageLang`: none when it is the page's. */
export const langAttr = (shown: ShownText, pageLang: string): string | undefined => (shown.lang === pageLang ? undefined : shown.lang);

/** The translations of one text from a form's values: `base` + language (`rulesAr`, `altFa`). */
export function translationsFrom(values: Record<string, unknown>, base: string): Translations {
  const out: Translations = {};
  for (const lang of ROOM_TEXT_LANGUAGES) {
    const v = values[textField(base, lang)];
    if (typeof v === "string" && v.trim()) out[lang] = v.trim();
  }
  return out;
}

/** The form's fields of one text's translations, filled from the stored JSON (`{ rulesAr: "…" }`). */
export function translationDefaults(base: string, json: string | null | undefined): Record<string, string> {
  const t = parseTranslations(json);
  return Object.fromEntries(ROOM_TEXT_LANGUAGES.map((lang) => [textField(base, lang), t[lang] ?? ""]));
}

/** Form field name of a text's translation: `base` + language (`descriptionAr`, `keyPickupPlaceFa`, `rulesRu`). */
export const textField = <B extends string>(base: B, lang: RoomTextLanguage) => `${base}${lang[0].toUpperCase()}${lang.slice(1)}` as const;
export const descriptionField = (lang: RoomTextLanguage) => textField("description", lang);
export const partsField = (lang: RoomTextLanguage) => textField("parts", lang);
