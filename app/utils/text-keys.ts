/**
 * Keys that make names sort and search the same on SQLite and PostgreSQL (issue #13). Neither
 * engine folds text the German way by itself: SQLite compares bytes ("Ö" after "Z") and folds
 * case for ASCII only; PostgreSQL follows the server's locale and its LIKE is case-sensitive. So
 * the folded text is computed here, stored next to the text (`name_key`, `activity_key`, …,
 * migration 0030) by the commands that write it, and lists order by it and search in it.
 */

/** Arabic short vowels and other marks (tashkeel), madda and hamza written above/below, superscript alef. */
const ARABIC_MARKS = /[\u064B-\u065F\u0670]/g;
/** Latin letters keep their base letter: accents and umlaut dots go. */
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * The sort and search key of a text, German order (DIN 5007-1): lower case, Ä as A, Ö as O, Ü as
 * U, ß as ss, other accents on Latin letters dropped ("Çelik" as "celik"). Arabic: alef with hamza
 * or madda (أ إ آ) and alef wasla (ٱ) as the bare alef, hamza on waw/yeh dropped, tashkeel and
 * tatweel dropped. Cyrillic keeps its letters (й, ї, ё stay themselves), only lower-cased.
 * Compared byte by byte (SQLite's default, `collate "C"` on PostgreSQL) the keys sort alike.
 */
export function germanSortKey(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(LATIN_MARKS, "$1")
    .replace(ARABIC_MARKS, "")
    .replace(/\u0640/g, "") // tatweel (kashida): stretches a word, is no letter
    .replace(/\u0671/g, "\u0627") // alef wasla as alef
    .replace(/ß/g, "ss")
    .normalize("NFC");
}

/** The key of a text that may be missing (nullable columns). */
export function germanSortKeyOrNull(text: string | null | undefined): string | null {
  return text == null ? null : germanSortKey(text);
}

/** Runs of anything but letters, digits and combining marks: what separates the words of a search. */
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * The folded words of a text, one space between them ("Straße-Fest, 2027!" → "strasse fest 2027"):
 * the full-text search of both engines (migration 0057, ADR 0046) then sees the same words, split
 * at the same places (PostgreSQL's parser would otherwise keep "a-b", e-mail addresses and host
 * names as tokens of their own, SQLite's tokenizer would not).
 */
export function searchWords(text: string): string {
  return germanSortKey(text).replace(NOT_WORD, " ").trim();
}

/** The stored search key of a titled text (offers, migration 0057): the title's words, a line break, the body's words. */
export function titledSearchKey(title: string, body: string): string {
  return `${searchWords(title)}\n${searchWords(body)}`;
}
