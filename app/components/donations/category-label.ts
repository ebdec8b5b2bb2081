import { categoryName, type CategoryNames } from "~/modules/donations/category-names";

export type CategoryOption = CategoryNames & { id: number; depth: number };

/** A category's name in the reader's language, indented by its depth in the tree. */
export function categoryLabel(c: CategoryOption, lang: string): string {
  return `${"– ".repeat(c.depth)}${categoryName(c, lang)}`;
}
