/**
 * The values of a title that is stored or computed before its reader is known (a work-queue task, an
 * office inbox hint, a digest line) may hold a text in several languages: `key` the German one, the
 * source language, and `key@<lang>` another language's (e.g. a donation category's names). The page
 * or the mail picks the reader's with `valuesIn`; a language without its own keeps the German text.
 */
const SEPARATOR = "@";

/** `{ [key]: german, "key@en": …, … }` for the languages that have a text (empty ones are left out). */
export function withTranslations(key: string, german: string, others: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = { [key]: german };
  for (const [lang, text] of Object.entries(others)) if (lang !== "de" && text?.trim()) out[`${key}${SEPARATOR}${lang}`] = text;
  return out;
}

/** The values in `lang`: each `key` takes its `key@lang` text where there is one; the other languages' keys are dropped. */
export function valuesIn<V extends string | number>(values: Record<string, V>, lang: string): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(values)) if (!k.includes(SEPARATOR)) out[k] = v;
  for (const [k, v] of Object.entries(values)) {
    const at = k.indexOf(SEPARATOR);
    if (at > 0 && k.slice(at + 1) === lang && k.slice(0, at) in out) out[k.slice(0, at)] = v;
  }
  return out;
}
