import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { FALLBACK_LANGUAGE, i18nConfig, interpolationFor, isRtl, isUiLanguage, localNumbers, type UiLanguage } from "./config";
import { resources } from "./resources.server";

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  // `secure` is set when serialising (set-language), so importing this reads no configuration.
});

/** Language of a request: the `lng` cookie, then `Accept-Language`, then German. */
export async function getLanguage(request: Request): Promise<UiLanguage> {
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie")).catch(() => null);
  if (isUiLanguage(chosen)) return chosen;
  return negotiateLanguage(request.headers.get("Accept-Language")) ?? FALLBACK_LANGUAGE;
}

// Codes a browser may send for a UI language: Dari (prs) and Iranian Persian (pes) read `fa`.
const LANGUAGE_ALIASES: Record<string, UiLanguage> = { prs: "fa", pes: "fa" };

/**
 * The first UI language in the reader's `Accept-Language` list, by weight and then by order,
 * matched on the language alone ("fa-AF" and "fa-IR" are `fa`, "tr-TR" is `tr`). A language the
 * hub does not speak is skipped, so "ku, ru;q=0.8" gives Russian, not German.
 */
export function negotiateLanguage(header: string | null | undefined): UiLanguage | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 40)
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { code: tag.trim().split("-")[0].toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((x) => x.code && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { code } of ranked) {
    const lang = LANGUAGE_ALIASES[code] ?? code;
    if (isUiLanguage(lang)) return lang;
  }
  return null;
}

const fixed = new Map<string, Promise<TFunction>>();
/** A translation function for a language (used by mails and server-side messages). */
export function getFixedT(lang: string, ns: string = "common"): Promise<TFunction> {
  const key = `${lang}:${ns}`;
  let t = fixed.get(key);
  if (!t) {
    const instance = createInstance();
    t = instance
      .init({ ...i18nConfig, lng: isUiLanguage(lang) ? lang : FALLBACK_LANGUAGE, resources })
      .then(() => instance.getFixedT(instance.language, ns));
    fixed.set(key, t);
  }
  return t;
}

const mailT = new Map<string, Promise<TFunction>>();
/**
 * The translation function of mails. In right-to-left languages (Arabic, Persian) every
 * interpolated value (a name, a street, a date, a phone number, an e-mail address) is isolated
 * (FSI … PDI) like on pages, so it reads in its own direction inside the sentence; a link stays
 * as it is, so mail programs still recognise it.
 */
export function getMailT(lang: string, ns: string = "emails"): Promise<TFunction> {
  const lng = isUiLanguage(lang) ? lang : FALLBACK_LANGUAGE;
  const key = `${lng}:${ns}`;
  let t = mailT.get(key);
  if (!t) {
    const instance = createInstance();
    const isolate = (value: unknown) => (/^(https?:|mailto:)/i.test(String(value)) ? String(value) : `\u2068${String(value)}\u2069`);
    const interpolation = isRtl(lng) ? { ...localNumbers, escapeValue: true, escape: isolate } : { ...localNumbers, escapeValue: false };
    t = instance.init({ ...i18nConfig, interpolation, lng, resources }).then(() => instance.getFixedT(instance.language, ns));
    mailT.set(key, t);
  }
  return t;
}

/**
 * The translation function of PDFs: values isolated in right-to-left languages as in mails. The
 * PDF writer lays each line out with the bidi algorithm, which honours the isolates, and does
 * not draw them.
 */
export const getDocumentT = getMailT;

const perLanguage = new Map<UiLanguage, Promise<ReturnType<typeof createInstance>>>();
/**
 * The i18next instance that renders pages in a language. One per language and process: the
 * resources are static and server renders never change an instance's language, so requests
 * share it (building one per request cost about 0.5 ms of CPU on every page).
 */
export function createRequestI18n(lang: UiLanguage) {
  let instance = perLanguage.get(lang);
  if (!instance) {
    const created = createInstance();
    instance = created.init({ ...i18nConfig, interpolation: interpolationFor(lang), lng: lang, resources }).then(() => memoizeTranslations(created));
    perLanguage.set(lang, instance);
  }
  return instance;
}

type I18n = ReturnType<typeof createInstance>;
const PLAIN_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);
const MAX_MEMOIZED = 20_000;

/**
 * Keeps the result of each plain lookup (a key without interpolation values or other options) of
 * a page instance: resources never change in a running process, and a page makes a few hundred
 * lookups (about 0.8 ms of CPU per page through i18next's resolver). Lookups with values,
 * defaults, counts or contexts go to i18next every time.
 */
export function memoizeTranslations(instance: I18n): I18n {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const memo = new Map<string, unknown>();
  const memoized = (...args: unknown[]) => {
    const [key, options] = args;
    if (args.length > 2 || typeof key !== "string" || (options !== undefined && (typeof options !== "object" || options === null))) return translate(...args);
    let memoKey = key;
    if (options) {
      for (const [name, value] of Object.entries(options)) {
        if (value === undefined) continue;
        if (!PLAIN_OPTIONS.has(name)) return translate(...args);
        memoKey = `${name}=${Array.isArray(value) ? value.join(",") : String(value)}\u0001${memoKey}`;
      }
    }
    if (memo.has(memoKey)) return memo.get(memoKey);
    const result = translate(...args);
    if (typeof result === "string" && memo.size < MAX_MEMOIZED) memo.set(memoKey, result);
    return result;
  };
  instance.t = memoized as unknown as I18n["t"];
  return instance;
}
