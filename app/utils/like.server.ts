import { sql, type RawBuilder } from "kysely";
import { germanSortKey } from "./text-keys";

/** `%text%` with `%`, `_` and `\` taken literally (pair with `escape '\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column LIKE '%text%' ESCAPE '\'`: a substring search in which the user's `%`, `_` and `\`
 * are plain characters. (Without ESCAPE, SQLite would treat the backslashes as text.) LIKE is
 * case-insensitive for ASCII on SQLite and case-sensitive on PostgreSQL: use it only where the
 * column and `text` are already in one case, or through the helpers below.
 */
export function contains(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likePattern(text)} escape '\\'`;
}

/**
 * Searches a stored key column (`name_key`, `activity_key`, …, see `germanSortKey`) for a part of
 * the text: "müller" finds "MÜLLER", "strasse" finds "Straße", "احمد" finds "أحمد". Both sides
 * are folded by the same function, so SQLite and PostgreSQL find the same rows.
 */
export function containsFolded(keyColumn: string, text: string): RawBuilder<boolean> {
  return contains(keyColumn, germanSortKey(text));
}

/**
 * Case-insensitive search in ASCII text (e-mail addresses): `lower(column)` against the lower-cased
 * text. `lower()` folds ASCII on both engines (PostgreSQL folds other letters too, SQLite does
 * not), so it gives the same rows only for ASCII columns: names use `containsFolded`.
 */
export function containsAsciiIgnoringCase(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(text.toLowerCase())} escape '\\'`;
}

/**
 * A column stored in lower case (an account's e-mail address: the database refuses capitals A–Z
 * there, migration 0068): the search text is lower-cased, the column compared as stored, so no row
 * is lowered per search (on PostgreSQL `lower()` over 10,000 addresses cost 3 ms, issue #13).
 */
export function containsLowerCase(column: string, text: string): RawBuilder<boolean> {
  return contains(column, text.toLowerCase());
}

/** A column stored in upper case (household codes `H-…`): the search text is upper-cased too. */
export function containsUpperCase(column: string, text: string): RawBuilder<boolean> {
  return contains(column, text.toUpperCase());
}
