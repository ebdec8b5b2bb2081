import type { MetaDescriptor } from "@remix-run/node";

type Match = { id: string; data: unknown };

/** Translated `<title>` from the page titles the root loader sends (keys in `app/i18n/titles.ts`). */
export function titleFrom(matches: Match[], key: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { titles?: Record<string, string> } | undefined;
  const text = root?.titles?.[key];
  return [{ title: text ? `${text} · Ehrenamt-Hub` : "Ehrenamt-Hub" }];
}
