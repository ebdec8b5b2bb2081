import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { FALLBACK_LANGUAGE, i18nConfig, interpolationFor, isRtl, isUiLanguage, SUPPORTED_LANGUAGES, type UiLanguage } from "./config";
import { resources } from "./resources.server";

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  // `secure` is set when serialising (set-language), so importing this reads no configuration.
});

const remixI18n = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: languageCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});

/** Language of a request: the `lng` cookie, then `Accept-Language`, then German. */
export async function getLanguage(request: Request): Promise<UiLanguage> {
  const lang = await remixI18n.getLocale(request);
  return isUiLanguage(lang) ? lang : FALLBACK_LANGUAGE;
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
    const interpolation = isRtl(lng) ? { escapeValue: true, escape: isolate } : { escapeValue: false };
    t = instance.init({ ...i18nConfig, interpolation, lng, resources }).then(() => instance.getFixedT(instance.language, ns));
    mailT.set(key, t);
  }
  return t;
}

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
