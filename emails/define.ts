import type { TFunction } from "i18next";
import type { MailContent } from "./layout";

export type Template<D> = { name: string; build: (t: TFunction, data: D) => MailContent };

/** One template per message: its name, and how its content is built from the texts in `emails.json`. */
export function defineTemplate<D>(name: string, build: (t: TFunction, data: D) => MailContent): Template<D> {
  return { name, build };
}
