import { localDigits } from "../utils/dates";

/** Languages of the UI. German is the source; every other language must have every key. */
export const SUPPORTED_LANGUAGES = ["de", "en", "ar", "uk", "fa", "tr", "ru"] as const;
export type UiLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: UiLanguage = "de";
export const NAMESPACES = ["common", "auth", "office", "emails", "volunteers", "coverage", "rooms", "donations", "security", "legal", "sponsorships", "tandems", "import", "reports", "associations", "seal", "tasks", "privacy", "messages", "programmes", "directory"] as const;
export const RTL_LANGUAGES: readonly string[] = ["ar", "fa", "he", "ur", "ps"];

export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  de: "Deutsch",
  en: "English",
  ar: "العربية",
  uk: "Українська",
  fa: "فارسی",
  tr: "Türkçe",
  ru: "Русский",
};

export function isUiLanguage(v: unknown): v is UiLanguage {
  return typeof v === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(v);
}

/** Is a language written right to left (Arabic, Persian, …)? The one check; never compare with "ar". */
export function isRtl(lang: string | null | undefined): boolean {
  return typeof lang === "string" && RTL_LANGUAGES.includes(lang.split("-")[0].toLowerCase());
}

/** The `dir` attribute of a language. */
export function directionOf(lang: string | null | undefined): "rtl" | "ltr" {
  return isRtl(lang) ? "rtl" : "ltr";
}
export const dirOf = directionOf;

/**
 * Interpolation per page language. In right-to-left languages every interpolated value is
 * wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068 … U+2069): a phone number,
 * a time range, a German name or address keeps its own order inside Arabic text and does not
 * take the sentence's punctuation along (house style rule 11, ADR 0022). i18next calls this
 * "escaping"; React escapes markup itself, so nothing else is changed. Mails and PDFs use their
 * own instances (plain-text links must stay clean).
 */
export function interpolationFor(lang: string) {
  return directionOf(lang) === "rtl"
    ? { ...localNumbers, escapeValue: true, escape: (value: unknown) => `\u2068${String(value)}\u2069` }
    : { ...localNumbers, escapeValue: false };
}

/**
 * A number placed in a sentence (a count, a maximum, a year) in the digits `Intl` writes for the
 * language, as dates and times are (Persian: ۰–۹, `localDigits`, ADR 0043). Text values stay as
 * they are: codes, phone numbers and postcodes are stored text and keep their digits. Every
 * instance (pages on server and browser, mails, PDFs, messages) formats with it.
 */
export const localNumbers = {
  alwaysFormat: true,
  format: (value: unknown, _format: string | undefined, lng: string | undefined) => (typeof value === "number" && lng ? localDigits(String(value), lng) : value) as string,
};

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation: { ...localNumbers, escapeValue: false },
  react: { useSuspense: false },
};
