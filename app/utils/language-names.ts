/**
 * Names of languages (master data: `language.code`, ISO 639) in the reader's UI language, from
 * the platform's CLDR data (`Intl.DisplayNames`): "Deutsch" reads "الألمانية" in the Arabic UI.
 * A code the platform does not know falls back to the stored German name.
 */
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

/** "Arabic – العربية": the name in the UI language, and the language's own name when it differs. */
export function languageLabel(l: { code: string; name_native: string; name_de: string }, uiLang: string): string {
  const name = languageName(l.code, uiLang, l.name_de);
  return name === l.name_native ? name : `${name} – ${l.name_native}`;
}

/**
 * A UI language (de, en, ar, uk, fa, tr, ru) for a choice list: its name in the reader's language
 * and its own name ("Persisch – فارسی"); just the own name when the two are the same.
 */
export function uiLanguageLabel(code: string, uiLang: string, ownName: string): string {
  let name: string | undefined;
  try {
    name = namesIn(uiLang)?.of(code);
  } catch {
    name = undefined;
  }
  return !name || name === ownName ? ownName : `${name} – ${ownName}`;
}
