/**
 * The German reading-level measure behind the plain-language test (tests/setup/readability.ts):
 * syllables by rule, words, sentences, Flesch-Amstad, and that a hard text fails where a plain one passes.
 */
import { describe, expect, it } from "vitest";
import { countSyllables, fleschAmstad, linesOfHtml, readingLevelProblem, sentencesOf, wordsOf } from "../setup/readability";

describe("countSyllables (German)", () => {
  it.each([
    ["Haus", 1],
    ["Tee", 1],
    ["Saal", 1],
    ["Boot", 1],
    ["Spende", 2],
    ["Beispiel", 2],
    ["Häuser", 2],
    ["Bäume", 2],
    ["Feuer", 2],
    ["Eier", 2],
    ["neue", 2],
    ["Quelle", 2],
    ["Ehrenamt", 3],
    ["Patenschaft", 3],
    ["Gruppenraum", 3],
    ["Übersetzung", 4],
    ["Öffnungszeiten", 4],
    ["Situation", 5],
    ["E-Mail-Adresse", 5],
    ["Handy", 2],
    ["PDF", 1],
  ])("%s has %i", (word, n) => {
    expect(countSyllables(word)).toBe(n);
  });

  it("counts capitals like small letters", () => {
    expect(countSyllables("ÜBERSETZUNG")).toBe(countSyllables("Übersetzung"));
  });

  it("reads ie as one sound, so a spoken -i-e ending counts one short (a known limit)", () => {
    expect(countSyllables("Familie")).toBe(3);
  });
});

describe("words and sentences", () => {
  it("takes words of letters and leaves out numbers, e-mail addresses and signs", () => {
    expect(wordsOf("Um 22:00 Uhr – bitte an buero@example.org schreiben (E-Mail)!")).toEqual(["Um", "Uhr", "bitte", "an", "schreiben", "E-Mail"]);
  });

  it("ends a sentence at a line's end and at . ! ? followed by a space, not inside a date", () => {
    expect(sentencesOf(["Wer fragt an?", "Am 05.12.2026 ist frei. Kommen Sie! Danke", "–"])).toEqual(["Wer fragt an?", "Am 05.12.2026 ist frei.", "Kommen Sie!", "Danke"]);
  });
});

describe("fleschAmstad", () => {
  it("is 180 − words per sentence − 58.5 × syllables per word", () => {
    // 2 sentences, 8 words, 9 syllables: only "Gar-ten" has two.
    const r = fleschAmstad(["Das Haus ist rot.", "Der Garten ist grün."]);
    expect(r).toMatchObject({ sentences: 2, words: 8, syllables: 9 });
    expect(r.score).toBeCloseTo(180 - 4 - 58.5 * (9 / 8), 6);
  });

  const plain = [
    "Hier fragen Sie den Raum an.",
    "Füllen Sie das Formular aus.",
    "Wir prüfen Ihre Anfrage.",
    "Dann bekommen Sie eine E-Mail.",
  ];
  const hard = [
    "Die Koordinierungsstelle vermittelt Sachspenden möglichst unmittelbar an bedürftige Haushalte, wobei Elektrogeräte ausschließlich nach erfolgter sicherheitstechnischer Überprüfung entgegengenommen werden können.",
    "Offene Anfragen anderer Nutzungsberechtigter entfalten keine Sperrwirkung hinsichtlich der Belegungsplanung.",
  ];

  it("scores plain German at 60 or more and hard German below", () => {
    expect(fleschAmstad(plain).score).toBeGreaterThanOrEqual(60);
    expect(fleschAmstad(hard).score).toBeLessThan(60);
  });

  it("makes a page fail when its text gets harder", () => {
    expect(readingLevelProblem(plain, 60)).toBeNull();
    expect(readingLevelProblem([...plain, ...hard], 60)).toMatch(/^Flesch-Amstad -?\d+\.\d < 60/);
    expect(readingLevelProblem([], 60)).toBe("no text to measure");
  });
});

describe("linesOfHtml", () => {
  it("starts a line at every block and <br>, keeps links in their line, leaves out styles and dropdown options", () => {
    const html =
      '<style>.x{}</style><h1>Räume</h1><p>Erst fragen.<br/>Dann <a href="/x">kommen</a>.</p><label for="s">Thema</label><select id="s"><option>Alle</option><option>Sport</option></select><ul><li>Eins &amp; zwei</li></ul>';
    expect(linesOfHtml(html)).toEqual(["Räume", "Erst fragen.", "Dann kommen.", "Thema", "Eins & zwei"]);
  });
});
