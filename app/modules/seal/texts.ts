/**
 * A criterion's text in the visitor's language, else German (the catalogue's source language);
 * `fallback` says that German was shown, so the page can mark it (lang="de").
 */
type Texts = { title_de: string; title_en: string | null; title_ar: string | null; title_uk: string | null; evidence_de: string; evidence_en: string | null; evidence_ar: string | null; evidence_uk: string | null };

export function criterionText(c: Texts, lang: string, field: "title" | "evidence"): { text: string; lang: string } {
  const key = `${field}_${lang}` as keyof Texts;
  const own = lang !== "de" ? c[key] : null;
  return own ? { text: own, lang } : { text: c[`${field}_de`], lang: "de" };
}
