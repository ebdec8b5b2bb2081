/**
 * Reading level of German text: the Flesch reading ease adapted to German by Toni Amstad (1978),
 *   FRE = 180 − ASL − 58.5 × ASW
 * ASL = words per sentence, ASW = syllables per word. 60–70 reads as "normal", above 70 as "easy";
 * the plain-language pages are held at ≥ 60 (tests/integration/plain-language.test.ts).
 *
 * No npm package counts German syllables (the `syllable` package knows English only; `hyphen` and
 * `hyphenation.de` find hyphenation points, which leave out one-letter syllables such as "A-bend"),
 * so the count is done here, by rule:
 * - a syllable is a vowel (a e i o u ä ö ü y) or one of the vowel pairs read as one sound:
 *   the diphthongs ei ai au äu eu ey ay, "ie", and the long vowels aa ee oo;
 * - other vowels side by side are separate syllables ("Si-tu-a-ti-on", "Ka-fe-e" is not one);
 * - "qu" is a consonant ("Quel-le");
 * - every word has at least one syllable (abbreviations such as "PDF").
 * It errs where a pair spans two syllables ("Fa-mi-li-e" counts 3, "Mu-se-um" 2): rare in plain text.
 */

const VOWELS = new Set("aeiouäöüy");
const ONE_SOUND = new Set(["ei", "ai", "au", "äu", "eu", "ey", "ay", "ie", "aa", "ee", "oo"]);

/** Syllables of one German word (letters only are looked at; hyphens join parts of a compound). */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/qu/g, "kw");
  let count = 0;
  let i = 0;
  while (i < w.length) {
    if (!VOWELS.has(w[i])) {
      i += 1;
      continue;
    }
    count += 1;
    i += VOWELS.has(w[i + 1] ?? "") && ONE_SOUND.has(w.slice(i, i + 2)) ? 2 : 1;
  }
  return Math.max(1, count);
}

/** Words of a line: runs of letters (hyphens and apostrophes inside words kept); numbers, e-mail addresses and signs are no words. */
export function wordsOf(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((t) => !/[@/]/.test(t)) // e-mail addresses, paths, web addresses
    .map((t) => t.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ""))
    .filter((t) => /\p{L}/u.test(t));
}

/**
 * Sentences of a text given as lines: a line (a heading, a list item, a button, a paragraph) ends a
 * sentence, and so do ".", "!" and "?" followed by a space inside a line. Lines without a word are dropped.
 */
export function sentencesOf(lines: string[]): string[] {
  return lines
    .flatMap((l) => l.split(/(?<=[.!?])\s+/))
    .map((s) => s.trim())
    .filter((s) => wordsOf(s).length > 0);
}

export type Readability = { sentences: number; words: number; syllables: number; asl: number; asw: number; score: number };

/** Flesch-Amstad of the lines, with the counts it came from. */
export function fleschAmstad(lines: string[] | string): Readability {
  const sentences = sentencesOf(typeof lines === "string" ? lines.split("\n") : lines);
  const words = sentences.flatMap(wordsOf);
  const syllables = words.reduce((n, w) => n + countSyllables(w), 0);
  if (words.length === 0) return { sentences: 0, words: 0, syllables: 0, asl: 0, asw: 0, score: 180 };
  const asl = words.length / sentences.length;
  const asw = syllables / words.length;
  return { sentences: sentences.length, words: words.length, syllables, asl, asw, score: 180 - asl - 58.5 * asw };
}

const BLOCKS = "address|article|aside|blockquote|button|caption|dd|div|dl|dt|fieldset|figcaption|footer|form|h[1-6]|header|label|legend|li|main|nav|ol|p|section|table|tbody|td|th|thead|tr|ul";

/**
 * The main text of rendered HTML as lines: every block element (heading, paragraph, list item, table
 * cell, label, button…) and every `<br>` starts a new line; inline elements (links, badges) stay in
 * their line. Scripts, styles and the option lists of dropdowns (names to pick from, not text to
 * read) are left out.
 */
export function linesOfHtml(html: string): string[] {
  return html
    .replace(/<(script|style|template|select)\b[\s\S]*?<\/\1>/gi, "\n")
    .replace(new RegExp(`</?(?:${BLOCKS})\\b[^>]*>|<br\\s*/?>`, "gi"), "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;|&#160;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

/** Why a text misses the reading level (`null` when it reaches it): the score and what it came from. */
export function readingLevelProblem(lines: string[], min: number): string | null {
  const r = fleschAmstad(lines);
  if (r.words === 0) return "no text to measure";
  if (r.score >= min) return null;
  return `Flesch-Amstad ${r.score.toFixed(1)} < ${min}: ${r.words} words in ${r.sentences} sentences (${r.asl.toFixed(1)} words per sentence), ${r.asw.toFixed(2)} syllables per word`;
}
