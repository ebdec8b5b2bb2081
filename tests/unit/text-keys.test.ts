/**
 * The sort and search key (`germanSortKey`, issue #13): German order (DIN 5007-1) whatever the
 * engine, case folded in every script, Arabic alef forms and tashkeel folded, Cyrillic kept.
 */
import { describe, expect, it } from "vitest";
import { germanSortKey, germanSortKeyOrNull } from "../../app/utils/text-keys";

const byKey = (names: string[]) => [...names].sort((a, b) => (germanSortKey(a) < germanSortKey(b) ? -1 : germanSortKey(a) > germanSortKey(b) ? 1 : a < b ? -1 : 1));

describe("germanSortKey", () => {
  it("reads umlauts as their base letter, ß as ss, any case as lower case", () => {
    expect(germanSortKey("Özdemir")).toBe("ozdemir");
    expect(germanSortKey("MÜLLER")).toBe(germanSortKey("müller"));
    expect(germanSortKey("Straße")).toBe(germanSortKey("STRASSE"));
    expect(germanSortKey("ẞ")).toBe("ss");
    expect(germanSortKey("Çelik Zoë")).toBe("celik zoe");
  });

  it("sorts Ö between O and P and lower-case names among upper-case ones", () => {
    expect(byKey(["Peters", "Özdemir", "Zander", "Olsen", "adler", "Ahrens", "Strauch", "Straße", "Stras"])).toEqual([
      "adler",
      "Ahrens",
      "Olsen",
      "Özdemir",
      "Peters",
      "Stras",
      "Straße",
      "Strauch",
      "Zander",
    ]);
  });

  it("folds Arabic alef forms, hamza carriers, tashkeel and tatweel", () => {
    expect(germanSortKey("أحمد")).toBe("احمد");
    expect(germanSortKey("إبراهيم")).toBe("ابراهيم");
    expect(germanSortKey("آمنة")).toBe("امنة");
    expect(germanSortKey("ٱلله")).toBe("الله");
    expect(germanSortKey("مُحَمَّد")).toBe("محمد");
    expect(germanSortKey("محـــمد")).toBe("محمد");
  });

  it("keeps Cyrillic letters (й, ї, ё) and lower-cases them", () => {
    expect(germanSortKey("Йосип")).toBe("йосип");
    expect(germanSortKey("ЇЖАК")).toBe("їжак");
    expect(germanSortKey("Ёлка")).toBe("ёлка");
  });

  it("keeps a missing text missing", () => {
    expect(germanSortKeyOrNull(null)).toBeNull();
    expect(germanSortKeyOrNull("Ärmel")).toBe("armel");
  });
});
