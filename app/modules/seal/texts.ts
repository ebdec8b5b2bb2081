const TRANSLATED = ["en", "ar", "uk", "fa", "tr", "ru"] as const;
type Translated = (typeof TRANSLATED)[number];
/** German is required; the other UI languages are optional (fa, tr, ru since migration 0060). */
type Texts = { title_de: string; evidence_de: string } & { [L in Translated as `title_${L}` | `evidence_${L}`]: string | null };

/**
 * A criterion's text in the visitor's language, else German (the catalogue's source language);
 * `fallback` says that German was shown, so the page can mark it (lang="de").
 */
export function criterionText(c: Texts, lang: string, field: "title" | "evidence"): { text: string; lang: string } {
  const own = (TRANSLATED as readonly string[]).includes(lang) ? c[`${field}_${lang as Translated}`] : null;
  return own ? { text: own, lang } : { text: c[`${field}_de`], lang: "de" };
}
