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
  if (lang === "de") return german;
  return parseTranslations(json)[lang as RoomTextLanguage] ?? german;
}

/** Form field names of the translations (`descriptionAr`, `partsAr`). */
export const descriptionField = (lang: RoomTextLanguage) => `description${lang[0].toUpperCase()}${lang.slice(1)}` as const;
export const partsField = (lang: RoomTextLanguage) => `parts${lang[0].toUpperCase()}${lang.slice(1)}` as const;
