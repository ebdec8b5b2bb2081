/** Languages of the UI. German is the source; every other language must have every key. */
export const SUPPORTED_LANGUAGES = ["de", "en", "ar", "uk"] as const;
export type UiLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: UiLanguage = "de";
export const NAMESPACES = ["common", "auth", "office", "emails", "volunteers", "coverage", "rooms", "donations", "legal"] as const;
export const RTL_LANGUAGES: readonly string[] = ["ar", "fa", "he", "ur", "ps"];

export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  de: "Deutsch",
  en: "English",
  ar: "العربية",
  uk: "Українська",
};

export function isUiLanguage(v: unknown): v is UiLanguage {
  return typeof v === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(v);
}

export function directionOf(lang: string): "rtl" | "ltr" {
  return RTL_LANGUAGES.includes(lang) ? "rtl" : "ltr";
}

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};
