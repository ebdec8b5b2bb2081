import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NAMESPACES, SUPPORTED_LANGUAGES } from "../../app/i18n/config";

const dir = path.resolve(import.meta.dirname, "../../app/i18n/locales");
const keys = (o: Record<string, unknown>, pre = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${pre}${k}.`) : [`${pre}${k}`]));
const load = (lang: string, ns: string) => JSON.parse(fs.readFileSync(path.join(dir, lang, `${ns}.json`), "utf8")) as Record<string, unknown>;
// i18next plural forms differ per language (Arabic has six, Ukrainian four): compare base keys.
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");

describe("translations", () => {
  for (const ns of NAMESPACES) {
    const german = [...new Set(keys(load("de", ns)).map(base))];
    for (const lang of SUPPORTED_LANGUAGES.filter((l) => l !== "de")) {
      it(`${lang}/${ns}.json has every key German has`, () => {
        const have = new Set(keys(load(lang, ns)).map(base));
        expect(german.filter((k) => !have.has(k))).toEqual([]);
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
    }
  }
});
