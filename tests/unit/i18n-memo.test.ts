import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nConfig, NAMESPACES, SUPPORTED_LANGUAGES } from "../../app/i18n/config";
import { memoizeTranslations } from "../../app/i18n/i18next.server";
import { resources } from "../../app/i18n/resources.server";

async function instance(lng: string) {
  const i = createInstance();
  await i.init({ ...i18nConfig, lng, resources });
  return i;
}

function leafKeys(tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe("memoized page translations", () => {
  // Every key of seven languages: a few seconds on a busy runner.
  it("give what i18next gives for every key, namespace and language, asked twice", { timeout: 30_000 }, async () => {
    for (const lng of SUPPORTED_LANGUAGES) {
      const plain = await instance(lng);
      const memo = memoizeTranslations(await instance(lng));
      for (const ns of NAMESPACES) {
        const tPlain = plain.getFixedT(lng, ns);
        const tMemo = memo.getFixedT(lng, ns);
        const keys = leafKeys((resources as Record<string, Record<string, unknown>>)[lng][ns]);
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
          const expected = tPlain(key);
          expect(tMemo(key)).toBe(expected);
          expect(tMemo(key)).toBe(expected);
        }
      }
    }
  });

  it("keep namespaces and key prefixes apart", async () => {
    const memo = memoizeTranslations(await instance("de"));
    const common = memo.getFixedT("de", "common");
    const rooms = memo.getFixedT("de", "rooms");
    // A key of the rooms namespace only: asked in common first (i18next answers with the key).
    const key = leafKeys((resources as Record<string, Record<string, unknown>>).de.rooms).find((k) => k !== "_note")!;
    expect(common(key)).toBe(key);
    expect(rooms(key)).not.toBe(key);
    expect(rooms(key)).toBe((await instance("de")).getFixedT("de", "rooms")(key));
    const prefixed = memo.getFixedT("de", "common", "pagination");
    expect(prefixed("next")).toBe(common("pagination.next"));
  });

  it("interpolate every call anew", async () => {
    const memo = memoizeTranslations(await instance("en"));
    const t = memo.getFixedT("en", "common");
    const a = t("pagination.summary", { page: 1, pages: 3, count: 120 });
    const b = t("pagination.summary", { page: 2, pages: 3, count: 120 });
    expect(a).not.toBe(b);
    expect(b).toContain("2");
  });
});
