import type { TFunction } from "i18next";
import { isUiLanguage, LANGUAGE_NAMES } from "~/i18n/config";
import type { MailContent } from "./layout";

export type Template<D> = { name: string; build: (t: TFunction, data: D) => MailContent };

/** One template per message: its name, and how its content is built from the texts in `emails.json`. */
export function defineTemplate<D>(name: string, build: (t: TFunction, data: D) => MailContent): Template<D> {
  return { name, build };
}

/** A UI language in a mail to the office: its own name and code ("فارسی (fa)"), not the bare code. */
export function languageOf(code: string): string {
  return isUiLanguage(code) ? `${LANGUAGE_NAMES[code]} (${code})` : code;
}

/** The own name that `languageOf` puts into the mail, for `foreign`: the HTML marks it with its language. */
export function languageOfForeign(code: string): Array<{ text: string; lang: string }> {
  return isUiLanguage(code) ? [{ text: LANGUAGE_NAMES[code], lang: code }] : [];
}
