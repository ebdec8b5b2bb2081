export type CategoryOption = { id: number; depth: number; name_de: string; name_en: string; name_ar: string; name_uk: string };

/** A category's name in the reader's language, indented by its depth in the tree. */
export function categoryLabel(c: CategoryOption, lang: string): string {
  const name = lang === "en" ? c.name_en : lang === "ar" ? c.name_ar : lang === "uk" ? c.name_uk : c.name_de;
  return `${"– ".repeat(c.depth)}${name}`;
}
