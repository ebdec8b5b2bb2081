import type { Actor } from "~/auth/permissions";

/**
 * The office inbox's contract with the modules (`inbox.server.ts` collects, the modules provide):
 * an item is a translation key with values, a link, a severity and a date for sorting. Its own
 * file, so a provider does not import the inbox that imports the provider.
 */
export type InboxItem = {
  id: string;
  module: string;
  titleKey: string;
  values?: Record<string, string | number>;
  href: string;
  severity: "urgent" | "normal" | "info";
  date: string;
};
export type InboxProvider = (actor: Actor, now: Date) => Promise<InboxItem[]>;
