import { withTranslations } from "~/utils/localised-values";

/**
 * A donation category's name in the reader's language: one column per UI language (migration 0005:
 * de, en, ar, uk; migration 0060: fa, tr, ru). German is the source; an empty name (a category the
 * office has not translated yet) shows the German one. Shared by the server and the pages.
 */
export const CATEGORY_NAME_LANGUAGES = ["de", "en", "ar", "uk", "fa", "tr", "ru"] as const;
export type CategoryNameLanguage = (typeof CATEGORY_NAME_LANGUAGES)[number];
export type CategoryNames = { [L in CategoryNameLanguage as `name_${L}`]: string };

/** The name columns of `donation_category`: `["name_de", …, "name_ru"]`. */
export const CATEGORY_NAME_COLUMNS = CATEGORY_NAME_LANGUAGES.map((l) => `name_${l}` as const);

/** The name columns of `donation_category` under `alias`, for a select: `["c.name_de", …, "c.name_ru"]`. */
export function categoryNameColumns<A extends string>(alias: A): Array<`${A}.name_${CategoryNameLanguage}`> {
  return CATEGORY_NAME_LANGUAGES.map((l) => `${alias}.name_${l}` as const);
}

/** Just the names of a row (e.g. to pass a category's names to a page without its other columns). */
export function categoryNamesOf(c: CategoryNames): CategoryNames {
  return Object.fromEntries(CATEGORY_NAME_LANGUAGES.map((l) => [`name_${l}`, c[`name_${l}`]])) as CategoryNames;
}

export function categoryName(c: CategoryNames, lang: string): string {
  const own = (CATEGORY_NAME_LANGUAGES as readonly string[]).includes(lang) ? c[`name_${lang as CategoryNameLanguage}`] : undefined;
  return own?.trim() ? own : c.name_de;
}

/**
 * A category's names as the values of a title stored before its reader is known (a task, an inbox
 * hint): `key` the German name, `key@<lang>` the others; the reader's page picks with `valuesIn`.
 */
export function categoryNameValues(key: string, c: CategoryNames): Record<string, string> {
  return withTranslations(key, c.name_de, Object.fromEntries(CATEGORY_NAME_LANGUAGES.map((l) => [l, c[`name_${l}`]])));
}

/**
 * A row read with the name columns (`categoryNameColumns`) with those replaced by one field `key`,
 * the name in `lang` (German where it has none), where the names stood: e.g. an Art. 15 export's record.
 */
export function withCategoryName<R extends CategoryNames, K extends string>(row: R, lang: string, key: K): Omit<R, keyof CategoryNames> & Record<K, string> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (!(CATEGORY_NAME_COLUMNS as readonly string[]).includes(k)) out[k] = v;
    else if (!(key in out)) out[key] = categoryName(row, lang);
  }
  return out as Omit<R, keyof CategoryNames> & Record<K, string>;
}
