/**
 * Names of languages (master data: `language.code`, ISO 639) in the reader's UI language, from
 * the platform's CLDR data (`Intl.DisplayNames`): "Deutsch" reads "الألمانية" in the Arabic UI.
 * A code the platform does not know falls back to the stored German name.
 *
 * Where a language is named (issue #18, WCAG 3.1.2; docs/adding-a-language.md):
 * - in the reader's language, as plain text (these functions): in sentences, lists of a
 *   record's languages, filter summaries, and in `<select>` options, which hold one language only;
 * - with the language's own name beside it, marked with its language (`LanguageLabel`,
 *   `UiLanguageLabel` in `app/components/language-name.tsx`): where people pick the languages they
 *   speak (checkbox lists) and where a form asks for a text per language (its fieldset's legend);
 * - in its own name only, marked (the language switcher, the office's page texts per language).
 */
import { isUiLanguage, LANGUAGE_NAMES } from "~/i18n/config";

const cache = new Map<string, Intl.DisplayNames | null>();

function namesIn(uiLang: string): Intl.DisplayNames | null {
  let names = cache.get(uiLang);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([uiLang], { type: "language", fallback: "none" });
    } catch {
      names = null;
    }
    cache.set(uiLang, names);
  }
  return names;
}

export function languageName(code: string, uiLang: string, fallback: string): string {
  if (uiLang === "de") return fallback;
  try {
    return namesIn(uiLang)?.of(code) ?? fallback;
  } catch {
    return fallback;
  }
}

/**
 * A UI language (de, en, ar, uk, fa, tr, ru) in the reader's language ("Persisch" in the German UI,
 * "Persian" in the English one); its own name when the platform knows no other, a code as it is.
 */
export function uiLanguageName(code: string, uiLang: string): string {
  const ownName = isUiLanguage(code) ? LANGUAGE_NAMES[code] : code;
  let name: string | undefined;
  try {
    name = namesIn(uiLang)?.of(code);
  } catch {
    name = undefined;
  }
  return name || ownName;
}

