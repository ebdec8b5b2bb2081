import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isRtl, NAMESPACES, SUPPORTED_LANGUAGES } from "../../app/i18n/config";

const dir = path.resolve(import.meta.dirname, "../../app/i18n/locales");
const keys = (o: Record<string, unknown>, pre = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${pre}${k}.`) : [`${pre}${k}`]));
const load = (lang: string, ns: string) => JSON.parse(fs.readFileSync(path.join(dir, lang, `${ns}.json`), "utf8")) as Record<string, unknown>;
// i18next plural forms differ per language (Arabic has six, Ukrainian four): compare base keys.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (k: string) => k.replace(PLURAL, "");
/** The plural categories of `lang` that more than one count falls into (0 … 1000; `other` always: in Russian it is the fractions). */
function sharedPluralCategories(lang: string): Set<string> {
  const rules = new Intl.PluralRules(lang);
  const seen = new Map<string, number>();
  for (let n = 0; n <= 1000; n++) seen.set(rules.select(n), (seen.get(rules.select(n)) ?? 0) + 1);
  return new Set(["other", ...[...seen].filter(([, times]) => times > 1).map(([c]) => c)]);
}

describe("translations", () => {
  it("every language has a directory with every namespace and no file of an unknown namespace", () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const files = fs.readdirSync(path.join(dir, lang)).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
      expect(files, lang).toEqual([...NAMESPACES].sort());
    }
  });

  for (const lang of SUPPORTED_LANGUAGES) {
    it(`every ${lang} file starts with a "_note" on who made it and that German is binding`, () => {
      for (const ns of NAMESPACES) {
        const file = load(lang, ns);
        expect(Object.keys(file)[0], `${lang}/${ns}.json`).toBe("_note");
        expect(typeof file._note === "string" && file._note.trim().length >= 20, `${lang}/${ns}.json`).toBe(true);
      }
    });
  }

  for (const ns of NAMESPACES) {
    const german = [...new Set(keys(load("de", ns)).map(base))];
    // The German keys that are plurals (`x_one`, `x_other`): each language needs its own categories.
    const pluralBases = [...new Set(keys(load("de", ns)).filter((k) => PLURAL.test(k)).map(base))];
    for (const lang of SUPPORTED_LANGUAGES.filter((l) => l !== "de")) {
      it(`${lang}/${ns}.json has every key German has`, () => {
        const have = new Set(keys(load(lang, ns)).map(base));
        expect(german.filter((k) => !have.has(k))).toEqual([]);
      });
      it(`${lang}/${ns}.json has every plural form ${lang} needs`, () => {
        const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        const have = new Set(keys(load(lang, ns)));
        const missing = pluralBases.flatMap((b) => needed.filter((c) => !have.has(`${b}_${c}`)).map((c) => `${b}_${c}`));
        expect(missing).toEqual([]);
      });
      it(`${lang}/${ns}.json says {{count}} in every plural form that stands for more than one number`, () => {
        // Persian `_one` is 0 and 1, Russian `_one` 1, 21, 31 …: a form without the number ("one
        // task") would be wrong for the others. Only a form of a single number (German `_one`,
        // Arabic `_zero`, `_one`, `_two`) may spell it out.
        const de = load("de", ns);
        const other = load(lang, ns);
        const get = (o: Record<string, unknown>, k: string) => k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)?.[p], o);
        const shared = sharedPluralCategories(lang);
        const missing = keys(other).filter((k) => {
          const m = PLURAL.exec(k);
          if (!m || !shared.has(m[1])) return false;
          const german = get(de, `${base(k)}_other`);
          return typeof german === "string" && german.includes("{{count}}") && !/\{\{\s*count\s*\}\}/.test(String(get(other, k)));
        });
        expect(missing).toEqual([]);
      });
      it(`${lang}/${ns}.json keeps every {{placeholder}} and <tag> of the German text`, () => {
        const de = load("de", ns);
        const other = load(lang, ns);
        const get = (o: Record<string, unknown>, k: string) => k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)?.[p], o);
        const problems: string[] = [];
        for (const k of keys(de)) {
          const d = String(get(de, k) ?? "");
          const candidates = keys(other).filter((x) => base(x) === base(k)).map((x) => String(get(other, x)));
          const want = [...d.matchAll(/\{\{\s*(\w+)\s*\}\}|<(\w+)>/g)].map((m) => m[1] ?? m[2]).filter((v) => v !== "count");
          for (const c of candidates) for (const w of want) if (!c.includes(w)) problems.push(`${k}: ${w}`);
        }
        expect(problems).toEqual([]);
      });
      if (isRtl(lang)) {
        // "A → B" (a path through the menus) reads the other way in right-to-left text: "A ← B".
        it(`${lang}/${ns}.json points its arrows the right-to-left way`, () => {
          const file = load(lang, ns);
          const get = (k: string) => String(k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)?.[p], file));
          expect(keys(file).filter((k) => /[→⇒➔]/.test(get(k)))).toEqual([]);
        });
      }
    }
  }
});

describe("Ukrainian wording (issue #18)", () => {
  // Every value of every uk file, with its key.
  const values = () =>
    NAMESPACES.flatMap((ns) => {
      const file = load("uk", ns);
      return keys(file)
        .filter((k) => k !== "_note")
        .map((k) => ({ key: `${ns}:${k}`, text: String(k.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)?.[p], file)) }));
    });

  it("addresses the reader as lower-case «ви», capitalised only at the start of a sentence", () => {
    // The usual form of Ukrainian public-service and interface texts, which speak to many readers:
    // «ви», «ваш» in lower case (the capital «Ви» is for a letter to one named person).
    const pronoun = /(?<![\p{L}'’ʼ])(Ви|Вас|Вам|Вами|Ваш\p{Ll}*)(?![\p{L}])/gu;
    const midSentence = values().flatMap(({ key, text }) =>
      [...text.matchAll(pronoun)].filter((m) => !/(^|[.!?…]\s*|\n\s*|^[«"„]|[.!?…]\s*[«"„])$/.test(text.slice(0, m.index))).map((m) => `${key}: …${text.slice(Math.max(0, m.index - 20), m.index + 12)}…`),
    );
    expect(midSentence).toEqual([]);
  });

  it("spells the town «Вілліх» everywhere (the issuer's German name «Stadt Willich» on documents aside)", () => {
    const other = values().filter(({ text }) => /Віліх|Вилих|Виллих|Willich(?!-)/.test(text.replace(/Stadt Willich/g, "")));
    expect(other.map((v) => `${v.key}: ${v.text.slice(0, 80)}`)).toEqual([]);
  });
});

describe("the plural check", () => {
  it("knows the categories of every UI language (a language i18next cannot pluralise would show the key)", () => {
    for (const lang of SUPPORTED_LANGUAGES) expect(new Intl.PluralRules(lang).resolvedOptions().pluralCategories, lang).toContain("other");
    expect(new Intl.PluralRules("ru").resolvedOptions().pluralCategories.sort()).toEqual(["few", "many", "one", "other"]);
    expect(new Intl.PluralRules("fa").resolvedOptions().pluralCategories.sort()).toEqual(["one", "other"]);
  });
  it("knows which forms stand for more than one number (these need {{count}})", () => {
    expect([...sharedPluralCategories("de")]).toEqual(["other"]);
    expect([...sharedPluralCategories("fa")].sort()).toEqual(["one", "other"]);
    expect([...sharedPluralCategories("ru")].sort()).toEqual(["few", "many", "one", "other"]);
    expect([...sharedPluralCategories("ar")].sort()).toEqual(["few", "many", "other"]);
  });
});
