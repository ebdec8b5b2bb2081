import type { Actor } from "~/auth/permissions";

/**
 * The office inbox's contract with the modules (`inbox.server.ts` collects, the modules provide):
 * an item is a translation key with values, a link, a severity and a date for sorting; items with
 * the same `group` key are shown as one line with a count. Its own file, so a provider does not
 * import the inbox that imports the provider.
 */
export type InboxItem = {
  id: string;
  module: InboxModule;
  titleKey: string;
  values?: Record<string, string | number>;
  href: string;
  severity: "urgent" | "normal" | "info";
  date: string;
  group?: { key: string; titleKey: string; values?: Record<string, string | number> };
};
/**
 * A line of the inbox: one item, or a group of items of one kind (`children`, at most as many as a
 * module shows; `more` counts the rest and links to the module's full list).
 */
export type InboxEntry = InboxItem & { children?: InboxItem[]; more?: { count: number; href: string | null } };

/** The modules that feed the inbox; each has a label `office:inbox.modules.<module>` in every language. */
export const INBOX_MODULES = ["organisations", "mail", "volunteers", "coverage", "rooms", "donations", "sponsorships", "seal", "privacy"] as const;
export type InboxModule = (typeof INBOX_MODULES)[number];
/**
 * `tasksInQueue`: the actor works the office's task queue (ADR 0036), which already lists every
 * item whose kind is a task; a provider then leaves those out and does not even read them (the
 * start page showed the queue and ran the same queries a second time, only to drop their items).
 */
export type InboxContext = { tasksInQueue: boolean };
export type InboxProvider = (actor: Actor, now: Date, ctx?: InboxContext) => Promise<InboxItem[]>;
